// Building blocks shared by the CEK custom extension declarations.
//
// Every message has up to three views:
// - sent: the newest canonical shape our platform emits (strict);
// - normalized: the newest shape as an extension sees it after `normalizeCekRequest` (fields
//   that older platforms never sent may be absent);
// - accepted: everything tolerated on the wire, both generations (§4.2, §12.2).
// Unknown fields are kept in every view (robustness rule, cek-custom-extension.md intro).
import {
  type TLiteral,
  type TRecord,
  type TString,
  type TUnion,
  type TUnknown,
  Type,
} from "@sinclair/typebox";

/**
 * A JSON object with any keys (sessionAttributes, payloads, cards). Declared as an open
 * object (`{"type":"object"}`) rather than a Record so validators need not visit every key;
 * typed as Record<string, unknown>.
 */
export const JsonObject = Type.Object({}) as unknown as TRecord<TString, TUnknown>;

/** Union of string constants, reported as `one of ...` in validation issues. */
export function oneOf<const T extends readonly string[]>(
  values: T,
  description?: string,
): TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }> {
  const literals = values.map((v) => Type.Literal(v));
  return Type.Union(literals, description ? { description } : {}) as never;
}

/** A field that must not be present: tells `{}` apart from typed variants in a union. */
export const Absent = Type.Optional(Type.Never());

/** A string the receiver must tolerate as absent, `null` or `""` (§3.2, accessToken). */
export const TolerantString = Type.Optional(Type.Union([Type.String(), Type.Null()]));

type Json = Record<string, unknown>;

/**
 * A shallow copy of `value` with `changes` applied; a change to `undefined` removes the
 * member. Faster than rest/spread for the normalizers' slow paths.
 */
export function withChanges(value: object, changes: Json): Json {
  const out: Json = {};
  for (const key in value) if (!(key in changes)) out[key] = (value as Json)[key];
  for (const key in changes) if (changes[key] !== undefined) out[key] = changes[key];
  return out;
}

/** A shallow copy without the members that are `null` (optional fields sent as null). */
export function withoutNulls(value: object): Json {
  const out: Json = {};
  for (const key in value) if ((value as Json)[key] !== null) out[key] = (value as Json)[key];
  return out;
}
