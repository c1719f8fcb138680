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
import { type RedisScript, redisScript } from "./connection.js";

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

/** The name of a batch entry that is the DIALOG function, not a Redis command. */
const DIALOG_OP = "cloverdialog";

// KEYS[i] is the key of command i; ARGV[1] the number of commands, then per command its name,
// how many arguments follow the key, and those arguments. Answers one reply per command (an
// error as an error reply in its place).
const RUN = `${DIALOG}
local replies = {}
local a = 2
for i = 1, tonumber(ARGV[1]) do
  local name = ARGV[a]
  local n = tonumber(ARGV[a + 1])
  if name == "${DIALOG_OP}" then
    local ok, reply = pcall(dialog, KEYS[i], unpack(ARGV, a + 2, a + 1 + n))
    if ok then replies[i] = reply
    else replies[i] = redis.error_reply(type(reply) == "table" and reply.err or tostring(reply)) end
  else
    replies[i] = redis.pcall(name, KEYS[i], unpack(ARGV, a + 2, a + 1 + n))
  end
  a = a + 2 + n
end
return replies`;

type Arg = string | number;

interface Queued {
  name: string;
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
  readonly #run: RedisScript;
  #queued: Queued[] = [];

  constructor(redis: Redis) {
    this.#redis = redis;
    this.#run = redisScript(redis, "cloverTickBatch", RUN);
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

  #queue(
    name: string,
    key: string,
    args: readonly Arg[],
    decode: (reply: unknown) => unknown,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      // Sent once this tick's callbacks have queued theirs: a microtask queued now runs after
      // those already queued, and the nextTick it asks for after every microtask of the tick.
      if (this.#queued.push({ name, key, args, decode, resolve, reject }) === 1)
        queueMicrotask(() => process.nextTick(() => this.#send()));
    });
  }

  #send(): void {
    const batch = this.#queued;
    this.#queued = [];
    if (batch.length === 1 && batch[0]!.name !== DIALOG_OP) {
      const [only] = batch as [Queued];
      // As itself (ioredis already answers HGETALL with an object).
      const sent = this.#redis.call(only.name, only.key, ...only.args) as Promise<unknown>;
      sent.then(only.resolve, only.reject);
      return;
    }
    const keys: string[] = [];
    const args: Arg[] = [batch.length];
    for (const { name, key, args: rest } of batch) {
      keys.push(key);
      args.push(name, rest.length, ...rest);
    }
    this.#run(keys, args).then(
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
