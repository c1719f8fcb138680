// The schedule's conversation: questions, changes with a confirmation before anything is
// removed or moved, questions back when a request is incomplete or ambiguous (kept in the
// ability's session), memos, and spoken answers with cards for screens.

import type { DeviceInfo, Language } from "../../assistant/turn.js";
import type { AbilityAnswer, AbilityTurn } from "../ability.js";
import type { ReminderInput } from "../alerts/service.js";
import { localDate, shiftDate } from "../time/date.js";
import { spokenTime } from "../time/words.js";
import { wallTimeAt } from "../time/zone.js";
import { CalendarError } from "./calendar.js";
import { memoCard, memoListCard, scheduleCard, scheduleListCard } from "./cards.js";
import { AGENDA_CUES, INTENT_CUES, OWN_AGENDA, RECOMMENDATION, WORLD_NEXT } from "./cues.js";
import type { Occurrence } from "./ical.js";
import type { MemoStore } from "./memos.js";
import type { Schedule } from "./schedule.js";
import { TEXTS, type Texts } from "./texts.js";
import { atTimeOn, minutesOf, nextAtTime, parseWhen, type When } from "./when.js";
import {
  cap,
  joinList,
  named,
  quoted,
  spokenAgenda,
  spokenDay,
  spokenEvent,
  spokenRepeat,
  spokenWhen,
} from "./words.js";

/** The intents a conversation with the schedule starts with (`Turn.start`). */
const FIRST_TURN_INTENTS = new Set([
  "ScheduleQuery",
  "ScheduleNext",
  "ScheduleFind",
  "ScheduleAdd",
  "ScheduleMove",
  "ScheduleCancel",
  "ScheduleRemind",
  "MemoAdd",
  "MemoRead",
  "MemoDelete",
]);

/** An event "named" only by a kind of alert is a request for that alert. */
const ALERT_WORD =
  /^\s*(an? |the |my )?(alarms?|timers?|reminders?|アラーム|目覚まし|タイマー|リマインダー|알람|타이머|리마인더)\s*$/i;

/**
 * Moving or cancelling "the alarm" (「アラームを7時半に変更して」, "알람 6시 반으로 바꿔줘") without a
 * word for the calendar is the alerts' request, whatever events the calendar has.
 */
const ALERT_IN_TEXT =
  /\b(alarms?|timers?|reminders?)\b|アラーム|目覚まし|タイマー|リマインダー|알람|타이머|리마인더|모닝콜/i;
const CALENDAR_WORDS =
  /\b(schedule|calendar|appointment|event|meeting)\b|予定|スケジュール|カレンダー|일정|스케줄|캘린더/i;

/** A reminder before an event, handed to the alerts ability when the platform has it. */
export type ReminderRequest = ReminderInput;

export interface ScheduleDeps {
  scheduleFor(userId: string): Promise<Schedule>;
  memos: MemoStore;
  now(): number;
  /** Sets a spoken reminder (alerts); absent: the reminder stays in the event's VALARM. */
  remind?: (request: ReminderRequest) => Promise<void>;
}

/** An occurrence as kept in session attributes (JSON). */
type Target = Pick<
  Occurrence,
  "uid" | "summary" | "start" | "end" | "allDay" | "recurring" | "recurrenceId"
>;

interface Draft {
  subject?: string;
  date?: string;
  at?: number;
  allDay?: boolean;
  repeat?: string;
  reminder?: number;
}

type Pending =
  | { stage: "add"; asking: "subject" | "time" | "when"; draft: Draft }
  | { stage: "confirm-cancel"; target: Target }
  | { stage: "confirm-move"; target: Target; start: number; end: number }
  | { stage: "move-to"; target: Target }
  | { stage: "choose"; op: "cancel" | "move"; options: Target[]; to?: string }
  | { stage: "memo" }
  | { stage: "confirm-memo"; ids: string[] };

