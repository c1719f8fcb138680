// Length and character limits of every id the management API accepts (docs/security.md
// "Identifiers"): a bad id is a 400 naming it, before anything is stored or looked up.
import { ApiError } from "./http.js";

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

function describe(value: unknown): string {
  if (typeof value !== "string") return typeof value;
  return value.length > 40 ? `${value.length} characters` : JSON.stringify(value);
}
