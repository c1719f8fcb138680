// Client routes under /console/ with the History API (the server answers index.html for them).
import { useEffect, useState } from "react";

export const BASE = "/console";

export function navigate(to: string): void {
  history.pushState(null, "", `${BASE}${to}`);
  window.dispatchEvent(new Event("clover:navigate"));
  window.scrollTo(0, 0);
}

/** The current route, relative to the console's base ("/", "/extensions/x", ...). */
const read = () => location.pathname.slice(BASE.length).replace(/\/+$/, "") || "/";

export function useRoute(): string {
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const update = () => setRoute(read());
    window.addEventListener("popstate", update);
    window.addEventListener("clover:navigate", update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener("clover:navigate", update);
    };
  }, []);
  return route;
}

/** `<a>` that navigates inside the app (a modified click still opens a new tab). */
export function linkProps(to: string) {
  return {
    href: `${BASE}${to}`,
    onClick: (event: React.MouseEvent) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      navigate(to);
    },
  };
}