/** Under this confidence an utterance outside a conversation is left to other abilities. */
const MIN_CONFIDENCE = 0.6;
const MIN_OPEN_CONFIDENCE = 0.35;
/** A reading at least this sure is the user's request even when it finds nothing to act on. */
const SURE = 0.9;
const DAY = 86_400_000;
const LOOK_AHEAD = 366 * DAY;
const DEFAULT_LENGTH = 3_600_000;
const GENERIC = new Set([
  "my",
  "the",
  "a",
  "an",
  "appointment",
  "meeting",
  "event",
  "with",
  "at",
  "on",
]);

function say(value: string, language: Language): AbilityAnswer["speech"] {
  return [{ type: "PlainText", lang: language, value }];
}

function toTarget(o: Occurrence): Target {
  return {
    uid: o.uid,
    summary: o.summary,
    start: o.start,
    end: o.end,
    allDay: o.allDay,
    recurring: o.recurring,
    ...(o.recurrenceId === undefined ? {} : { recurrenceId: o.recurrenceId }),
  };
}

export class ScheduleHandler {
  readonly #deps: ScheduleDeps;
  /** The event each user added last, for a "remind me 10 minutes before" right after. */
  readonly #lastAdded = new Map<string, { target: Target; at: number }>();

  constructor(deps: ScheduleDeps) {
    this.#deps = deps;
  }

  /**
   * Whether a first turn (no question pending) is the schedule's to answer: what `handle`
   * declines without looking at the calendar is not. No side effects (a guest is asked to log
   * in only for what the schedule would answer).
   */
  claims(turn: AbilityTurn): boolean {
    const { recognition } = turn;
    if (recognition.intent === null) return false;
    // Event names and notes are open slots: words the model never saw lower its confidence,
    // so a filled one is accepted lower (other abilities still win when surer).
    const open = ["subject", "memo"].some((name) => recognition.slots[name]);
    const language = turn.device.language;
    // 「明日何かある」: a day and a word asking what is on it (cues.ts) are the schedule's.
    const agenda =
      recognition.intent === "ScheduleQuery" &&
      recognition.slots["when"] !== undefined &&
      AGENDA_CUES[language].test(turn.text);
    const bar = open || agenda ? MIN_OPEN_CONFIDENCE : MIN_CONFIDENCE;
    if (recognition.confidence < bar) return false;
    if (!FIRST_TURN_INTENTS.has(recognition.intent)) return false;
    const cue = INTENT_CUES[recognition.intent]?.[language];
    if (cue && !cue.test(turn.text)) return false;
    const world = WORLD_NEXT[language].test(turn.text) && !OWN_AGENDA[language].test(turn.text);
    if (recognition.intent === "ScheduleNext" && world) return false;
    if (RECOMMENDATION[language].test(turn.text)) return false;
    if (
      (recognition.intent === "ScheduleMove" || recognition.intent === "ScheduleCancel") &&
      ALERT_IN_TEXT.test(turn.text) &&
      !CALENDAR_WORDS.test(turn.text)
    )
      return false;
    // "Set an alarm every Tuesday at 8" names an alert, not an event: the alerts' turn.
    const subject = recognition.slots["subject"]?.value;
    return !(recognition.intent === "ScheduleAdd" && subject && ALERT_WORD.test(subject));
  }

  async handle(turn: AbilityTurn): Promise<AbilityAnswer | undefined> {
    const { device } = turn;
    const pending = turn.session?.attributes["pending"] as Pending | undefined;
    if (!pending && !this.claims(turn)) return undefined;
    const ctx = new Turn(turn, this.#deps, this.#lastAdded);
    try {
      return pending ? await ctx.continue(pending) : await ctx.start();
    } catch (error) {
      if (!(error instanceof CalendarError)) throw error;
      const t = ctx.t;
      const message =
        error.code === "unauthorized"
          ? t.unauthorized
          : error.code === "unreachable" || error.code === "refused"
            ? t.unreachable
            : error.code === "conflict" || error.code === "not_found"
              ? t.conflict
              : t.failed;
      return { speech: say(message, device.language) };
    }
  }
}

class Turn {
  readonly t: Texts;
  readonly lang: Language;
  readonly zone: string;
  readonly now: number;
  readonly device: DeviceInfo;
  readonly #turn: AbilityTurn;
  readonly #deps: ScheduleDeps;
  readonly #lastAdded: Map<string, { target: Target; at: number }>;

