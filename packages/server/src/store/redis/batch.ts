// One script call per tick (docs/scale-out.md "One turn on Redis"): the plain commands the
// stores give a connection during one tick of the event loop — a turn's context, language and
// newest-dialog writes and its reads of the device record, the device side's memory and the
// session — run in Redis as one EVALSHA of a small script that runs them in order and answers
// all their replies in one array. The node then builds, times and parses one command instead
// of seven, and Redis reads and answers one. Results are those of the commands sent one by one:
// each command's own error fails only that command (redis.pcall), and a read sees the writes
// queued before it. A tick with a single command sends it as itself. Commands a store sends
// straight on the connection (the session and rate-limit scripts) leave at once, so within one
// tick they reach Redis before the batch: no store reads through the batch what it wrote
// straight in the same tick, or the reverse (a session is written at a turn's end, read at
// its start).
import type { Redis } from "ioredis";
import { RespArgs, RespScript } from "./resp.js";
import { BUCKET } from "./token-bucket.js";

// A dialog's start (cic.md §7.3, docs/scale-out.md "The newest dialog"): the device's newest
// dialogRequestId and the node that started it, both replaced; when the dialog replaced was
// started on another node, that node is told on its channel (the directive bus's), so its check
// before synthesizing an answer stays local. KEYS[i] the dialog's key; its arguments: the id,
// the expiry (ms), the key naming the node, this node's id, the node channels' prefix, the
// device key.
const DIALOG = `
local function dialog(key, id, ttl, node_key, node, channel, device)
  local previous = redis.call("SET", key, id, "PX", ttl, "GET")
  local previous_node = redis.call("SET", node_key, node, "PX", ttl, "GET")
  if previous and previous ~= id and previous_node and previous_node ~= node then
    redis.call("PUBLISH", channel .. previous_node, cjson.encode({
      kind = "superseded", from = node, deviceKey = device, dialogRequestId = previous}))
  end
  return "OK"
end
`;

// A turn's rate limits (docs/scale-out.md "One turn on Redis"): one token from each bucket in
// order until one refuses (the token buckets of token-bucket.ts); {0, 0} when all allowed, else
// {the refusing bucket's 1-based index, the wait in ms}. KEYS[i] the first bucket; arguments:
// now (ms), its burst and tokens per ms, then key, burst and tokens per ms of each next one.
const GATE = `${BUCKET}
local function gate(key, now, ...)
  local rest = {...}
  now = tonumber(now)
  local r = take(key, tonumber(rest[1]), tonumber(rest[2]), 1, now)
  if r[1] == 0 then return {1, r[2]} end
  local index = 2
  for k = 3, #rest, 3 do
    r = take(rest[k], tonumber(rest[k + 1]), tonumber(rest[k + 2]), 1, now)
    if r[1] == 0 then return {index, r[2]} end
    index = index + 1
  end
  return {0, 0}
end
`;

/** The names of batch entries that are the functions above, not Redis commands. */
const DIALOG_OP = "cloverdialog";
const GATE_OP = "clovergate";
/** What a command of a turn its rate limits refused answers (it was not run). */
const REFUSED = "CLOVERREFUSED the event was refused by its rate limits";

// KEYS[i] is the key of command i; ARGV, per command: its name, its gate (the index of the
// GATE entry whose refusal skips it, or 0), how many arguments follow the key, and those
// arguments (the node writes the call's bytes itself, resp.ts: an argument of its own costs no
// more than a share of one packed argument, and Redis parses it without cjson). Answers one
// reply per command (an error as an error reply in its place; a command skipped by its gate
// answers REFUSED).
const RUN = `${DIALOG}${GATE}
local function reply_of(ok, reply)
  if ok then return reply end
  return redis.error_reply(type(reply) == "table" and reply.err or tostring(reply))
end
local replies = {}
local refused = {}
local a = 1
for i = 1, #KEYS do
  local name = ARGV[a]
  local by = tonumber(ARGV[a + 1])
  local n = tonumber(ARGV[a + 2])
  if by > 0 and refused[by] then
    replies[i] = redis.error_reply("${REFUSED}")
  elseif name == "${GATE_OP}" then
    local ok, reply = pcall(gate, KEYS[i], unpack(ARGV, a + 3, a + 2 + n))
    replies[i] = reply_of(ok, reply)
    refused[i] = ok and reply[1] ~= 0
  elseif name == "${DIALOG_OP}" then
    replies[i] = reply_of(pcall(dialog, KEYS[i], unpack(ARGV, a + 3, a + 2 + n)))
  else
    replies[i] = redis.pcall(name, KEYS[i], unpack(ARGV, a + 3, a + 2 + n))
  end
  a = a + 3 + n
end
return replies`;

const RUN_SCRIPT = new RespScript(RUN);

type Arg = string | number;

interface Queued {
  name: string;
  /** The 1-based index in the batch of the GATE entry whose refusal skips it, or 0. */
  gate: number;
  key: string;
  args: readonly Arg[];
  /** The script's reply as ioredis gives it for this command sent alone (HGETALL's object). */
  decode: (reply: unknown) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const asIs = (reply: unknown) => reply;

/** HGETALL's flat [field, value, …] array as an object, as ioredis answers it. */
function fieldsOf(reply: unknown): Record<string, string> {
  const flat = reply as string[];
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
}

/** The plain commands of the stores on one connection, sent one script call per tick. */
export class RedisTickBatch {
  readonly #redis: Redis;
  #queued: Queued[] = [];
  /** The gate of the commands queued now (while `gate`'s work runs), or 0. */
  #gate = 0;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  get(key: string): Promise<string | null> {
    return this.#queue("get", key, [], asIs) as Promise<string | null>;
  }

