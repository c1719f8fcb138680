// The user the console's per-user pages (Home, Alerts, Schedule) show: kept for the tab, set
// when the simulator logs in as a user, "console" until then.
import { useEffect, useState } from "react";

const USER_KEY = "clover.console.user";
export const DEFAULT_USER = "console";

export function consoleUser(): string {
  return sessionStorage.getItem(USER_KEY) ?? DEFAULT_USER;
}

export function setConsoleUser(userId: string): void {
  sessionStorage.setItem(USER_KEY, userId);
  window.dispatchEvent(new Event("clover:user"));
}

/** The current user and a setter; every page using it follows a change. */
export function useConsoleUser(): [string, (userId: string) => void] {
  const [user, setUser] = useState(consoleUser);
  useEffect(() => {
    const update = () => setUser(consoleUser());
    window.addEventListener("clover:user", update);
    return () => window.removeEventListener("clover:user", update);
  }, []);
  return [user, setConsoleUser];
}