  constructor(
    turn: AbilityTurn,
    deps: ScheduleDeps,
    lastAdded: Map<string, { target: Target; at: number }>,
  ) {
    this.#turn = turn;
    this.#deps = deps;
    this.#lastAdded = lastAdded;
    this.device = turn.device;
    this.lang = turn.device.language;
    this.t = TEXTS[this.lang];
    this.zone = turn.device.timeZone ?? "UTC";
    this.now = deps.now();
  }

  slot(name: string): string | undefined {
    const value = this.#turn.recognition.slots[name]?.value;
    return value === undefined || value === null || value === "" ? undefined : value;
  }

  when(name = "when"): When | undefined {
    const slot = this.#turn.recognition.slots[name];
    if (!slot?.value) return undefined;
    return parseWhen(slot.value, slot.valueType, this.now, this.zone);
  }

  schedule(): Promise<Schedule> {
    return this.#deps.scheduleFor(this.device.userId);
  }

  answer(text: string, extra: Partial<AbilityAnswer> = {}): AbilityAnswer {
    return { speech: say(text, this.lang), ...extra };
  }

  ask(text: string, pending: Pending): AbilityAnswer {
    return {
      speech: say(text, this.lang),
      reprompt: say(text, this.lang),
      keepSession: { attributes: { pending } },
    };
  }

  card<T>(make: () => T): { card?: Record<string, unknown> } {
    return this.device.display.size === "none" ? {} : { card: make() as Record<string, unknown> };
  }

  // ---- first turns ------------------------------------------------------------------------

  async start(): Promise<AbilityAnswer | undefined> {
    switch (this.#turn.recognition.intent) {
      case "ScheduleQuery":
        return this.query();
      case "ScheduleNext":
        return this.next();
      case "ScheduleFind":
        return this.find();
      case "ScheduleAdd":
        return this.add({});
      case "ScheduleMove":
        return this.move();
      case "ScheduleCancel":
        return this.cancel();
      case "ScheduleRemind":
        return this.remindLast();
      case "MemoAdd":
        return this.memoAdd();
      case "MemoRead":
        return this.memoRead();
      case "MemoDelete":
        return this.memoDelete();
      default:
        return undefined;
    }
  }

  async query(): Promise<AbilityAnswer> {
    const when = this.when() ?? this.today();
    const schedule = await this.schedule();
    if (when.kind === "days") {
      const list = await schedule.occurrences(when.from, when.to, this.zone);
      const label = this.rangeLabel(when);
      const spoken = spokenAgenda(list, { label, days: when.days }, this.zone, this.lang, this.now);
      return this.answer(
        spoken,
        this.card(() => scheduleListCard(list, this.zone, label, spoken)),
      );
    }
    const [from, to] =
      when.kind === "span"
        ? [when.from, when.to]
        : when.kind === "moment"
          ? [when.at, when.at + 60_000]
          : [nextAtTime(when.seconds, this.now, this.zone), 0];
    const end = to || from + 60_000;
    const list = (await schedule.occurrences(from, end, this.zone)).filter((o) => !o.allDay);
    const moment = this.spokenMoment(from, when.kind === "span" ? end : undefined);
    if (list.length === 0) return this.answer(cap(this.t.freeAt(moment)));
    const events = joinList(
      list.map((o) => `${named(o, this.lang)}${this.lang === "en" ? ` (${this.span(o)})` : ""}`),
      this.lang,
    );
    const spoken = cap(this.t.busyAt(moment, events));
    return this.answer(
      spoken,
      this.card(() => scheduleListCard(list, this.zone, moment, spoken)),
    );
  }

