// Spoken requests about alerts: set (alarm, timer, reminder, action timer), list, time left,
// delete, move, and — while one rings — stop and snooze. A missing time or an ambiguous "the
// timer" gets a question, answered in the ability's session.
import { findBuiltinSlots } from "@clover/nlu";
import type { DeviceInfo, Language, PassThroughDirective } from "../../assistant/turn.js";
import type { AlertRecord, AlertRepeat, AlertType } from "../../store/alerts.js";
import type { AbilityAnswer, AbilityTurn } from "../ability.js";
import { impossibleDate } from "../time/impossible.js";
import { instantOf, wallTimeAt } from "../time/zone.js";
import { ALARM_CUES, LIST_CUES, SCHEDULE_WORDS, SET_CUES } from "./models/values.js";
import { describe as describeAlert, durationPhrase, SAY, wentOff, whenPhrase } from "./phrases.js";
import { alertCard, deleteAlert, listCard, setAlert, stopAlert } from "./protocol.js";
import { type AlertsService, MAX_AHEAD_MS } from "./service.js";
import { formatClockTime, parseClockTime } from "./time.js";
import {
  actionText,
  durationOf,
  kindOf,
  reminderText,
  repeatOf,
  resolveWhen,
  type When,
} from "./understand.js";

/** A question the ability asked and waits to hear answered. */
interface Pending {
  ask: "time" | "duration" | "text" | "which";
  type?: AlertType;
  label?: string;
  repeat?: AlertRepeat;
  date?: { year: number; month: number; day: number };
  at?: number;
  /** "which": what to do with the chosen alert(s), among these tokens. */
  op?: "delete" | "timeLeft";
  tokens?: string[];
}

const DEFAULT_SNOOZE_MS = 5 * 60_000;
const OFF_WORDS = /\b(?:turn off|switch off|disable|cancel|delete|remove)\b/i;
const SNOOZE_WORDS = /\bsnooze\b|スヌーズ|스누즈/i;
/** Intents about the alerts as a list, which "delete my notes" must not reach. */
const LISTS = new Set<string | null>([
  "ListAlertsIntent",
  "DeleteAlertIntent",
  "DeleteAllAlertsIntent",
]);

/** Intents that ask for a new alert. */
const SETS = new Set<string | null>([
  "SetAlarmIntent",
  "SetTimerIntent",
  "SetReminderIntent",
  "SetActionTimerIntent",
]);

export class AlertsHandler {
  constructor(private readonly alerts: AlertsService) {}

  async handle(turn: AbilityTurn): Promise<AbilityAnswer | undefined> {
    const pending = turn.session?.attributes["pending"] as Pending | undefined;
    if (pending) {
      const answered = await this.#answer(turn, pending);
      if (answered) return answered;
    }
    const { recognition } = turn;
    // Without a word for an alert, a list request is about something else ("delete my notes",
    // 「今夜のテレビは何」).
    if (LISTS.has(recognition.intent) && !LIST_CUES[turn.device.language].test(turn.text))
      return undefined;
    switch (recognition.intent) {
      case "SetAlarmIntent":
        // Without a word for an alarm it is someone else's (a calendar event): decline.
        if (!ALARM_CUES[turn.device.language].test(turn.text)) return undefined;
        return this.#setAtTime(turn, "ALARM");
      case "SetReminderIntent":
        return this.#setAtTime(turn, "REMINDER");
      case "SetTimerIntent":
        return this.#setTimer(turn);
      case "SetActionTimerIntent":
        return this.#setActionTimer(turn);
      case "ListAlertsIntent":
        // "Turn off my alarm" read as a question about alarms: a request to cancel one.
        if (recognition.slots["kind"] && OFF_WORDS.test(turn.text)) return this.#delete(turn);
        return this.#list(turn);
      case "TimeLeftIntent":
        return this.#timeLeft(turn);
      case "DeleteAlertIntent":
        return this.#delete(turn);
      case "DeleteAllAlertsIntent":
        return this.#deleteAll(turn);
      case "MoveAlarmIntent":
        return this.#move(turn);
      case "StopAlertIntent":
        return this.#stop(turn);
      case "SnoozeAlertIntent":
        return this.#snooze(turn);
      default:
        return undefined;
    }
  }

