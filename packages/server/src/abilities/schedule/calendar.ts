// Where a user's events live: the embedded calendar (the platform's database) or the user's
// own CalDAV calendar. Both hold calendar objects — one UID's VEVENTs as iCalendar text — and
// the schedule (schedule.ts) does the rest the same way for both.

export interface CalendarObject {
  uid: string;
  ics: string;
  /** Version of the object (an HTTP ETag for CalDAV); a change names the one it read. */
  etag: string;
}

export type CalendarErrorCode =
  /** The server refused the credentials (401/403). */
  | "unauthorized"
  /** The server could not be reached or did not answer in time. */
  | "unreachable"
  /** The URL (or a redirect, or the address its name resolves to) is refused by the outbound policy. */
  | "refused"
  /** The object changed on the server since it was read (412), or already exists. */
  | "conflict"
  | "not_found"
  /** The server or the input said the data was not acceptable. */
  | "invalid";

export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  constructor(code: CalendarErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export interface CalendarBackend {
  readonly kind: "embedded" | "caldav";
  /** Objects that may have an occurrence overlapping [from, to) (expansion decides). */
  objectsIn(from: number, to: number): Promise<CalendarObject[]>;
  all(): Promise<CalendarObject[]>;
  get(uid: string): Promise<CalendarObject | undefined>;
  /**
   * Creates (etag null: must not exist) or replaces (etag: must still be that version) an
   * object; resolves with the stored object and its new etag.
   */
  put(uid: string, ics: string, etag: string | null): Promise<CalendarObject>;
  /** Deletes the object if it is still at `etag`; false when it was already gone. */
  delete(uid: string, etag: string): Promise<boolean>;
}
