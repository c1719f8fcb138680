// Cloud-initiated delivery: any part of the platform can send a directive to a device's
// downchannel through the bus. In-process here; on several nodes the Redis bus
// (store/redis/bus.ts) finds the node holding the downchannel in a directory and hands the
// directive to that node (docs/scale-out.md).
import type { CicDirective } from "./multipart-writer.js";

/** Audio referenced by a pushed directive as `cid:<contentId>` (e.g. a pushed Speak). */
export interface PushedAttachment {
  contentId: string;
  body: Buffer;
}

export type DirectiveListener = (directive: CicDirective, attachment?: PushedAttachment) => void;

export interface DirectiveBus {
  /** Resolves true when a downchannel for the device received the directive. */
  publish(
    deviceKey: string,
    directive: CicDirective,
    attachment?: PushedAttachment,
  ): Promise<boolean>;
  /** Registers the node-local downchannel of a device; returns the unsubscribe function. */
  subscribe(deviceKey: string, listener: DirectiveListener): () => void;
  /** The node holding the device's downchannel (this process: "local"), if any. */
  locate(deviceKey: string): Promise<string | undefined>;
  close(): Promise<void>;
}

export class InProcessDirectiveBus implements DirectiveBus {
  private readonly listeners = new Map<string, DirectiveListener>();

  async publish(
    deviceKey: string,
    directive: CicDirective,
    attachment?: PushedAttachment,
  ): Promise<boolean> {
    const listener = this.listeners.get(deviceKey);
    if (!listener) return false;
    listener(directive, attachment);
    return true;
  }

  subscribe(deviceKey: string, listener: DirectiveListener): () => void {
    this.listeners.set(deviceKey, listener);
    return () => {
      if (this.listeners.get(deviceKey) === listener) this.listeners.delete(deviceKey);
    };
  }

  async locate(deviceKey: string): Promise<string | undefined> {
    return this.listeners.has(deviceKey) ? "local" : undefined;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