  #zone(device: DeviceInfo): string {
    return this.alerts.timeZoneOf(device);
  }

  // ---- setting

  async #setAtTime(turn: AbilityTurn, type: "ALARM" | "REMINDER"): Promise<AbilityAnswer> {
    const { device, recognition } = turn;
    const impossible = impossibleDate(turn.text, device.language);
    if (impossible)
      return speak(
        SAY.noSuchDate(impossible.month, impossible.day, device.language),
        device.language,
      );
    const zone = this.#zone(device);
    const now = this.alerts.now();
    const rawRepeat = repeatOf(recognition.slots["repeat"]);
    const slot = recognition.slots["when"];
    const when = resolveWhen(slot?.value, zone, now, rawRepeat, {
      raw: slot?.raw ?? "",
      eitherHalfOfDay: type === "REMINDER",
    });
    const label = type === "REMINDER" ? reminderText(recognition) : undefined;
    const pending: Pending = { ask: "time", type, ...(label ? { label } : {}) };
    if (rawRepeat) pending.repeat = rawRepeat;
    return this.#complete(turn, pending, when);
  }

  /** Sets the alert once time (and a reminder's text) are known; else asks for them. */
  async #complete(
    turn: AbilityTurn,
    pending: Pending,
    when: When | undefined,
  ): Promise<AbilityAnswer> {
    const { device } = turn;
    const language = device.language;
    const type = pending.type ?? "ALARM";
    if (when?.kind === "past") return speak(SAY.past(language), language);
    if (!when || when.kind === "date") {
      const next: Pending = { ...pending, ask: "time" };
      if (when?.kind === "date") next.date = when.date;
      return ask(SAY.askTime(type, language), language, next);
    }
    if (when.at - this.alerts.now() > MAX_AHEAD_MS) return speak(SAY.tooFar(language), language);
    if (type === "REMINDER" && !pending.label)
      return ask(SAY.askReminderText(language), language, { ...pending, ask: "text", at: when.at });
    const zone = this.#zone(device);
    const repeat =
      pending.repeat && when.time
        ? { ...pending.repeat, time: formatClockTime(when.time) }
        : undefined;
    const record = await this.alerts.create({
      userId: device.userId,
      language: device.language,
      deviceId: device.deviceId,
      type,
      scheduledAt: when.at,
      timeZone: zone,
      ...(pending.label ? { label: pending.label } : {}),
      ...(repeat ? { repeat } : {}),
    });
    return this.#setAnswer(record);
  }

  /** cic.md §13.6: the answer is the SetAlert; the device's SetAlertSucceeded gets the speech. */
  #setAnswer(record: AlertRecord): AbilityAnswer {
    return { speech: [], directives: [setAlert(record, this.alerts.speechUrl)] };
  }

  async #setTimer(turn: AbilityTurn): Promise<AbilityAnswer> {
    const { device, recognition } = turn;
    const language = device.language;
    const length = durationOf(recognition.slots["duration"]);
    const name = recognition.slots["name"]?.value;
    if (!length)
      return ask(SAY.askDuration(language), language, {
        ask: "duration",
        type: "TIMER",
        ...(name ? { label: name } : {}),
      });
    return this.#createTimer(device, length, name);
  }

  async #createTimer(device: DeviceInfo, length: number, name?: string): Promise<AbilityAnswer> {
    if (length > MAX_AHEAD_MS) return speak(SAY.tooFar(device.language), device.language);
    const record = await this.alerts.create({
      userId: device.userId,
      language: device.language,
      deviceId: device.deviceId,
      type: "TIMER",
      scheduledAt: this.alerts.now() + length,
      timeZone: this.#zone(device),
      durationMs: length,
      ...(name ? { label: name } : {}),
    });
    return this.#setAnswer(record);
  }

  /** The time and command of an action timer; undefined when the words are not one. */
  actionTimerOf(turn: AbilityTurn): { at: number; command: string; zone: string } | undefined {
    const { device, recognition, text } = turn;
    const zone = this.#zone(device);
    const slot = recognition.slots["when"];
    const when = resolveWhen(slot?.value, zone, this.alerts.now(), undefined, {
      raw: slot?.raw ?? "",
      eitherHalfOfDay: true,
    });
    // Without a time this is the command itself ("stop the music"): not ours.
    if (when?.kind !== "at") return undefined;
    const command = actionText(recognition, text);
    if (command === "" || SCHEDULE_WORDS.test(command)) return undefined;
    return { at: when.at, command, zone };
  }

  async #setActionTimer(turn: AbilityTurn): Promise<AbilityAnswer | undefined> {
    const { device } = turn;
    const timer = this.actionTimerOf(turn);
    if (!timer) return undefined;
    const { at, command, zone } = timer;
    if (at - this.alerts.now() > MAX_AHEAD_MS)
      return speak(SAY.tooFar(device.language), device.language);
    const { context: _context, ...snapshot } = device;
    const record = await this.alerts.create({
      userId: device.userId,
      language: device.language,
      deviceId: device.deviceId,
      type: "ACTIONTIMER",
      scheduledAt: at,
      timeZone: zone,
      label: command,
      action: { text: command, device: snapshot as unknown as Record<string, unknown> },
    });
    return this.#setAnswer(record);
  }

  // ---- questions

  async #list(turn: AbilityTurn): Promise<AbilityAnswer> {
    const { device, recognition } = turn;
    const language = device.language;
    const type = kindOf(recognition.slots["kind"]);
    const now = this.alerts.now();
    let alerts = (await this.alerts.listFor(device.userId, device.deviceId)).filter(
      (a) => !type || a.type === type,
    );
    const day = dayOf(recognition.slots["when"]?.value, this.#zone(device), now);
    if (day) alerts = alerts.filter((a) => sameDay(a, day));
    // A timer that went off while the speaker was offline is no longer one the user has: it is
    // said apart ("The 5 minutes timer went off 12 minutes ago."), not counted with "left".
    const over = alerts.filter((a) => wentOff(a, now));
    alerts = alerts.filter((a) => !wentOff(a, now));
    const past = over.length > 0 ? ` ${SAY.wentOff(over, now, language)}` : "";
    if (alerts.length === 0) return speak(`${SAY.none(type, language)}${past}`, language);
    const sentence = `${SAY.list(
      alerts.map((a) => describeAlert(a, now, language)),
      type,
      language,
    )}${past}`;
    return {
      ...speak(sentence, language),
      card: listCard(type ?? alerts[0]!.type, alerts, sentence, now, language),
    };
  }

  async #timeLeft(turn: AbilityTurn): Promise<AbilityAnswer> {
    const { device } = turn;
    const language = device.language;
    const now = this.alerts.now();
    const all = (await this.alerts.listFor(device.userId, device.deviceId)).filter(
      (a) => a.type === "TIMER",
    );
    const timers = all.filter((a) => !wentOff(a, now));
    const over = all.filter((a) => wentOff(a, now));
    if (timers.length === 0)
      return speak(
        over.length > 0 ? SAY.wentOff(over, now, language) : SAY.none("TIMER", language),
        language,
      );
    const chosen = narrow(timers, turn, this.#zone(device), now);
    const sentence = (chosen.length > 0 ? chosen : timers)
      .map((t) => describeAlert(t, now, language))
      .join(language === "ja" ? "。" : "; ");
    return speak(SAY.left(sentence, language), language);
  }

  // ---- changes

  async #delete(turn: AbilityTurn): Promise<AbilityAnswer> {
    const { device, recognition } = turn;
    const language = device.language;
    const type = kindOf(recognition.slots["kind"]);
    const now = this.alerts.now();
    const all = (await this.alerts.listFor(device.userId, device.deviceId)).filter(
      (a) => !type || a.type === type,
    );
    if (all.length === 0) return speak(SAY.none(type, language), language);
    const qualified =
      recognition.slots["when"] || recognition.slots["duration"] || recognition.slots["name"];
    const chosen = qualified ? narrow(all, turn, this.#zone(device), now) : all;
    if (chosen.length === 0) return speak(SAY.notFound(type, language), language);
    if (chosen.length > 1)
      return ask(
        SAY.which(
          chosen.map((a) => shortName(a, now, language)),
          type,
          language,
        ),
        language,
        {
          ask: "which",
          op: "delete",
          tokens: chosen.map((a) => a.token),
          ...(type ? { type } : {}),
        },
      );
    return this.#deleteThese(chosen, language, now);
  }

  async #deleteThese(
    alerts: AlertRecord[],
    language: Language,
    now: number,
  ): Promise<AbilityAnswer> {
    const directives: PassThroughDirective[] = [];
    const names: string[] = [];
    for (const alert of alerts) {
      const removed = await this.alerts.remove(alert.token);
      if (!removed) continue;
      names.push(deletedName(removed, now, language));
      directives.push(deleteAlert(removed));
    }
    return { ...speak(SAY.deleted(names, language), language), directives };
  }

  async #deleteAll(turn: AbilityTurn): Promise<AbilityAnswer> {
    const { device, recognition } = turn;
    const language = device.language;
    const type = kindOf(recognition.slots["kind"]);
    const alerts = (await this.alerts.listFor(device.userId, device.deviceId)).filter(
      (a) => !type || a.type === type,
    );
    if (alerts.length === 0) return speak(SAY.none(type, language), language);
    const directives: PassThroughDirective[] = [];
    for (const alert of alerts) {
      const removed = await this.alerts.remove(alert.token);
      if (removed) directives.push(deleteAlert(removed));
    }
    return { ...speak(SAY.deletedAll(directives.length, type, language), language), directives };
  }

  async #move(turn: AbilityTurn): Promise<AbilityAnswer> {
    const { device, recognition } = turn;
    const language = device.language;
    const type = kindOf(recognition.slots["kind"]) ?? "ALARM";
    const zone = this.#zone(device);
    const now = this.alerts.now();
    const candidates = (await this.alerts.listFor(device.userId, device.deviceId)).filter(
      (a) => a.type === type,
    );
    if (candidates.length === 0) return speak(SAY.none(type, language), language);
    const from = recognition.slots["from"]?.value;
    const chosen = from ? candidates.filter((a) => matchesTime(a, from, zone, now)) : candidates;
    if (chosen.length !== 1)
      return speak(
        chosen.length === 0
          ? SAY.notFound(type, language)
          : SAY.which(
              chosen.map((a) => shortName(a, now, language)),
              type,
              language,
            )
              .replace(/[^.?。？]*[?？]$/u, "")
              .trim(),
        language,
      );
    const alert = chosen[0]!;
    const to = resolveWhen(recognition.slots["to"]?.value, zone, now, alert.repeat);
    if (to?.kind !== "at") return speak(SAY.askTime(type, language), language);
    if (to.at - now > MAX_AHEAD_MS) return speak(SAY.tooFar(language), language);
    const repeat =
      alert.repeat && to.time ? { ...alert.repeat, time: formatClockTime(to.time) } : undefined;
    const moved = await this.alerts.update(alert, {
      scheduledAt: to.at,
      status: "sent",
      ...(repeat ? { repeat } : {}),
    });
    const sentence = SAY.moved(moved, now, language);
    return {
      ...speak(sentence, language),
      card: alertCard(moved, sentence, now, language),
      directives: [setAlert(moved, this.alerts.speechUrl)],
    };
  }

  // ---- while ringing

  #ringing(device: DeviceInfo): { token: string; type: AlertType }[] {
    const state = device.context?.["Alerts.AlertsState"];
    const active = state?.["activeAlerts"];
    if (!Array.isArray(active)) return [];
    return active.filter(
      (a): a is { token: string; type: AlertType } =>
        typeof a === "object" &&
        a !== null &&
        typeof a.token === "string" &&
        typeof a.type === "string",
    );
  }

  /**
   * "stop" while an alert rings: StopAlert (cic.md §13.6). With nothing ringing, "stop the
   * timer" or "turn off the alarm" cancels one (as "cancel the timer" does); a bare "stop" is
   * not ours (the player's, for one).
   */
  async #stop(turn: AbilityTurn): Promise<AbilityAnswer | undefined> {
    const ringing = this.#ringing(turn.device);
    if (ringing.length > 0) return { speech: [], directives: ringing.map((a) => stopAlert(a)) };
    return kindOf(turn.recognition.slots["kind"]) ? this.#delete(turn) : undefined;
  }

  /** Stops the ringing alert and sets a one-shot alert of the same kind a few minutes on. */
  async #snooze(turn: AbilityTurn): Promise<AbilityAnswer | undefined> {
    const { device, recognition } = turn;
    const ringing = this.#ringing(device);
    const language = device.language;
    // "Snooze" with nothing ringing is answered; "remind me again in 5 minutes" goes on.
    if (ringing.length === 0)
      return SNOOZE_WORDS.test(turn.text)
        ? speak(SAY.nothingRinging(language), language)
        : undefined;
    const length = durationOf(recognition.slots["duration"]) ?? DEFAULT_SNOOZE_MS;
    if (length > MAX_AHEAD_MS) return speak(SAY.tooFar(language), language);
    const directives = ringing.map((a) => stopAlert(a));
    for (const active of ringing) {
      const original = await this.alerts.store.get(active.token);
      const record = await this.alerts.create({
        userId: device.userId,
        language: device.language,
        deviceId: device.deviceId,
        type: active.type === "ACTIONTIMER" ? "ALARM" : active.type,
        scheduledAt: this.alerts.now() + length,
        timeZone: this.#zone(device),
        status: "sent",
        ...(original?.label ? { label: original.label } : {}),
        ...(active.type === "TIMER" ? { durationMs: length } : {}),
      });
      directives.push(setAlert(record, this.alerts.speechUrl));
    }
    return { ...speak(SAY.snoozed(length, language), language), directives };
  }

  // ---- answers to the ability's questions

  async #answer(turn: AbilityTurn, pending: Pending): Promise<AbilityAnswer | undefined> {
    const { device, text, recognition } = turn;
    const language = device.language;
    const zone = this.#zone(device);
    const now = this.alerts.now();
    const options = { language, referenceTime: new Date(now), timeZone: zone };
    if (pending.ask === "time") {
      const found =
        recognition.slots["when"]?.value ??
        findBuiltinSlots("CLOVA.DATETIME", text, options)[0]?.resolved.value;
      let when = resolveWhen(found, zone, now, pending.repeat);
      // "tomorrow" was said first, the time now: that day at that time.
      if (when?.kind === "at" && pending.date && when.time && !pending.repeat) {
        const at = instantOf({ ...pending.date, ...when.time }, zone);
        when = at > now ? { kind: "at", at, time: when.time } : { kind: "past" };
      }
      if (when?.kind === "at" || when?.kind === "date") return this.#complete(turn, pending, when);
      return undefined;
    }
    if (pending.ask === "duration") {
      const length =
        durationOf(recognition.slots["duration"]) ??
        durationOfValue(findBuiltinSlots("CLOVA.DURATION", text, options)[0]?.resolved.value);
      if (!length) return undefined;
      return this.#createTimer(device, length, pending.label);
    }
    if (pending.ask === "text") {
      const label = reminderText(recognition) ?? text.trim();
      if (label === "" || pending.at === undefined) return undefined;
      return this.#complete(
        turn,
        { ...pending, label },
        {
          kind: "at",
          at: pending.at,
          ...timeOf(pending.at, zone),
        },
      );
    }
    // "which": the user names one (by time, length, name or order), or says all of them.
    const alerts = (await this.alerts.listFor(device.userId, device.deviceId)).filter((a) =>
      pending.tokens?.includes(a.token),
    );
    if (alerts.length === 0) return undefined;
    // "Delete all my reminders" asked which timer: a new request, not the answer.
    const named = kindOf(recognition.slots["kind"]);
    if (named && !alerts.some((a) => a.type === named)) return undefined;
    // So is "set a timer for 10 minutes", even with a 10-minute timer among the choices.
    if (SETS.has(recognition.intent) && SET_CUES[language].test(text)) return undefined;
    let chosen: AlertRecord[];
    if (/\b(all|both|every)\b|全部|両方|すべて|どっちも|전부|다|둘 다|모두/u.test(text))
      chosen = alerts;
    else {
      const ordinal = ordinalOf(text);
      const index = ordinal !== undefined && ordinal < 0 ? alerts.length + ordinal : ordinal;
      chosen =
        index !== undefined && alerts[index]
          ? [alerts[index]!]
          : narrow(alerts, { ...turn, recognition: withFound(turn, options) }, zone, now);
    }
    if (chosen.length !== 1 && chosen.length !== alerts.length) return undefined;
    if (pending.op === "delete") return this.#deleteThese(chosen, language, now);
    return speak(
      SAY.left(chosen.map((a) => describeAlert(a, now, language)).join("; "), language),
      language,
    );
  }
}

