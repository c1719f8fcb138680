// What the simulator shows of a turn, and the platform's conversation log
// (GET /api/v1/conversations) that adds the CEK exchange of each turn.
import type { LoggedTurn } from "@clover/server";
import { ApiError, api } from "../api.js";
import type { Directive, EventResult } from "./device.js";

/** One turn as the platform logged it (GET /api/v1/conversations). */
export type { LoggedTurn };

/** True when the platform has no such route (as opposed to a missing extension). */
export const missingEndpoint = (e: unknown) =>
  e instanceof ApiError && e.status === 404 && e.message.startsWith("no such endpoint");

export interface Turn {
  id: string;
  said: string;
  spoken: boolean;
  result?: EventResult;
  pushed?: Directive[];
  audioUrls: string[];
  dialog?: LoggedTurn | "unavailable" | "none";
  error?: string;
  /** A line of the simulator itself between turns (e.g. "New session"). */
  note?: string;
}

/** Speak URLs of a turn: attachments as Blob URLs (cid:…), other URLs as they are. */
export function speechUrls(directives: Directive[], attachments: Map<string, Blob>): string[] {
  const urls: string[] = [];
  for (const d of directives) {
    if (d.header.name !== "Speak") continue;
    const url = String(d.payload["url"] ?? "");
    if (url.startsWith("cid:")) {
      const blob = attachments.get(url.slice(4));
      if (blob) urls.push(URL.createObjectURL(blob));
    } else if (/^https?:/.test(url)) urls.push(url);
  }
  return urls;
}

let logMissing = false;

/** The platform's log entry of one turn, when the platform keeps a log. */
export async function dialogOf(deviceId: string, dialogRequestId: string): Promise<Turn["dialog"]> {
  if (logMissing) return "unavailable";
  try {
    const query = new URLSearchParams({ deviceId, limit: "20" });
    const { turns } = await api<{ turns: LoggedTurn[] }>("GET", `/api/v1/conversations?${query}`);
    return turns.find((t) => t.dialogRequestId === dialogRequestId) ?? "none";
  } catch (e) {
    if (missingEndpoint(e)) {
      logMissing = true;
      return "unavailable";
    }
    return "none";
  }
}
