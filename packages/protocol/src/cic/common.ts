// Small building blocks shared by the CIC declarations (cic.md conventions: "int" is a
// non-negative integer, strings are UTF-8, enums are exact).
import { type SchemaOptions, type TLiteral, type TUnion, Type } from "@sinclair/typebox";

/** A union of string constants; reported as `expected one of "A", "B"`. */
export function Enum<const T extends string[]>(
  values: [...T],
  options?: SchemaOptions,
): TUnion<{ [K in keyof T]: TLiteral<T[K]> }> {
  const literals = values.map((v) => Type.Literal(v)) as { [K in keyof T]: TLiteral<T[K]> };
  return Type.Union(literals, options) as TUnion<{ [K in keyof T]: TLiteral<T[K]> }>;
}

export const Str = (description?: string) => Type.String(description ? { description } : {});

/** A non-empty string (ids, tokens). */
export const Id = (description?: string) =>
  Type.String(description ? { minLength: 1, description } : { minLength: 1 });

/**
 * The longest `messageId` and `dialogRequestId` read from a client (UUIDs are 36 characters;
 * cic.md §7.1, §7.2 set no limit, and both are kept in the turn log and the dialog index).
 */
export const MAX_CIC_ID_CHARS = 200;

/** A client-made message or dialog id: 1–200 characters. */
export const ClientId = (description: string) =>
  Type.String({ minLength: 1, maxLength: MAX_CIC_ID_CHARS, description });

/** "int" in cic.md: a JSON number holding a non-negative integer. */
export const Int = (description?: string) =>
  Type.Integer(description ? { minimum: 0, description } : { minimum: 0 });

/** Tokens and URLs limited to 2 048 bytes (cic.md §7.5, §9.2.1). */
export const Token2048 = (description?: string) =>
  Type.String({ minLength: 1, maxLength: 2048, ...(description ? { description } : {}) });

/** ISO 8601 date-time with seconds and a zone (`Z` or `±hh:mm`), fractions allowed. */
export const CIC_ISO_DATE_TIME_PATTERN =
  "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})$";
export const IsoDateTime = (description?: string) =>
  Type.String({ pattern: CIC_ISO_DATE_TIME_PATTERN, ...(description ? { description } : {}) });

/** Payload of messages without fields: `{}` (extra members are kept, never rejected). */
export const CicEmptyPayload = Type.Object({}, { description: "No fields: {}." });

/** Languages of speech recognition (§9.8) and of synthesis (§9.9). */
export const CicRecognitionLanguage = Enum(["en", "ja", "ko"]);
export const CicSpeechLanguage = Enum(["en", "ja", "ko", "zh"]);

/** `ACTIONTIMER` | `ALARM` | `REMINDER` | `TIMER` (§9.1). */
export const CicAlertType = Enum(["ACTIONTIMER", "ALARM", "REMINDER", "TIMER"]);

/** `NONE` | `REPEAT_ONE` (§8.2, §9.6). */
export const CicRepeatMode = Enum(["NONE", "REPEAT_ONE"]);

/**
 * Player states. `PAUSE` is a spelling one guide page uses; accepted on input, never emitted
 * (§8.2, UNSPECIFIED).
 */
export const CIC_PLAYER_ACTIVITIES = ["IDLE", "PLAYING", "PAUSED", "PAUSE", "STOPPED"] as const;
export const CicPlayerActivity = Enum([...CIC_PLAYER_ACTIVITIES]);

/** A sound to play: a built-in `clova://…` tone or an http(s) URL (§9.1, §9.5). */
export const CicAsset = Type.Object({
  assetId: Id("Asset id, referenced from assetPlayOrder."),
  url: Id("clova://alert/bell/{type}, clova://notifier/sound/default or an http(s) URL."),
});

/** An On/off state string (`on` | `off`). */
export const OnOff = Enum(["on", "off"]);