// ---- helpers

function speak(value: string, language: Language): AbilityAnswer {
  return { speech: value ? [{ type: "PlainText", lang: language, value }] : [] };
}

function ask(value: string, language: Language, pending: Pending): AbilityAnswer {
  return {
    ...speak(value, language),
    reprompt: speak(value, language).speech,
    keepSession: { attributes: { pending } },
  };
}

function timeOf(at: number, zone: string) {
  const t = wallTimeAt(at, zone);
  return { time: { hour: t.hour, minute: t.minute, second: t.second } };
}

function durationOfValue(value: string | undefined): number | undefined {
  return value
    ? durationOf({ name: "duration", type: "CLOVA.DURATION", raw: value, value })
    : undefined;
}

/** The calendar day a question is about ("tomorrow's reminders"), if it names one. */
function dayOf(value: string | undefined, zone: string, now: number) {
  if (!value) return undefined;
  const start = value.split("/")[0]!;
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(start);
  if (!date) return undefined;
  if (start.length > 10) {
    const t = wallTimeAt(Date.parse(start), zone);
    return { year: t.year, month: t.month, day: t.day, zone };
  }
  void now;
  return { year: +date[1]!, month: +date[2]!, day: +date[3]!, zone };
}

function sameDay(
  alert: AlertRecord,
  day: { year: number; month: number; day: number; zone: string },
) {
  const t = wallTimeAt(alert.scheduledAt, day.zone);
  return t.year === day.year && t.month === day.month && t.day === day.day;
}