  async next(): Promise<AbilityAnswer> {
    const schedule = await this.schedule();
    for (const days of [7, 90, 366]) {
      const list = await schedule.occurrences(this.now, this.now + days * DAY, this.zone);
      const next = list.find((o) => o.start >= this.now) ?? list[0];
      if (next) {
        const spoken = this.t.next(named(next, this.lang), this.spokenWhen(next));
        return this.answer(
          spoken,
          this.card(() => scheduleCard(next, this.zone, spoken)),
        );
      }
    }
    return this.answer(this.t.nothingNext);
  }

  async find(): Promise<AbilityAnswer> {
    const subject = this.slot("subject");
    if (!subject) return this.query();
    const [found] = await this.matching(subject, undefined);
    if (!found) return this.answer(this.t.notFound(subject));
    const spoken = cap(this.t.found(named(found, this.lang), this.spokenWhen(found)));
    return this.answer(
      spoken,
      this.card(() => scheduleCard(found, this.zone, spoken)),
    );
  }

  async add(base: Draft): Promise<AbilityAnswer> {
    const draft: Draft = { ...base };
    const subject = this.slot("subject");
    if (subject) draft.subject = subject;
    const repeat = this.slot("repeat");
    if (repeat) draft.repeat = repeat;
    const reminder = this.slot("reminder");
    const minutes = reminder ? minutesOf(reminder) : undefined;
    if (minutes !== undefined) draft.reminder = minutes;
    this.applyTime(draft, this.when());
    return this.completeAdd(draft);
  }

  applyTime(draft: Draft, when: When | undefined): void {
    if (!when) return;
    if (when.kind === "moment") {
      draft.at = when.at;
      delete draft.date;
    } else if (when.kind === "days") draft.date = localDate(when.from, this.zone);
    else if (when.kind === "span") draft.at = when.from;
    else if (draft.date) draft.at = atTimeOn(draft.date, when.seconds, this.zone);
    else draft.at = nextAtTime(when.seconds, this.now, this.zone);
  }

  async completeAdd(draft: Draft): Promise<AbilityAnswer> {
    if (!draft.subject)
      return this.ask(this.t.askSubject, { stage: "add", asking: "subject", draft });
    if (draft.at === undefined && !draft.allDay) {
      const name = quoted(draft.subject, this.lang);
      if (draft.date)
        return this.ask(this.t.askTime(name), { stage: "add", asking: "time", draft });
      return this.ask(this.t.askWhen(name), { stage: "add", asking: "when", draft });
    }
    const schedule = await this.schedule();
    const allDay = draft.at === undefined;
    const start = allDay ? atTimeOn(draft.date!, 0, this.zone) : draft.at!;
    const end = allDay ? atTimeOn(shiftDate(draft.date!, 1), 0, this.zone) : start + DEFAULT_LENGTH;
    const rrule = draft.repeat ? ruleOf(draft.repeat, start, this.zone) : undefined;
    const added = await schedule.add({
      summary: draft.subject,
      start,
      end,
      allDay,
      timeZone: this.zone,
      ...(rrule ? { rrule } : {}),
      ...(draft.reminder === undefined ? {} : { reminderMinutes: draft.reminder }),
    });
    this.#lastAdded.set(this.device.userId, { target: toTarget(added), at: this.now });
    if (draft.reminder !== undefined) await this.setReminder(added, draft.reminder);
    const name = named(added, this.lang);
    let spoken = rrule
      ? this.t.addedRepeat(
          name,
          spokenRepeat(draft.repeat!, added, this.zone, this.lang),
          this.spokenDayOf(added.start),
        )
      : this.t.added(name, this.spokenWhen(added));
    if (draft.reminder !== undefined) spoken += this.t.reminder(draft.reminder);
    return this.answer(
      spoken,
      this.card(() => scheduleCard(added, this.zone, spoken)),
    );
  }

  async setReminder(o: Occurrence | Target, minutes: number): Promise<void> {
    const at = o.start - minutes * 60_000;
    if (!this.#deps.remind || at <= this.now) return;
    await this.#deps.remind({
      userId: this.device.userId,
      deviceId: this.device.deviceId,
      at,
      text: o.summary,
      timeZone: this.zone,
      language: this.lang,
    });
  }

