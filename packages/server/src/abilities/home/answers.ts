// Turns outcomes into what the user hears: one device's confirmation or error (§8 answers
// with what to do), or one aggregated answer for a group naming the skipped and failed ones
// (§9.4); infrared devices get a neutral acknowledgement (§4.9 rule 3).
import type { Language } from "../../assistant/turn.js";
import type { HomeOutcome } from "../../cek/home/client.js";
import type { Refusal } from "./request.js";
import { DONE, ERRORS, LIST_AND, SAY, SENT_IR, UNITS } from "./speech/phrases.js";
import { fill, queryAnswer } from "./speech/render.js";
import type { HomeDevice } from "./vocabulary.js";

export type DeviceOutcome =
  | { device: HomeDevice; refusal: Refusal }
  | {
      device: HomeDevice;
      action: string;
      extras: Record<string, unknown>;
      outcome: HomeOutcome | { kind: "unlinked" };
    };

export interface SpeakContext {
  language: Language;
  timeZone: string;
  extensionName: (extensionId: string) => string;
}

export function succeeded(o: DeviceOutcome): boolean {
  return "outcome" in o && o.outcome.kind === "success";
}

/** One device's answer. */
export function speakOne(o: DeviceOutcome, ctx: SpeakContext): string {
  const { language } = ctx;
  const d = o.device.name;
  if (!("outcome" in o)) return speakRefusal(o.refusal, d, language);
  const outcome = o.outcome;
  const ext = ctx.extensionName(o.device.extensionId);
  if (outcome.kind === "unlinked")
    return fill(ERRORS.InvalidAccessTokenError![language], { ext }, language);
  if (outcome.kind === "failure")
    return fill(ERRORS.DriverInternalError![language], { ext, d }, language);
  if (outcome.kind === "error") {
    const template = ERRORS[outcome.name] ?? ERRORS.DriverInternalError!;
    const payload = outcome.payload;
    const unit = rangeUnit(o.action);
    return fill(
      template[language],
      {
        d,
        ext,
        state: String(payload.state ?? ""),
        min: numberText(payload.minimumValue),
        max: numberText(payload.maximumValue),
        unit: unit ? UNITS[unit][language] : "",
      },
      language,
    );
  }
  if (o.action.startsWith("Get") || o.action === "HealthCheck")
    return queryAnswer(o.action, outcome.payload, d, language, ctx.timeZone);
  if (o.device.appliance.isIr) return fill(SENT_IR[language], { d }, language);
  return speakDone(o.action, o.extras, outcome.payload, d, language);
}

/** Several devices at once: who did it, who was skipped, who failed (§9.4). */
export function speakGroup(
  outcomes: DeviceOutcome[],
  skipped: HomeDevice[],
  ctx: SpeakContext,
): string {
  const { language } = ctx;
  if (outcomes.length === 1 && skipped.length === 0) return speakOne(outcomes[0]!, ctx);
  const list = LIST_AND[language];
  const done = outcomes.filter(succeeded);
  const failed = outcomes.filter((o) => !succeeded(o));
  const parts: string[] = [];
  // One member did it: its own answer ("Changed the brightness of the counter light.").
  if (done.length === 1 && outcomes.length === 1) parts.push(speakOne(done[0]!, ctx));
  else if (done.length > 0)
    parts.push(
      fill(
        SAY.groupDone[language],
        { n: done.length, list: list(done.map((o) => o.device.name)) },
        language,
      ),
    );
  if (skipped.length > 0)
    parts.push(fill(SAY.skipped[language], { list: list(skipped.map((d) => d.name)) }, language));
  // Failures keep their own reason ("the porch light seems to be offline").
  if (failed.length > 0 && failed.length <= 3) for (const o of failed) parts.push(speakOne(o, ctx));
  else if (failed.length > 3)
    parts.push(
      fill(SAY.failedSome[language], { list: list(failed.map((o) => o.device.name)) }, language),
    );
  return parts.join(" ");
}

export function speakRefusal(refusal: Refusal, d: string, language: Language): string {
  switch (refusal.kind) {
    case "cannot":
      return fill(SAY.cannot[language], { d }, language);
    case "unlock-forbidden":
      return fill(SAY.unlockForbidden[language], { d }, language);
    case "out-of-range":
      return fill(
        ERRORS.ValueOutOfRangeError![language],
        {
          d,
          min: numberText(refusal.min),
          max: numberText(refusal.max),
          unit: refusal.unit ? UNITS[refusal.unit][language] : "",
        },
        language,
      );
    case "not-allowed":
      return fill(
        SAY.notAllowed[language],
        { d, values: LIST_AND[language](refusal.values) },
        language,
      );
    case "unknown-mode":
      return fill(SAY.unknownMode[language], { d, v: refusal.mode }, language);
    case "no-value":
      return fill(SAY.noValue[language], { d }, language);
  }
}

function speakDone(
  action: string,
  extras: Record<string, unknown>,
  payload: Record<string, unknown>,
  d: string,
  language: Language,
): string {
  const entry = DONE[action];
  if (!entry) return { en: "Done.", ja: "完了しました。", ko: "완료했어요." }[language];
  const inner = (o: unknown) => (o as { value?: unknown } | undefined)?.value;
  if (action === "SetLockState" && (payload.lockState ?? extras.lockState) === "UNLOCKED")
    return fill(DONE.Unlocked![language], { d }, language);
  // Numbers only when the extension reported them (§3.4); the request's value otherwise.
  const reported =
    inner(payload.brightness) ??
    inner(payload.targetBrightness) ??
    inner(payload.targetTemperature) ??
    inner(payload.fanSpeed) ??
    inner(payload.targetFanSpeed) ??
    inner(payload.targetVolume) ??
    inner(payload.channel) ??
    inner(payload.mode) ??
    inner(payload.colorTemperature) ??
    inner(payload.channelName) ??
    inner(payload.sourceName);
  const requested =
    inner(extras.brightness) ??
    inner(extras.targetTemperature) ??
    inner(extras.fanSpeed) ??
    inner(extras.channel) ??
    inner(extras.mode) ??
    inner(extras.colorTemperature) ??
    inner(extras.channelName) ??
    inner(extras.sourceName);
  if (entry.withValue) {
    if (reported !== undefined)
      return fill(entry.withValue[language], { d, v: String(reported) }, language);
    return fill(entry[language], { d }, language);
  }
  // A number is the device's state: spoken only when reported; words the user said (a mode,
  // a channel or input name) may be repeated.
  let v =
    action === "ReleaseMode"
      ? inner(extras.mode)
      : (reported ?? (typeof requested === "number" ? undefined : requested));
  if (v === undefined && entry.plain) return fill(entry.plain[language], { d }, language);
  if (action === "SetChannel" && inner(payload.subChannel) !== undefined)
    v = `${v}-${inner(payload.subChannel)}`;
  if (entry[language].includes("{v}") && v === undefined)
    return fill(DONE.Routine![language], { d }, language);
  return fill(entry[language], { d, v: v === undefined ? undefined : String(v) }, language);
}

function numberText(value: unknown): string {
  return typeof value === "number" ? String(Math.round(value * 10) / 10) : String(value ?? "");
}

function rangeUnit(action: string): "percent" | "degree" | "kelvin" | undefined {
  if (action.includes("Brightness")) return "percent";
  if (action === "SetColorTemperature") return "kelvin";
  if (action.includes("Temperature") || action === "Preheat") return "degree";
  return undefined;
}
