// Recent turns across devices, kept in memory (a ring buffer), with the CEK exchange of each
// turn: what the console's conversation log, the simulator, `clover chat --verbose` and the
// extension health figures read.
import type { Assistant, Turn, TurnResult } from "../assistant/turn.js";
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
  /** Where the time went (ASR, understanding, extension, TTS, total); filled as the turn goes. */
  timings?: TurnResult["timings"];
  error?: string;
  /** The whole turn result (directives, reprompt, card...), without the fields above. */
  result?: TurnResult;
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

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

export class ConversationLog {
  private readonly turns: LoggedTurn[] = [];
  private nextId = 1;

  constructor(private readonly capacity = 1000) {}

  record(
    turn: Turn,
    result: TurnResult | undefined,
    durationMs: number,
    error?: unknown,
  ): LoggedTurn {
    const { recognition, session, timings, ...rest } = result ?? ({} as Partial<TurnResult>);
    const entry: LoggedTurn = {
      id: this.nextId++,
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
      ...(turn.dialogRequestId ? { dialogRequestId: turn.dialogRequestId } : {}),
      ...(result?.extensionId ? { extensionId: result.extensionId } : {}),
      ...(result?.intent ? { intent: result.intent } : {}),
      ...(result?.exchange ? { exchange: bounded(result.exchange) } : {}),
      ...(recognition ? { recognition } : {}),
      ...(session ? { session: boundedSession(session) } : {}),
      // The same object as the result's: the gateway adds speech timings after this call.
      ...(timings ? { timings } : {}),
      ...(error !== undefined ? { error: String((error as Error)?.message ?? error) } : {}),
      ...(result
        ? {
            result: {
              ...(rest as TurnResult),
              ...(result.exchange ? { exchange: bounded(result.exchange) } : {}),
            },
          }
        : {}),
    };
    this.turns.push(entry);
    if (this.turns.length > this.capacity) this.turns.shift();
    return entry;
  }

  /** Newest first. */
  list(
    filter: {
      deviceId?: string;
      extensionId?: string;
      dialogRequestId?: string;
      limit?: number;
    } = {},
  ): LoggedTurn[] {
    const out: LoggedTurn[] = [];
    for (let i = this.turns.length - 1; i >= 0 && out.length < (filter.limit ?? 100); i--) {
      const t = this.turns[i]!;
      if (filter.deviceId && t.deviceId !== filter.deviceId) continue;
      if (filter.extensionId && t.extensionId !== filter.extensionId) continue;
      if (filter.dialogRequestId && t.dialogRequestId !== filter.dialogRequestId) continue;
      out.push(t);
    }
    return out;
  }

  /** Calls, errors and latency of an extension over the turns still in the log. */
  health(extensionId: string): ExtensionHealth {
    const calls = this.turns.filter((t) => t.extensionId === extensionId && t.exchange);
    const latencies = calls.map((t) => t.exchange!.durationMs).sort((a, b) => a - b);
    const failed = calls.filter((t) => t.exchange?.error);
    const last = calls.at(-1);
    return {
      extensionId,
      calls: calls.length,
      errors: failed.length,
      errorRate: calls.length ? failed.length / calls.length : 0,
      ...(last ? { lastCallAt: last.at } : {}),
      ...(failed.at(-1)?.exchange?.error ? { lastError: failed.at(-1)!.exchange!.error! } : {}),
      ...(latencies.length
        ? { p50Ms: percentile(latencies, 0.5)!, p99Ms: percentile(latencies, 0.99)! }
        : {}),
    };
  }
}

/** The assistant, with every turn written to the log. */
export function recordingAssistant(assistant: Assistant, log: ConversationLog): Assistant {
  return {
    ...(assistant.answersEvents
      ? { answersEvents: (namespace: string) => assistant.answersEvents!(namespace) }
      : {}),
    async handleTurn(turn) {
      const started = performance.now();
      try {
        const result = await assistant.handleTurn(turn);
        // Shared with the log entry: the gateway adds ASR and TTS timings to it afterwards.
        result.timings ??= {};
        log.record(turn, result, performance.now() - started);
        return result;
      } catch (error) {
        log.record(turn, undefined, performance.now() - started, error);
        throw error;
      }
    },
  };
}
