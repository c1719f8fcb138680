// The directive bus across nodes (docs/scale-out.md). Each node records the downchannels it
// holds in a directory (`downchannel:<device key>` → node id, refreshed by a heartbeat and
// expiring when the node stops refreshing it) and listens on its own pub/sub channel. A push
// for a device held elsewhere is one GET and one PUBLISH to that node's channel; the node
// writes it to the downchannel and answers with an acknowledgement on the sender's channel.
// Pub/sub, not streams: a directive is only worth delivering to a live downchannel (a device
// that reconnects resynchronizes, cic.md §2.5), so there is nothing to keep, trim or replay,
// and one hop to one node is the lowest latency Redis offers.
import type { Redis } from "ioredis";
import type { DirectiveBus, DirectiveListener, PushedAttachment } from "../../cic/bus.js";
import type { CicDirective } from "../../cic/multipart-writer.js";
import { closeRedis, DEFAULT_PREFIX } from "./connection.js";

export interface RedisBusOptions {
  /** This node's id: unique per running node (docs/configuration.md CLOVER_NODE_ID). */
  nodeId: string;
  prefix?: string;
  /** A directory entry lives this long unless its node refreshes it (ms). */
  entryTtlMs?: number;
  /** How often a node refreshes its entries (ms); well under entryTtlMs. */
  heartbeatMs?: number;
  /** How long a sender waits for the holding node to confirm delivery (ms). */
  ackTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

interface Envelope {
  /**
   * directive for a device, or acknowledgement of one; or a dialog started on another node
   * replaced one this node started (sent by the dialog's start, store/redis/batch.ts).
   */
  kind: "directive" | "ack" | "superseded";
  id: number;
  from: string;
  deviceKey?: string;
  directive?: CicDirective;
  /** A pushed Speak's audio: its Content-ID and the bytes in base64. */
  attachment?: { contentId: string; body: string };
  delivered?: boolean;
  /** Of a superseded dialog. */
  dialogRequestId?: string;
}

// The heartbeat: sets each entry when absent or already ours (a device that moved to another
// node is not taken back by the old node's heartbeat), many entries per command (one round
// trip and one script run per batch). KEYS entries; ARGV[1] node id, ARGV[2] ttl.
const CLAIM_ENTRIES = `
local ours = 0
for _, key in ipairs(KEYS) do
  local holder = redis.call("GET", key)
  if not holder or holder == ARGV[1] then
    redis.call("SET", key, ARGV[1], "PX", ARGV[2])
    ours = ours + 1
  end
end
return ours`;

/** Entries renewed per command by the heartbeat. */
const HEARTBEAT_BATCH = 500;

// Removes the entry only when it is still ours. KEYS[1] entry; ARGV[1] node id.
const RELEASE_ENTRY = `
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0`;

export class RedisDirectiveBus implements DirectiveBus {
  readonly nodeId: string;
  private readonly prefix: string;
  private readonly entryTtlMs: number;
  private readonly ackTimeoutMs: number;
  private readonly listeners = new Map<string, DirectiveListener>();
  private readonly pending = new Map<number, (delivered: boolean) => void>();
  private readonly heartbeat: NodeJS.Timeout;
  private nextId = 1;
  /** Told when a dialog this node started was replaced by one started on another node. */
  onDialogReplaced?: (deviceKey: string, dialogRequestId: string) => void;

  /** `commands` for commands, `subscriber` only for this node's channel (pub/sub mode). */
  constructor(
    private readonly commands: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisBusOptions,
  ) {
    this.nodeId = options.nodeId;
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
    this.entryTtlMs = options.entryTtlMs ?? 30_000;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 1000;
    this.heartbeat = setInterval(() => void this.refresh(), options.heartbeatMs ?? 10_000);
    this.heartbeat.unref();
    subscriber.on("messageBuffer", (_channel: Buffer, message: Buffer) => this.receive(message));
    // Redis came back (perhaps empty, after a restart without persistence): re-register now
    // rather than at the next heartbeat.
    commands.on("ready", () => void this.refresh());
  }

  /** Starts listening on this node's channel. */
  async start(): Promise<void> {
    await this.subscriber.subscribe(this.channel(this.nodeId));
  }

  private channel(nodeId: string): string {
    return `${this.prefix}node:${nodeId}`;
  }

  private entry(deviceKey: string): string {
    return `${this.prefix}downchannel:${deviceKey}`;
  }

  /** How many downchannels this node holds. */
  get held(): number {
    return this.listeners.size;
  }

