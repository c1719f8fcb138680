// A script call's bytes written by the node itself (docs/scale-out.md "One turn on Redis"):
// the turn's tick batch and the turn log's batch are EVALSHA calls of tens of arguments, and
// ioredis encodes a command by concatenating each argument into the command's text (then the
// socket write flattens and copies it), after copying its arguments into arrays twice. Here
// the arguments are written straight into one Buffer in the protocol's form (RESP: `*<count>`,
// then `$<bytes>` and the bytes of each), through a scratch buffer reused by every call, so a
// call allocates one Buffer (outside the JavaScript heap) and no string or array per argument.
import { createHash } from "node:crypto";
import { Command, type Redis } from "ioredis";

/** Room kept at the scratch's start for the call's head (`*N`, EVALSHA, the SHA). */
const HEAD_ROOM = 80;
const CR = 0x0d;
const LF = 0x0a;

let scratch = Buffer.allocUnsafeSlow(16 * 1024);

/** How many decimal digits a non-negative integer has. */
function digitsOf(n: number): number {
  let digits = 1;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  return digits;
}

/**
 * The arguments of one script call after its SHA, as bulk strings: `new RespArgs()`, add them
 * in order, then the script's `run` (one call at a time: the scratch is shared, the node
 * single-threaded, and nothing awaits between the first argument and `run`).
 */
export class RespArgs {
  #at = HEAD_ROOM;
  #count = 0;

  #room(bytes: number): void {
    if (this.#at + bytes <= scratch.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(scratch.length * 2, this.#at + bytes + 1024));
    scratch.copy(grown, 0, 0, this.#at);
    scratch = grown;
  }

  /** A non-negative integer's decimal digits at `at`; returns where they end. */
  static #int(n: number, at: number): number {
    const end = at + digitsOf(n);
    let i = end;
    let rest = n;
    do {
      scratch[--i] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
    return end;
  }

  #crlf(): void {
    scratch[this.#at++] = CR;
    scratch[this.#at++] = LF;
  }

  /** `$<bytes>\r\n`, with room for the bytes and the CRLF after them. */
  #head(bytes: number): void {
    this.#room(bytes + 24);
    this.#count++;
    scratch[this.#at++] = 0x24; // $
    this.#at = RespArgs.#int(bytes, this.#at);
    this.#crlf();
  }

  /**
   * A string argument in UTF-8 (a lone surrogate becomes U+FFFD, as ioredis writes it); with
   * `second` and `third`, the three concatenated (a key from its parts, without building it).
   */
  string(text: string, second = "", third = ""): this {
    this.#head(Buffer.byteLength(text) + Buffer.byteLength(second) + Buffer.byteLength(third));
    this.#at += scratch.write(text, this.#at);
    if (second) this.#at += scratch.write(second, this.#at);
    if (third) this.#at += scratch.write(third, this.#at);
    this.#crlf();
    return this;
  }

  /** A number as ioredis sends it: its decimal text. */
  number(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0) return this.string(String(n));
    this.#head(digitsOf(n));
    this.#at = RespArgs.#int(n, this.#at);
    this.#crlf();
    return this;
  }

  /** Bytes as they are. */
  bytes(bytes: Buffer): this {
    this.#head(bytes.length);
    this.#at += bytes.copy(scratch, this.#at);
    this.#crlf();
    return this;
  }

  /** The call: `*<count>`, `$7 EVALSHA`, `$40 <sha>` and the arguments, in one new Buffer. */
  finish(sha: string): Call {
    const count = this.#count + 2;
    // The head is written just before the arguments, in the room kept for it.
    const headLength = 1 + digitsOf(count) + 2 + 4 + 9 + 5 + 40 + 2;
    let at = HEAD_ROOM - headLength;
    scratch[at++] = 0x2a; // *
    at = RespArgs.#int(count, at);
    at += scratch.write("\r\n$7\r\nEVALSHA\r\n$40\r\n", at, "latin1");
    at += scratch.write(sha, at, "latin1");
    scratch[at++] = CR;
    scratch[at++] = LF;
    const bytes = Buffer.allocUnsafe(headLength + this.#at - HEAD_ROOM);
    scratch.copy(bytes, 0, HEAD_ROOM - headLength, this.#at);
    this.#at = HEAD_ROOM;
    this.#count = 0;
    return { bytes, headLength, count };
  }
}

/** A call's bytes: the EVALSHA form, the length of its head, its count of arguments. */
interface Call {
  bytes: Buffer;
  headLength: number;
  count: number;
}

/**
 * A Lua script called with arguments written by RespArgs: EVALSHA, except the first call on a
 * socket, which sends the text (EVAL), and a call answered NOSCRIPT (Redis restarted without
 * its script cache), which is sent again as EVAL — what ioredis does for its scripts.
 */
export class RespScript {
  readonly sha: string;
  readonly #lua: Buffer;
  /** The sockets (one per connection and reconnection) whose Redis has run the script. */
  #loaded = new WeakSet<object>();

  constructor(lua: string) {
    this.#lua = Buffer.from(lua);
    this.sha = createHash("sha1").update(lua).digest("hex");
  }

  /** Calls the script on `redis` with `args` (finished here); resolves with its reply. */
  run(redis: Redis, args: RespArgs): Promise<unknown> {
    const call = args.finish(this.sha);
    return (redis.sendCommand(new ScriptCall(this, call)) as Promise<unknown>).catch(
      (error: unknown) => {
        if (!(error instanceof Error) || !error.message.includes("NOSCRIPT")) throw error;
        this.#loaded = new WeakSet();
        return redis.sendCommand(new ScriptCall(this, call)) as Promise<unknown>;
      },
    );
  }

  /** What a call writes on `socket`. */
  writable(socket: object, call: Call): Buffer {
    if (this.#loaded.has(socket)) return call.bytes;
    this.#loaded.add(socket);
    return Buffer.concat([
      Buffer.from(`*${call.count}\r\n$4\r\nEVAL\r\n$${this.#lua.length}\r\n`),
      this.#lua,
      Buffer.from("\r\n"),
      call.bytes.subarray(call.headLength),
    ]);
  }
}

/** One call of a RespScript as ioredis queues, times and answers it. */
class ScriptCall extends Command {
  readonly #script: RespScript;
  readonly #call: Call;

  constructor(script: RespScript, call: Call) {
    super("evalsha", [], { replyEncoding: "utf8" });
    this.#script = script;
    this.#call = call;
  }

  override toWritable(socket: object): Buffer {
    const bytes = this.#script.writable(socket, this.#call);
    if (bytes !== this.#call.bytes) this.name = "eval";
    return bytes;
  }
}
