// Recent turns across devices with the CEK exchange of each turn: what the console's
// conversation log, the simulator, `clover chat --verbose` and the extension health figures
// read. The TurnLog interface has two homes: this process's memory (the default) and Redis
// (store/redis/turn-log.ts, shared by every node). Both keep the newest turns in total, per
// device, per user and per extension, each list capped, so a chatty device cannot push a quiet
// one's history out and nothing grows without bound.
import { type Assistant, type Turn, type TurnResult, wrapTurns } from "../assistant/turn.js";
import { deviceKeyOf } from "../cic/device-key.js";

export interface LoggedTurn {
  id: number;
  at: string;
  /** The device's key (cic/device-key.ts): client, device id and user. */
  deviceKey: string;
  clientId: string;
  deviceId: string;
  userId: string;
  dialogRequestId?: string;
  /** What the user said, or `Namespace.Name` of a device event. */
  input: string;
  kind: Turn["kind"];
  extensionId?: string;
  intent?: TurnResult["intent"];
  speech: string;
  expectSpeech: boolean;
  durationMs: number;
  exchange?: TurnResult["exchange"];
  /** What the NLU made of the utterance: confidence, deciding layer, slots' words. */
  recognition?: TurnResult["recognition"];
  /** The dialog session's attributes before and after the turn. */
  session?: TurnResult["session"];
  /** Where the time went: ASR, understanding, extension, TTS, total. */
  timings?: TurnResult["timings"];
  error?: string;
  /** The whole turn result (directives, reprompt, card...), without the three fields above. */
  result?: TurnResult;
  /** The node that answered the turn (several nodes share one log on Redis). */
  node?: string;
}

export interface ExtensionHealth {
  extensionId: string;
  calls: number;
  errors: number;
  errorRate: number;
  lastCallAt?: string;
  lastError?: string;
  p50Ms?: number;
  p99Ms?: number;
}

export interface TurnFilter {
  deviceId?: string;
  userId?: string;
  extensionId?: string;
  dialogRequestId?: string;
  limit?: number;
}

/** How many turns each list keeps (docs/configuration.md "Turn log"). */
export interface TurnLogLimits {
  /** Newest turns of all devices together. */
  total: number;
  /** Newest turns per device id. */
  perDevice: number;
  /** Newest turns per user. */
  perUser: number;
  /** Newest turns per extension (what its health figures are computed over). */
  perExtension: number;
}

export const DEFAULT_TURN_LOG_LIMITS: TurnLogLimits = {
  total: 1000,
  perDevice: 100,
  perUser: 200,
  perExtension: 1000,
};

export interface TurnLog {
  /**
   * Adds a turn; resolves with its id once it is stored (readers on any node then see it).
   * Only the id: a log on Redis keeps none of the entry's objects while it waits to write it.
   */
  record(entry: Omit<LoggedTurn, "id">): Promise<number>;
  /** Newest first. */
  list(filter?: TurnFilter): Promise<LoggedTurn[]>;
  /** Calls, errors and latency of an extension over its turns still in the log. */
  health(extensionId: string): Promise<ExtensionHealth>;
  close(): Promise<void>;
}

/** Largest CEK exchange kept per turn (an extension may answer up to 1 MiB). */
const MAX_EXCHANGE_CHARS = 64 * 1024;

/** The exchange as is when small; else its bodies are replaced by their size. */
function bounded(
  exchange: NonNullable<TurnResult["exchange"]>,
): NonNullable<TurnResult["exchange"]> {
  const size = JSON.stringify(exchange).length;
  if (size <= MAX_EXCHANGE_CHARS) return exchange;
  return {
    request: { omitted: `larger than ${MAX_EXCHANGE_CHARS} characters` },
    ...(exchange.response === undefined
      ? {}
      : { response: { omitted: `${size} characters with the request` } }),
    durationMs: exchange.durationMs,
    ...(exchange.error === undefined ? {} : { error: exchange.error }),
  };
}

/** Session attributes as they are when small; else their size. */
function boundedSession(session: NonNullable<TurnResult["session"]>): TurnResult["session"] {
  if (JSON.stringify(session).length <= MAX_EXCHANGE_CHARS) return session;
  const omitted = { omitted: `larger than ${MAX_EXCHANGE_CHARS} characters` };
  return {
    sessionId: session.sessionId,
    new: session.new,
    attributesBefore: omitted,
    ...(session.attributesAfter ? { attributesAfter: omitted } : {}),
  };
}