  set(key: string, value: string, pxMs: number): Promise<unknown> {
    return this.#queue("set", key, [value, "PX", pxMs], asIs);
  }

  hget(key: string, field: string): Promise<string | null> {
    return this.#queue("hget", key, [field], asIs) as Promise<string | null>;
  }

  hgetall(key: string): Promise<Record<string, string>> {
    return this.#queue("hgetall", key, [], fieldsOf) as Promise<Record<string, string>>;
  }

  hset(key: string, fieldsAndValues: readonly Arg[]): Promise<unknown> {
    return this.#queue("hset", key, fieldsAndValues, asIs);
  }

  hdel(key: string, field: string): Promise<unknown> {
    return this.#queue("hdel", key, [field], asIs);
  }

  pexpire(key: string, ms: number): Promise<unknown> {
    return this.#queue("pexpire", key, [ms], asIs);
  }

  /**
   * A dialog's start: `key` gets `dialogRequestId` and `nodeKey` this node's id (both for
   * `ttlMs`); the node that started the dialog replaced, if another, gets a message
   * `{kind: "superseded", from, deviceKey, dialogRequestId}` on `${channelPrefix}<its id>`.
   */
  dialog(
    key: string,
    dialog: {
      dialogRequestId: string;
      ttlMs: number;
      nodeKey: string;
      nodeId: string;
      channelPrefix: string;
      deviceKey: string;
    },
  ): Promise<unknown> {
    const { dialogRequestId, ttlMs, nodeKey, nodeId, channelPrefix, deviceKey } = dialog;
    return this.#queue(
      DIALOG_OP,
      key,
      [dialogRequestId, ttlMs, nodeKey, nodeId, channelPrefix, deviceKey],
      asIs,
    );
  }

  /**
   * Takes a token from each bucket in order (GATE above: `key` the first bucket, `args` the
   * rest) in this tick's script call, and runs `work` now: the commands it queues on this batch
   * at once go in the same call after the take and are not run if a bucket refuses (they fail
   * with REFUSED). `taken` is GATE's answer: [0, 0], or the refusing bucket's 1-based index and
   * the wait. Commands `work` queues later (after an await) are not gated.
   */
  gate<T>(
    key: string,
    args: readonly Arg[],
    work: () => T,
  ): { taken: Promise<[number, number]>; result: T } {
    const taken = this.#queue(GATE_OP, key, args, asIs) as Promise<[number, number]>;
    const outer = this.#gate;
    this.#gate = this.#queued.length;
    try {
      return { taken, result: work() };
    } finally {
      this.#gate = outer;
    }
  }

  #queue(
    name: string,
    key: string,
    args: readonly Arg[],
    decode: (reply: unknown) => unknown,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const entry = { name, gate: this.#gate, key, args, decode, resolve, reject };
      // Sent once this tick's callbacks have queued theirs: a microtask queued now runs after
      // those already queued, and the nextTick it asks for after every microtask of the tick.
      if (this.#queued.push(entry) === 1)
        queueMicrotask(() => process.nextTick(() => this.#send()));
    });
  }

  #send(): void {
    const batch = this.#queued;
    this.#queued = [];
    if (batch.length === 1 && batch[0]!.name !== DIALOG_OP && batch[0]!.name !== GATE_OP) {
      const [only] = batch as [Queued];
      // As itself (ioredis already answers HGETALL with an object).
      const sent = this.#redis.call(only.name, only.key, ...only.args) as Promise<unknown>;
      sent.then(only.resolve, only.reject);
      return;
    }
    // The call's bytes written here (resp.ts): the key count, the keys, then per command its
    // name, gate, count of arguments and arguments.
    const call = new RespArgs().number(batch.length);
    for (let i = 0; i < batch.length; i++) call.string(batch[i]!.key);
    for (let i = 0; i < batch.length; i++) {
      const { name, gate, args } = batch[i]!;
      call.string(name).number(gate).number(args.length);
      for (let j = 0; j < args.length; j++) {
        const arg = args[j]!;
        if (typeof arg === "number") call.number(arg);
        else call.string(arg);
      }
    }
    RUN_SCRIPT.run(this.#redis, call).then(
      (replies) => {
        for (let i = 0; i < batch.length; i++) {
          const queued = batch[i]!;
          const reply = (replies as unknown[])[i];
          if (reply instanceof Error) queued.reject(reply);
          else queued.resolve(queued.decode(reply));
        }
      },
      (error: unknown) => {
        for (const queued of batch) queued.reject(error);
      },
    );
  }
}

const batches = new WeakMap<Redis, RedisTickBatch>();

/** The tick batch of a connection: every store using the connection shares it. */
export function tickBatch(redis: Redis): RedisTickBatch {
  let batch = batches.get(redis);
  if (!batch) {
    batch = new RedisTickBatch(redis);
    batches.set(redis, batch);
  }
  return batch;
}