  async publish(
    deviceKey: string,
    directive: CicDirective,
    attachment?: PushedAttachment,
  ): Promise<boolean> {
    const local = this.listeners.get(deviceKey);
    if (local) {
      local(directive, attachment);
      return true;
    }
    const holder = await this.commands.get(this.entry(deviceKey));
    if (holder === null || holder === this.nodeId) return false;
    const id = this.nextId++;
    const envelope: Envelope = { kind: "directive", id, from: this.nodeId, deviceKey, directive };
    if (attachment)
      envelope.attachment = {
        contentId: attachment.contentId,
        body: attachment.body.toString("base64"),
      };
    const acknowledged = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(false);
      }, this.ackTimeoutMs);
      this.pending.set(id, (delivered) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(delivered);
      });
    });
    const receivers = await this.commands
      .publish(this.channel(holder), JSON.stringify(envelope))
      .catch((error: unknown) => {
        this.pending.get(id)?.(false);
        throw error;
      });
    // Nobody listens there: the holder died and its entries have not expired yet.
    if (receivers === 0) this.pending.get(id)?.(false);
    return acknowledged;
  }

  subscribe(deviceKey: string, listener: DirectiveListener): () => void {
    this.listeners.set(deviceKey, listener);
    this.claim(deviceKey).catch((error) => this.options.onError?.(error));
    return () => {
      if (this.listeners.get(deviceKey) !== listener) return;
      this.listeners.delete(deviceKey);
      this.commands
        .eval(RELEASE_ENTRY, 1, this.entry(deviceKey), this.nodeId)
        .catch((error: unknown) => this.options.onError?.(error));
    };
  }

  async locate(deviceKey: string): Promise<string | undefined> {
    if (this.listeners.has(deviceKey)) return this.nodeId;
    return (await this.commands.get(this.entry(deviceKey))) ?? undefined;
  }

  private claim(deviceKey: string): Promise<unknown> {
    // A new downchannel here wins over an older one elsewhere: plain SET, not CLAIM_ENTRIES.
    return this.commands.set(this.entry(deviceKey), this.nodeId, "PX", this.entryTtlMs);
  }

  private refreshing: Promise<void> | undefined;

  /**
   * The heartbeat: every entry this node holds, renewed (and restored after a Redis loss), in
   * batches of one script each; a failed batch does not stop the others, and a heartbeat
   * still running (a slow Redis) is not started twice.
   */
  refresh(): Promise<void> {
    this.refreshing ??= this.renewAll().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async renewAll(): Promise<void> {
    if (this.listeners.size === 0 || this.commands.status !== "ready") return;
    const keys = [...this.listeners.keys()];
    for (let i = 0; i < keys.length; i += HEARTBEAT_BATCH) {
      const batch = keys.slice(i, i + HEARTBEAT_BATCH).map((k) => this.entry(k));
      try {
        await this.commands.eval(
          CLAIM_ENTRIES,
          batch.length,
          ...batch,
          this.nodeId,
          this.entryTtlMs,
        );
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  private receive(message: Buffer): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message.toString("utf8")) as Envelope;
    } catch (error) {
      this.options.onError?.(error);
      return;
    }
    if (envelope.kind === "ack") {
      this.pending.get(envelope.id)?.(envelope.delivered === true);
      return;
    }
    if (envelope.kind === "superseded") {
      if (envelope.deviceKey && envelope.dialogRequestId)
        this.onDialogReplaced?.(envelope.deviceKey, envelope.dialogRequestId);
      return;
    }
    const listener = envelope.deviceKey ? this.listeners.get(envelope.deviceKey) : undefined;
    const { attachment } = envelope;
    if (listener && envelope.directive)
      listener(
        envelope.directive,
        attachment
          ? { contentId: attachment.contentId, body: Buffer.from(attachment.body, "base64") }
          : undefined,
      );
    const ack: Envelope = {
      kind: "ack",
      id: envelope.id,
      from: this.nodeId,
      delivered: !!listener,
    };
    this.commands
      .publish(this.channel(envelope.from), JSON.stringify(ack))
      .catch((error: unknown) => this.options.onError?.(error));
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const resolve of this.pending.values()) resolve(false);
    const keys = [...this.listeners.keys()];
    this.listeners.clear();
    if (keys.length > 0 && this.commands.status === "ready") {
      const pipeline = this.commands.pipeline();
      for (const deviceKey of keys)
        pipeline.eval(RELEASE_ENTRY, 1, this.entry(deviceKey), this.nodeId);
      await pipeline.exec().catch(() => {});
    }
    await closeRedis(this.subscriber);
    await closeRedis(this.commands);
  }
}