/** What the log keeps of one turn (without its id, given by the log). */
export function turnEntry(
  turn: Turn,
  result: TurnResult | undefined,
  durationMs: number,
  error?: unknown,
  node?: string,
): Omit<LoggedTurn, "id"> {
  const {
    recognition,
    session,
    timings: assistantTimings,
    ...rest
  } = result ?? ({} as Partial<TurnResult>);
  // The gateway's stages (ASR, TTS, total) with the assistant's (understanding, extension).
  const timings =
    assistantTimings || (turn.kind === "text" && turn.timings)
      ? { ...assistantTimings, ...(turn.kind === "text" ? turn.timings : {}) }
      : undefined;
  const exchange = result?.exchange ? bounded(result.exchange) : undefined;
  return {
    at: new Date().toISOString(),
    deviceKey: deviceKeyOf(turn.device),
    clientId: turn.device.clientId,
    deviceId: turn.device.deviceId,
    userId: turn.device.userId,
    kind: turn.kind,
    input: turn.kind === "text" ? turn.text : `${turn.namespace}.${turn.name}`,
    speech: (result?.speech ?? []).map((s) => s.value).join(" "),
    expectSpeech: result?.expectSpeech ?? false,
    durationMs,
    ...(node ? { node } : {}),
    ...(turn.dialogRequestId ? { dialogRequestId: turn.dialogRequestId } : {}),
    ...(result?.extensionId ? { extensionId: result.extensionId } : {}),
    ...(result?.intent ? { intent: result.intent } : {}),
    ...(exchange ? { exchange } : {}),
    ...(recognition ? { recognition } : {}),
    ...(session ? { session: boundedSession(session) } : {}),
    ...(timings ? { timings } : {}),
    ...(error !== undefined ? { error: String((error as Error)?.message ?? error) } : {}),
    // The result's exchange is the entry's (one object; a stored copy keeps it once).
    ...(result ? { result: { ...(rest as TurnResult), ...(exchange ? { exchange } : {}) } } : {}),
  };
}

/** The lists a turn is kept in: all turns, and one per device, user and extension. */
export type TurnScope = "device" | "user" | "extension" | "all";

/**
 * How long the log remembers which device a dialogRequestId came from, so a read by
 * dialogRequestId alone finds the dialog's turns in that device's list after they left the
 * all-turns list (a dialog is looked up soon after it happened: the console, `clover
 * dialog-test`). On Redis one small key per dialog with this expiry (a list of its own per
 * dialog was a copy of every turn for a week); in memory the newest dialogs of MAX_KEYED_LISTS.
 */
export const DIALOG_INDEX_MS = 24 * 3600_000;

/**
 * Which capped list answers a filter best (the narrowest one it names); `dialogDevice` is the
 * device a filter's dialogRequestId came from, when the log still knows it.
 */
export function listOf(
  filter: TurnFilter,
  dialogDevice?: string,
): {
  scope: TurnScope;
  id: string;
} {
  if (filter.deviceId) return { scope: "device", id: filter.deviceId };
  if (dialogDevice) return { scope: "device", id: dialogDevice };
  if (filter.userId) return { scope: "user", id: filter.userId };
  if (filter.extensionId) return { scope: "extension", id: filter.extensionId };
  return { scope: "all", id: "" };
}