  async remindLast(): Promise<AbilityAnswer> {
    const minutes = minutesOf(this.slot("reminder") ?? "");
    const last = this.#lastAdded.get(this.device.userId);
    if (!last || minutes === undefined || this.now - last.at > 10 * 60_000)
      return this.answer(this.t.nothingToRemind);
    const schedule = await this.schedule();
    await schedule.change(last.target as Occurrence, { reminderMinutes: minutes }, this.zone);
    await this.setReminder(last.target, minutes);
    return this.answer(this.t.reminderSet(named(last.target as Occurrence, this.lang), minutes));
  }

  async cancel(): Promise<AbilityAnswer | undefined> {
    const subject = this.slot("subject");
    const when = this.when();
    const found = await this.matching(subject, when);
    // "Cancel my 3 o'clock" with no event then may be an alarm: let the alerts answer.
    if (found.length === 0 && !subject && when?.kind !== "days") return undefined;
    if (found.length === 0) return this.answer(this.notFoundText(subject, when));
    const chosen = subject ? found.slice(0, 1) : found;
    if (chosen.length > 1) return this.choose("cancel", chosen);
    return this.confirmCancel(toTarget(chosen[0]!));
  }

  confirmCancel(target: Target): AbilityAnswer {
    const o = target as Occurrence;
    const text = target.recurring
      ? this.t.confirmCancelOne(named(o, this.lang), this.spokenWhen(o))
      : this.t.confirmCancel(named(o, this.lang), this.spokenWhen(o));
    return this.ask(text, { stage: "confirm-cancel", target });
  }