/** Whether an alert rings at the time (and day, when given) a DATETIME value names. */
function matchesTime(alert: AlertRecord, value: string, zone: string, now: number): boolean {
  const start = value.split("/")[0]!;
  const t = wallTimeAt(alert.scheduledAt, zone);
  const time = parseClockTime(start);
  if (time) {
    if (t.minute !== time.minute) return false;
    // A bare hour may mean either half of the day ("the 7 o'clock alarm" at 19:00).
    return t.hour === time.hour || (time.hour < 12 && t.hour === time.hour + 12);
  }
  const day = dayOf(start, zone, now);
  if (!day) return false;
  if (!sameDay(alert, day)) return false;
  if (start.length <= 10) return true;
  const at = wallTimeAt(Date.parse(start), zone);
  return at.hour === t.hour && at.minute === t.minute;
}

/** The alerts a request qualifies: by time, by a timer's length, by name or label. */
function narrow(
  alerts: AlertRecord[],
  turn: AbilityTurn,
  zone: string,
  now: number,
): AlertRecord[] {
  const slots = turn.recognition.slots;
  let out = alerts;
  const when = slots["when"]?.value;
  if (when) out = out.filter((a) => matchesTime(a, when, zone, now));
  const length = durationOf(slots["duration"]);
  if (length) out = out.filter((a) => a.durationMs === length);
  const name = slots["name"]?.value?.toLowerCase();
  if (name)
    out = out.filter(
      (a) =>
        a.label?.toLowerCase().includes(name) || name.includes(a.label?.toLowerCase() ?? "\u0000"),
    );
  return out;
}