/** Applies the rest of a filter to a list read newest first. */
export function filtered(turns: Iterable<LoggedTurn>, filter: TurnFilter): LoggedTurn[] {
  const out: LoggedTurn[] = [];
  const limit = filter.limit ?? 100;
  for (const t of turns) {
    if (out.length >= limit) break;
    if (filter.deviceId && t.deviceId !== filter.deviceId) continue;
    if (filter.userId && t.userId !== filter.userId) continue;
    if (filter.extensionId && t.extensionId !== filter.extensionId) continue;
    if (filter.dialogRequestId && t.dialogRequestId !== filter.dialogRequestId) continue;
    out.push(t);
  }
  return out;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** Health figures from an extension's turns, newest first. */
export function healthOf(extensionId: string, newestFirst: LoggedTurn[]): ExtensionHealth {
  const calls = newestFirst.filter((t) => t.extensionId === extensionId && t.exchange);
  const latencies = calls.map((t) => t.exchange!.durationMs).sort((a, b) => a - b);
  const failed = calls.filter((t) => t.exchange?.error);
  const last = calls[0];
  return {
    extensionId,
    calls: calls.length,
    errors: failed.length,
    errorRate: calls.length ? failed.length / calls.length : 0,
    ...(last ? { lastCallAt: last.at } : {}),
    ...(failed[0]?.exchange?.error ? { lastError: failed[0].exchange.error } : {}),
    ...(latencies.length
      ? { p50Ms: percentile(latencies, 0.5)!, p99Ms: percentile(latencies, 0.99)! }
      : {}),
  };
}

/** Most devices, users or extensions with a list of their own in memory (oldest dropped). */
const MAX_KEYED_LISTS = 10_000;

/** The turn log in this process's memory: capped lists sharing the entries. */
export class MemoryTurnLog implements TurnLog {
  readonly #all: LoggedTurn[] = [];
  readonly #lists = {
    device: new Map<string, LoggedTurn[]>(),
    user: new Map<string, LoggedTurn[]>(),
    extension: new Map<string, LoggedTurn[]>(),
  };
  /** dialogRequestId → the device it came from (DIALOG_INDEX_MS), oldest dropped. */
  readonly #dialogs = new Map<string, string>();
  #nextId = 1;
  readonly limits: TurnLogLimits;

  constructor(limits: Partial<TurnLogLimits> | number = {}) {
    this.limits = {
      ...DEFAULT_TURN_LOG_LIMITS,
      ...(typeof limits === "number" ? { total: limits } : limits),
    };
  }

  #append(list: LoggedTurn[], entry: LoggedTurn, cap: number) {
    list.push(entry);
    if (list.length > cap) list.splice(0, list.length - cap);
  }

  #keyed(scope: Exclude<TurnScope, "all">, id: string, entry: LoggedTurn, cap: number) {
    const lists = this.#lists[scope];
    const list = lists.get(id) ?? [];
    lists.delete(id);
    lists.set(id, list);
    if (lists.size > MAX_KEYED_LISTS) lists.delete(lists.keys().next().value!);
    this.#append(list, entry, cap);
  }

  async record(entry: Omit<LoggedTurn, "id">): Promise<number> {
    const logged: LoggedTurn = { id: this.#nextId++, ...entry };
    this.#append(this.#all, logged, this.limits.total);
    this.#keyed("device", logged.deviceId, logged, this.limits.perDevice);
    this.#keyed("user", logged.userId, logged, this.limits.perUser);
    if (logged.extensionId)
      this.#keyed("extension", logged.extensionId, logged, this.limits.perExtension);
    if (logged.dialogRequestId && !this.#dialogs.has(logged.dialogRequestId)) {
      this.#dialogs.set(logged.dialogRequestId, logged.deviceId);
      if (this.#dialogs.size > MAX_KEYED_LISTS)
        this.#dialogs.delete(this.#dialogs.keys().next().value!);
    }
    return logged.id;
  }

  #newestFirst(filter: TurnFilter): Iterable<LoggedTurn> {
    const { scope, id } = listOf(
      filter,
      filter.dialogRequestId && this.#dialogs.get(filter.dialogRequestId),
    );
    const list = scope === "all" ? this.#all : (this.#lists[scope].get(id) ?? []);
    return (function* () {
      for (let i = list.length - 1; i >= 0; i--) yield list[i]!;
    })();
  }

  async list(filter: TurnFilter = {}): Promise<LoggedTurn[]> {
    return filtered(this.#newestFirst(filter), filter);
  }

  async health(extensionId: string): Promise<ExtensionHealth> {
    return healthOf(extensionId, [...this.#newestFirst({ extensionId })]);
  }

  async close() {
    this.#all.length = 0;
    for (const lists of Object.values(this.#lists)) lists.clear();
  }
}

/** The earlier name of the in-memory log. */
export { MemoryTurnLog as ConversationLog };

/** Longest wait for a turn's speech before its entry is written without the speech timings. */
const SPOKEN_WAIT_MS = 60_000;

/** Settles when `spoken` does, or after SPOKEN_WAIT_MS. */
function spokenOrLater(spoken: Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, SPOKEN_WAIT_MS);
    timer.unref();
    void spoken.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * The assistant, with every turn written to the log. The write is not awaited by the turn (a
 * slow or absent Redis must not delay an answer); a failed write is reported to `onError`.
 * A turn whose answer is still being spoken (`turn.spoken`, set by the CIC gateway) is written
 * once its speech is synthesized, with the gateway's timings.
 */
export function recordingAssistant(
  assistant: Assistant,
  log: TurnLog,
  options: { node?: string; onError?: (error: unknown) => void } = {},
): Assistant {
  // Whatever goes wrong writing the log (an entry that cannot be serialized included) is
  // reported, never thrown into the turn or left as an unhandled rejection.
  const write = (entry: () => Omit<LoggedTurn, "id">) => {
    try {
      void log.record(entry()).catch((error) => options.onError?.(error));
    } catch (error) {
      options.onError?.(error);
    }
  };
  return wrapTurns(assistant, async (turn) => {
    const started = performance.now();
    try {
      const result = await assistant.handleTurn(turn);
      const durationMs = performance.now() - started;
      const entry = () => turnEntry(turn, result, durationMs, undefined, options.node);
      if (turn.kind === "text" && turn.spoken)
        void spokenOrLater(turn.spoken).then(() => write(entry));
      else write(entry);
      return result;
    } catch (error) {
      const durationMs = performance.now() - started;
      write(() => turnEntry(turn, undefined, durationMs, error, options.node));
      throw error;
    }
  });
}