  async move(): Promise<AbilityAnswer | undefined> {
    const subject = this.slot("subject");
    const from = this.when("from");
    const found = await this.matching(subject, from);
    if (found.length === 0 && !subject) return undefined;
    // A guess at a move ("remind me to call the dentist next Monday at 9" read as moving
    // "dentist") of an event that is not there is no move: routing goes on (the alerts).
    if (found.length === 0 && this.#turn.recognition.confidence < SURE) return undefined;
    if (found.length === 0) return this.answer(this.notFoundText(subject, from));
    const to = this.#turn.recognition.slots["when"];
    const chosen = subject ? found.slice(0, 1) : found;
    if (chosen.length > 1) return this.choose("move", chosen, to?.value ?? undefined);
    return this.moveTo(toTarget(chosen[0]!), this.when());
  }

  moveTo(target: Target, when: When | undefined): AbilityAnswer {
    if (!when)
      return this.ask(this.t.askMoveTo(named(target as Occurrence, this.lang)), {
        stage: "move-to",
        target,
      });
    const length = target.end - target.start;
    const targetDate = localDate(target.start, this.zone);
    const wall = wallTimeAt(target.start, this.zone);
    const seconds = wall.hour * 3600 + wall.minute * 60;
    let start: number;
    if (when.kind === "moment") start = when.at;
    else if (when.kind === "time") start = atTimeOn(targetDate, when.seconds, this.zone);
    else if (when.kind === "span") start = when.from;
    else start = atTimeOn(localDate(when.from, this.zone), target.allDay ? 0 : seconds, this.zone);
    const o = target as Occurrence;
    const moved = { ...o, start, end: start + length };
    return this.ask(
      this.t.confirmMove(named(o, this.lang), this.spokenWhen(o), this.spokenWhen(moved)),
      { stage: "confirm-move", target, start, end: start + length },
    );
  }

  choose(op: "cancel" | "move", options: Occurrence[], to?: string): AbilityAnswer {
    const list = options.slice(0, 4).map(toTarget);
    const choices = joinList(
      list.map((o) => `${named(o as Occurrence, this.lang)} ${this.spokenWhen(o as Occurrence)}`),
      this.lang,
    ).replace(/; and /, this.lang === "en" ? ", or " : "");
    return this.ask(this.t.which(choices), {
      stage: "choose",
      op,
      options: list,
      ...(to ? { to } : {}),
    });
  }

  async memoAdd(): Promise<AbilityAnswer> {
    const memo = this.slot("memo");
    if (!memo) return this.ask(this.t.askMemo, { stage: "memo" });
    return this.saveMemo(memo);
  }

  async saveMemo(text: string): Promise<AbilityAnswer> {
    const memo = await this.#deps.memos.add(this.device.userId, text.trim(), this.now);
    const spoken = this.t.memoAdded(memo.text);
    return this.answer(
      spoken,
      this.card(() => memoCard(memo, this.zone, spoken)),
    );
  }

  async memoRead(): Promise<AbilityAnswer> {
    const memos = await this.#deps.memos.list(this.device.userId, 20);
    if (memos.length === 0) return this.answer(this.t.noMemos);
    const list = joinList(
      memos.slice(0, 5).map((m) => m.text),
      this.lang,
    );
    const spoken = this.t.memos(memos.length, this.lang === "en" ? `${cap(list)}.` : list);
    return this.answer(
      spoken,
      this.card(() => memoListCard(memos, this.zone, spoken)),
    );
  }

  async memoDelete(): Promise<AbilityAnswer> {
    const which = this.slot("which");
    // "delete my notes": every note, as "delete all my notes" (English plural).
    const all =
      which === "all" || (which === undefined && /\b(?:notes|memos)\b/i.test(this.#turn.text));
    const memos = await this.#deps.memos.list(this.device.userId, all ? 1000 : 1);
    if (memos.length === 0) return this.answer(this.t.noMemos);
    const ids = memos.map((m) => m.id);
    const text = all
      ? this.t.confirmDeleteAll(memos.length)
      : this.t.confirmDeleteLast(memos[0]!.text);
    return this.ask(text, { stage: "confirm-memo", ids });
  }

  // ---- answers to our questions -------------------------------------------------------------

  /**
   * The answer to the question pending. An utterance that does not answer a time, a choice or
   * a yes/no question ("what alarms do I have" asked when to move the dentist) ends the question
   * and goes on to the other abilities, as the alerts' questions do; nothing is changed.
   */
  async continue(pending: Pending): Promise<AbilityAnswer | undefined> {
    const intent = this.#turn.recognition.intent;
    const text = this.#turn.text.trim();
    const yes = intent === "Clova.YesIntent";
    const no = intent === "Clova.NoIntent";
    switch (pending.stage) {
      case "add": {
        if (no) return this.answer(this.t.keptIt);
        const draft = { ...pending.draft };
        if (pending.asking === "subject") {
          draft.subject = this.slot("subject") ?? this.slot("memo") ?? text;
          this.applyTime(draft, this.when());
          return this.completeAdd(draft);
        }
        const when = this.when() ?? this.when("from");
        if (!when)
          return this.ask(
            pending.asking === "time"
              ? this.t.askTime(draft.subject!)
              : this.t.askWhen(draft.subject!),
            pending,
          );
        this.applyTime(draft, when);
        const reminder = minutesOf(this.slot("reminder") ?? "");
        if (reminder !== undefined) draft.reminder = reminder;
        return this.completeAdd(draft);
      }
      case "memo":
        if (no) return this.answer(this.t.keptIt);
        return this.saveMemo(this.slot("memo") ?? text);
      case "confirm-cancel": {
        if (no) return this.answer(this.t.keptIt);
        if (!yes) return undefined;
        const schedule = await this.schedule();
        await schedule.cancel(pending.target as Occurrence, false, this.zone);
        return this.answer(this.t.cancelled(named(pending.target as Occurrence, this.lang)));
      }
      case "confirm-move": {
        if (no) return this.answer(this.t.keptIt);
        if (!yes) return undefined;
        const schedule = await this.schedule();
        await schedule.change(
          pending.target as Occurrence,
          { start: pending.start, end: pending.end },
          this.zone,
        );
        const moved = { ...(pending.target as Occurrence), start: pending.start, end: pending.end };
        return this.answer(this.t.moved(named(moved, this.lang), this.spokenWhen(moved)));
      }
      case "move-to": {
        if (no) return this.answer(this.t.keptIt);
        const when = this.when() ?? this.when("from");
        if (!when) return undefined;
        return this.moveTo(pending.target, when);
      }
      case "choose": {
        if (no) return this.answer(this.t.keptIt);
        const picked = this.pick(pending.options);
        if (!picked) return undefined;
        if (pending.op === "cancel") return this.confirmCancel(picked);
        const to = pending.to ? parseWhen(pending.to, undefined, this.now, this.zone) : undefined;
        return this.moveTo(picked, to);
      }
      case "confirm-memo": {
        if (no) return this.answer(this.t.keptIt);
        if (!yes) return this.ask(this.t.yesOrNo, pending);
        let count = 0;
        for (const id of pending.ids)
          if (await this.#deps.memos.delete(this.device.userId, id)) count++;
        return this.answer(
          pending.ids.length === 1 ? this.t.memoDeleted : this.t.memosDeleted(count),
        );
      }
    }
  }

  /** Which of the offered events the answer names: by its words, its time or "the first". */
  pick(options: Target[]): Target | undefined {
    const text = this.#turn.text.toLowerCase();
    const byName = options.filter((o) => o.summary && matches(o.summary, text, this.lang));
    if (byName.length === 1) return byName[0];
    const when = this.when() ?? this.when("from");
    if (when) {
      const hit = options.filter((o) => atWhen(o, when, this.zone));
      if (hit.length >= 1) return hit[0];
    }
    const ordinal =
      /\b(first|second|third|fourth)\b|(最初|一つ目|1つ目|二つ目|2つ目|三つ目|3つ目)|(첫 번째|두 번째|세 번째|네 번째)/.exec(
        text,
      );
    if (ordinal) {
      const word = ordinal[0];
      const index = ["first", "最初", "一つ目", "1つ目", "첫 번째"].includes(word)
        ? 0
        : ["second", "二つ目", "2つ目", "두 번째"].includes(word)
          ? 1
          : ["third", "三つ目", "3つ目", "세 번째"].includes(word)
            ? 2
            : 3;
      return options[index];
    }
    return undefined;
  }

  // ---- finding events ---------------------------------------------------------------------

  /** Upcoming occurrences named by a subject and/or a time, soonest first. */
  async matching(subject: string | undefined, when: When | undefined): Promise<Occurrence[]> {
    const schedule = await this.schedule();
    let from = this.now - DAY;
    let to = this.now + LOOK_AHEAD;
    if (when?.kind === "days") [from, to] = [when.from, when.to];
    else if (when?.kind === "moment") [from, to] = [when.at - DAY, when.at + DAY];
    else if (when?.kind === "span") [from, to] = [when.from, when.to];
    else if (when?.kind === "time") to = this.now + 7 * DAY;
    const list = await schedule.occurrences(from, to, this.zone);
    return list.filter(
      (o) =>
        (!subject || matches(o.summary, subject, this.lang)) &&
        (!when || when.kind === "days" || when.kind === "span" || atWhen(o, when, this.zone)) &&
        (when || o.end > this.now),
    );
  }

  // ---- spoken pieces ------------------------------------------------------------------------

  today(): When {
    const date = localDate(this.now, this.zone);
    return parseWhen(date, "DATE", this.now, this.zone)!;
  }

  rangeLabel(when: Extract<When, { kind: "days" }>): string {
    const today = localDate(this.now, this.zone);
    if (when.days === 1)
      return this.lang === "en"
        ? dayLabel(spokenDay(when.firstDate, today, this.lang))
        : spokenDay(when.firstDate, today, this.lang);
    const last = shiftDate(when.firstDate, when.days - 1);
    const weekStart = shiftDate(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
    if (when.days === 7 && when.firstDate === weekStart) return this.t.thisWeek;
    return this.t.between(
      spokenDay(when.firstDate, today, this.lang),
      spokenDay(last, today, this.lang),
    );
  }

  spokenWhen(o: Occurrence): string {
    return spokenWhen(o, this.zone, this.lang, this.now);
  }

  spokenDayOf(instant: number): string {
    return spokenDay(localDate(instant, this.zone), localDate(this.now, this.zone), this.lang);
  }

  spokenMoment(from: number, to?: number): string {
    const day = this.spokenDayOf(from);
    const time = spokenTime(from, this.zone, this.lang);
    const at = { en: `${day} at ${time}`, ja: `${day}の${time}`, ko: `${day} ${time}` }[this.lang];
    if (to === undefined) return at;
    return this.t.between(at, spokenTime(to, this.zone, this.lang));
  }

  span(o: Occurrence): string {
    return spokenEvent(o, this.zone, this.lang).replace(/, .*$/, "");
  }

  notFoundText(subject: string | undefined, when: When | undefined): string {
    if (subject) return this.t.notFound(subject);
    if (when?.kind === "moment") return this.t.notFoundAt(this.spokenMoment(when.at));
    if (when?.kind === "time")
      return this.t.notFoundAt(this.spokenMoment(nextAtTime(when.seconds, this.now, this.zone)));
    if (when?.kind === "days") return this.t.notFoundAt(this.rangeLabel(when));
    return this.t.notFound("");
  }
}

function dayLabel(day: string): string {
  return day === "today" || day === "tomorrow" ? day : `on ${day}`;
}

/** RRULE for a REPEAT value, anchored on the first occurrence's weekday/day. */
function ruleOf(repeat: string, start: number, timeZone: string): string | undefined {
  const weekday = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"][
    new Date(`${localDate(start, timeZone)}T00:00:00Z`).getUTCDay()
  ];
  switch (repeat) {
    case "DAILY":
      return "FREQ=DAILY";
    case "WEEKDAYS":
      return "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";
    case "WEEKLY":
      return `FREQ=WEEKLY;BYDAY=${weekday}`;
    case "MONTHLY":
      return "FREQ=MONTHLY";
    case "YEARLY":
      return "FREQ=YEARLY";
    default:
      return undefined;
  }
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Whether an event's summary is what the user called it ("the dentist" ~ "Dentist appointment"). */
export function matches(summary: string, said: string, language: Language): boolean {
  const s = summary.toLowerCase().normalize("NFKC");
  const t = said.toLowerCase().normalize("NFKC").trim();
  if (t === "") return false;
  if (s.includes(t) || (s.length > 1 && t.includes(s))) return true;
  const summaryWords = new Set(words(s));
  const significant = words(t).filter(
    (w) => !GENERIC.has(w) && (language !== "en" || w.length >= 3),
  );
  if (language === "en")
    return significant.some((w) => summaryWords.has(w) || summaryWords.has(w.replace(/'s$/, "")));
  // ja/ko: a word of two or more characters shared (particles trimmed), e.g. 치과 예약을 ~ 치과
  return significant.some((w) => {
    const stem = w.replace(/(을|를|은|는|이|가|의|을요|の|を|は|が)$/u, "");
    return stem.length >= 2 && s.includes(stem);
  });
}

/** Whether an occurrence starts at what the user said ("my 3 o'clock": 3:00 or 15:00). */
function atWhen(o: Target, when: When, timeZone: string): boolean {
  if (o.allDay) return when.kind === "days";
  const wall = wallTimeAt(o.start, timeZone);
  const seconds = wall.hour * 3600 + wall.minute * 60;
  if (when.kind === "time")
    return (
      seconds === when.seconds || (when.seconds < 12 * 3600 && seconds === when.seconds + 12 * 3600)
    );
  if (when.kind === "moment") {
    if (o.start === when.at) return true;
    const said = wallTimeAt(when.at, timeZone);
    const saidSeconds = said.hour * 3600 + said.minute * 60;
    return (
      localDate(o.start, timeZone) === localDate(when.at, timeZone) &&
      saidSeconds < 12 * 3600 &&
      seconds === saidSeconds + 12 * 3600
    );
  }
  if (when.kind === "span") return o.start < when.to && o.end > when.from;
  return o.start < when.to && o.end > when.from;
}