/** In an answer to "which one?", what the user said as slots (a length, a time). */
function withFound(
  turn: AbilityTurn,
  options: { language: Language; referenceTime: Date; timeZone: string },
) {
  const slots = { ...turn.recognition.slots };
  const duration = findBuiltinSlots("CLOVA.DURATION", turn.text, options)[0];
  const when = findBuiltinSlots("CLOVA.DATETIME", turn.text, options)[0];
  if (duration && !slots["duration"])
    slots["duration"] = {
      name: "duration",
      type: "CLOVA.DURATION",
      raw: duration.text,
      value: duration.resolved.value,
    };
  if (when && !slots["when"] && !duration)
    slots["when"] = {
      name: "when",
      type: "CLOVA.DATETIME",
      raw: when.text,
      value: when.resolved.value,
    };
  if (!duration && !when && !slots["name"] && turn.text.trim() !== "")
    slots["name"] = {
      name: "name",
      type: "TIMER_NAME",
      raw: turn.text,
      value: turn.text.replace(/^(the|my)\s+|\s+(one|timer|alarm)$/gi, "").trim(),
    };
  return { ...turn.recognition, slots };
}

const ORDINALS: [RegExp, number][] = [
  [/\b(first|1st)\b|最初|一つ目|1つ目|첫 ?번째/u, 0],
  [/\b(second|2nd)\b|二つ目|2つ目|두 ?번째/u, 1],
  [/\b(third|3rd)\b|三つ目|3つ目|세 ?번째/u, 2],
  [/\b(last)\b|最後|마지막/u, -1],
];

