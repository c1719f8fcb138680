// Content templates (cic.md §14): the payload of Clova.RenderTemplate, a typed card whose
// `type` names the layout. Only the shared parts are specified; layout fields are kept as sent.
import { type Static, type TLiteral, type TUnion, Type } from "@sinclair/typebox";
import { Enum } from "./common.js";

const typed = <T extends TLiteral<string> | TUnion<TLiteral<string>[]>>(
  tag: T,
  description: string,
) => Type.Object({ type: tag, value: Type.String() }, { description });

export const CicActionObject = Type.Object(
  {
    type: Type.Literal("action"),
    value: Type.String({ pattern: "^clova://", description: "An action URI (cic.md §14)." }),
  },
  { description: "ActionObject: performed only when the user interacts with the card." },
);
export type CicActionObject = Static<typeof CicActionObject>;
export const CicCurrencyObject = typed(Type.Literal("currency"), "Currency code + amount.");
export const CicDateObject = typed(Type.Literal("date"), "YYYY-MM-DD or YYYYMMDD.");
export const CicDateTimeObject = typed(Type.Literal("datetime"), "Date and time.");
export const CicNumberObject = typed(Type.Literal("number"), "Number, maybe with a unit.");
export const CicPercentageObject = typed(Type.Literal("percentage"), "Percentage.");
export const CicPhoneNumberObject = typed(Type.Literal("phoneNum"), "Phone number.");
export const CicStringObject = typed(Type.Literal("string"), "Text (may be empty).");
export type CicStringObject = Static<typeof CicStringObject>;
export const CicTemperatureCObject = typed(Enum(["temperature-c", "temperature"]), "°C value.");
export const CicTemperatureFObject = typed(Type.Literal("temperature-f"), "°F value.");
export const CicURIObject = typed(Type.Literal("url"), "URI (may be empty).");

/** Template names by group (§14). */
export const CIC_TEMPLATE_TYPES = {
  generic: ["CardList", "ImageList", "ImageText", "Popup", "Text"],
  personal: [
    "ActionTimer",
    "ActionTimerList",
    "Alarm",
    "AlarmList",
    "Memo",
    "MemoList",
    "Reminder",
    "ReminderList",
    "Schedule",
    "ScheduleList",
    "Timer",
    "TimerList",
  ],
  weather: [
    "Atmosphere",
    "Humidity",
    "TodayWeather",
    "TomorrowWeather",
    "WeeklyWeather",
    "WindSpeed",
  ],
} as const;
export type CicTemplateType = (typeof CIC_TEMPLATE_TYPES)[keyof typeof CIC_TEMPLATE_TYPES][number];

export const CicContentTemplate = Type.Object(
  {
    type: Enum([
      ...CIC_TEMPLATE_TYPES.generic,
      ...CIC_TEMPLATE_TYPES.personal,
      ...CIC_TEMPLATE_TYPES.weather,
    ]),
    meta: Type.Object({ version: CicStringObject }, { description: "e.g. version v0.1." }),
    failureMessage: CicStringObject,
    actionList: Type.Optional(Type.Array(CicActionObject)),
    subtitle: Type.Optional(CicStringObject),
    emoji: Type.Optional(CicStringObject),
  },
  { description: "A content template (cic.md §14); layout-specific fields are kept as sent." },
);
export type CicContentTemplate = Static<typeof CicContentTemplate>;

/** Action URIs and their parameters (§14); `required` must be present. */
export const CIC_ACTION_URIS: Record<string, { required: readonly string[] }> = {
  "clova://app-launch/default-addressbook": { required: [] },
  "clova://app-launch/default-browser": { required: [] },
  "clova://app-launch/default-camera": { required: [] },
  "clova://app-launch/default-email": { required: [] },
  "clova://app-launch/default-gallery": { required: [] },
  "clova://audio-repeat": { required: ["url"] },
  "clova://device-control": { required: ["command", "target"] },
  "clova://guide/talking": { required: [] },
  "clova://naverSearch": { required: ["url"] },
  "clova://naver-maps": { required: ["url"] },
  // Renamed portal actions for non-NAVER deployments (§14, UNSPECIFIED).
  "clova://search": { required: ["url"] },
  "clova://maps": { required: ["url"] },
  "clova://ttsRepeat": { required: ["lang"] },
  "clova://webview": { required: ["url"] },
};

/** Checks an action URI: known action and its required parameters. Returns a problem or undefined. */
export function checkCicActionUri(uri: string): string | undefined {
  const [base = "", query = ""] = uri.split("?", 2);
  const action = CIC_ACTION_URIS[base];
  if (!action) return `unknown action URI ${JSON.stringify(base)}`;
  const params = new URLSearchParams(query);
  const missing = action.required.filter((p) => !params.has(p));
  if (missing.length > 0) return `${base} needs parameter(s) ${missing.join(", ")}`;
  if (base === "clova://ttsRepeat" && !["en", "ja", "ko"].includes(params.get("lang") ?? ""))
    return `${base} lang must be one of en, ja, ko`;
  return undefined;
}
