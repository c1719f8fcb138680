// A running gateway on 127.0.0.1 with an in-memory authority and a scripted assistant.
import { randomUUID } from "node:crypto";
import { DeviceClient, type DeviceIdentity, logIn } from "@clover/device";
import type { Assistant, Turn, TurnResult } from "../../src/assistant/turn.js";
import {
  CicGateway,
  type CicGatewayOptions,
  DeviceAuthority,
  MemoryAuthStore,
} from "../../src/cic/index.js";

/** Answers "say <words>" by saying the words; "ask <q>" keeps listening; records every turn. */
export class ScriptedAssistant implements Assistant {
  readonly turns: Turn[] = [];
  delayMs = 0;
  async handleTurn(turn: Turn): Promise<TurnResult> {
    this.turns.push(turn);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (turn.kind === "text" && turn.text.startsWith("slow "))
      await new Promise((r) => setTimeout(r, 300));
    if (turn.kind === "event") return { speech: [], directives: [], expectSpeech: false };
    const [verb, ...rest] = turn.text.split(" ");
    const words = rest.join(" ");
    return {
      dialogRequestId: turn.dialogRequestId,
      speech: [{ type: "PlainText", lang: turn.device.language, value: words || turn.text }],
      directives:
        verb === "play"
          ? [
              {
                namespace: "AudioPlayer",
                name: "Play",
                messageId: randomUUID(),
                payload: { audioItem: { audioItemId: "a1" } },
              },
            ]
          : [],
      expectSpeech: verb === "ask",
      ...(verb === "card" ? { card: { type: "Text", text: words } } : {}),
    };
  }
}

export interface Harness {
  url: string;
  gateway: CicGateway;
  authority: DeviceAuthority;
  assistant: ScriptedAssistant;
  identity(deviceId?: string): DeviceIdentity;
  device(
    deviceId?: string,
  ): Promise<{ client: DeviceClient; accessToken: string; identity: DeviceIdentity }>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<CicGatewayOptions> = {}): Promise<Harness> {
  const authority = new DeviceAuthority(new MemoryAuthStore());
  const assistant = new ScriptedAssistant();
  const gateway = new CicGateway({ assistant, authority, ...options });
  const address = await gateway.listen(0);
  const url = `http://127.0.0.1:${address.port}`;
  const { clientId, clientSecret } = await authority.registerClient("test speaker");
  const clients: DeviceClient[] = [];
  const identity = (deviceId: string = randomUUID()): DeviceIdentity => ({
    url,
    clientId,
    clientSecret,
    deviceId,
    modelId: "T-1",
  });
  return {
    url,
    gateway,
    authority,
    assistant,
    identity,
    async device(deviceId) {
      const id = identity(deviceId);
      const tokens = await logIn(id);
      const client = new DeviceClient({ url, accessToken: tokens.access_token });
      clients.push(client);
      return { client, accessToken: tokens.access_token, identity: id };
    },
    async close() {
      for (const client of clients) client.close();
      await gateway.close();
    },
  };
}
