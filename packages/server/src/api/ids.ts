// Length and character limits of every id the management API accepts (docs/security.md
// "Identifiers"): a bad id is a 400 naming it, before anything is stored or looked up.
import { ApiError } from "./http.js";
import { decodeSegment } from "./url.js";

/** User ids: letters, digits and . _ @ + : - ; 1–128 characters; not only dots. */
const USER_ID = /^[A-Za-z0-9._@+:-]{1,128}$/;
/** Other ids in paths (extension ids, codes): printable ASCII without / \ and spaces, ≤ 200. */
const PATH_ID = /^[\x21-\x7e]{1,200}$/;

export function checkUserId(value: unknown, name = "userId"): string {
  if (typeof value !== "string" || !USER_ID.test(value) || /^\.+$/.test(value))
    throw new ApiError(
      400,
      "invalid_id",
      `${name}: expected 1-128 letters, digits or . _ @ + : - (got ${describe(value)})`,
      [{ path: name, message: `${name}: not a valid user id` }],
    );
  return value;
}

export function checkPathId(value: string, name: string): string {
  if (!PATH_ID.test(value) || /[/\\]/.test(value) || /^\.+$/.test(value))
    throw new ApiError(400, "invalid_id", `${name}: not a valid id (got ${describe(value)})`, [
      { path: name, message: `${name}: not a valid id` },
    ]);
  return value;
}

/**
 * Device ids as devices send them (cic.md §3.1: a MAC address or a UUID-derived hash):
 * 1–200 characters without control characters, `<` or `>`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
export const DEVICE_ID = /^[^\u0000-\u001f\u007f-\u009f<>]{1,200}$/;

export function checkDeviceId(value: string, name = "deviceId"): string {
  if (!DEVICE_ID.test(value))
    throw new ApiError(
      400,
      "invalid_id",
      `${name}: expected 1-200 characters without control characters, < or > (got ${describe(value)})`,
      [{ path: name, message: `${name}: not a valid device id` }],
    );
  return value;
}

/** A user id path segment, decoded and checked (the routes outside the router use these). */
export const userIdSegment = (segment: string, name = "userId") =>
  checkUserId(decodeSegment(segment, name), name);

/** Any other id path segment, decoded and checked like the router's. */
export const idSegment = (segment: string, name: string) =>
  checkPathId(decodeSegment(segment, name), name);

/** A device id path segment, decoded and checked. */
export const deviceIdSegment = (segment: string, name = "deviceId") =>
  checkDeviceId(decodeSegment(segment, name), name);

function describe(value: unknown): string {
  if (typeof value !== "string") return typeof value;
  return value.length > 40 ? `${value.length} characters` : JSON.stringify(value);
}
