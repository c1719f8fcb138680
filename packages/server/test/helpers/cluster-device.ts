// A device that keeps its downchannel open the way the spec asks of real devices (cic.md §2.5):
// when the stream ends (its node died or drained), it opens a new one, here through HAProxy.
import type { ClientHttp2Stream } from "node:http2";
import { type CicDirectiveMessage, DeviceClient } from "@clover/device";

export class ReconnectingDevice {
  readonly client: DeviceClient;
  readonly directives: CicDirectiveMessage[] = [];
  /** How many downchannels were opened (1 + reconnections). */
  opened = 0;
  private stopped = false;
  private connected: Promise<void> = Promise.resolve();

  constructor(url: string, accessToken: string) {
    this.client = new DeviceClient({ url, accessToken });
  }

  /** Opens the downchannel (retrying while no node takes it) and keeps it open. */
  open(): Promise<void> {
    this.connected = this.connect();
    return this.connected;
  }

  /** Resolves once a downchannel is open again after a loss. */
  whenConnected(): Promise<void> {
    return this.connected;
  }

  private async connect(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        // A real device gives up on a downchannel request that is not answered and asks again
        // (here: when the load balancer holds it while the nodes change).
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          this.client.openDownchannel((directive) => void this.directives.push(directive)),
          new Promise((_, reject) => {
            timer = setTimeout(() => {
              this.client.closeDownchannel();
              reject(new Error("the downchannel request was not answered within 3 s"));
            }, 3000);
          }),
        ]).finally(() => clearTimeout(timer));
        this.opened++;
        const stream = (this.client as unknown as { downchannel?: ClientHttp2Stream }).downchannel;
        stream?.once("close", () => {
          if (!this.stopped) this.connected = this.connect();
        });
        return;
      } catch (error) {
        if (process.env["CLOVER_TEST_VERBOSE"]) console.error("reconnect:", error);
        if (this.stopped || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** Waits for a downchannel directive matching `match` (from index `from` on). */
  async waitFor(
    match: (d: CicDirectiveMessage) => boolean,
    from = 0,
    timeoutMs = 15_000,
  ): Promise<CicDirectiveMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.directives.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `no such directive on the downchannel; got ${this.directives.map((d) => `${d.header.namespace}.${d.header.name}`).join(", ")}`,
        );
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  close(): void {
    this.stopped = true;
    this.client.close();
  }
}