function ordinalOf(text: string): number | undefined {
  for (const [pattern, index] of ORDINALS) if (pattern.test(text)) return index;
  return undefined;
}

/** A short name to tell alerts apart: "3 minutes", "7:30 AM", "the pasta timer". */
/** An alert named in "Deleted …": "the 5 minutes timer", "the alarm for 7 AM". */
function deletedName(alert: AlertRecord, now: number, language: Language): string {
  if (alert.type === "REMINDER" || alert.type === "ACTIONTIMER")
    return shortName(alert, now, language);
  const what =
    alert.type === "TIMER"
      ? (alert.label ?? durationPhrase(alert.durationMs ?? alert.scheduledAt - now, language))
      : whenPhrase(alert.scheduledAt, now, alert.timeZone, language);
  if (language === "en")
    return alert.type === "TIMER" ? `the ${what} timer` : `the alarm for ${what}`;
  if (language === "ja") return `${what}の${alert.type === "TIMER" ? "タイマー" : "アラーム"}`;
  return `${what} ${alert.type === "TIMER" ? "타이머" : "알람"}`;
}

function shortName(alert: AlertRecord, now: number, language: Language): string {
  if (alert.type === "TIMER") {
    if (alert.label) return language === "en" ? `the ${alert.label} timer` : alert.label;
    return durationPhrase(alert.durationMs ?? alert.scheduledAt - now, language);
  }
  const when = whenPhrase(alert.scheduledAt, now, alert.timeZone, language);
  return alert.label ? `${alert.label} (${when})` : when;
}
