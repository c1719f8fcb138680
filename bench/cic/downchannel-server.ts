// Child process for the downchannel benchmark: a CIC gateway (or, with `bare`, a plain
// node:http2 server that holds streams open) whose RSS the parent samples over IPC.
import http2 from "node:http2";
import type { TurnResult } from "../../packages/server/src/assistant/turn.js";
import { deviceKeyOf } from "../../packages/server/src/cic/device-key.js";
import {
  CicGateway,
  createDirective,
  DeviceAuthority,
  MemoryAuthStore,
} from "../../packages/server/src/cic/index.js";

const mode = process.argv[2] ?? "clover";
const devices = Number(process.argv[3] ?? 10_000);
const send = (message: unknown) => process.send?.(message);

if (mode === "bare") {
  const server = http2.createServer({ settings: { maxConcurrentStreams: 1000 } });
  server.on("stream", (stream) => {
    stream.respond({ ":status": 200, "content-type": "multipart/related; boundary=b" });
    stream.write("--b");
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address() as { port: number };
    send({
      type: "ready",
      port: address.port,
      tokens: Array.from({ length: devices }, (_, i) => `t${i}`),
    });
  });
} else {
  const authority = new DeviceAuthority(new MemoryAuthStore());
  const assistant = {
    handleTurn: async (): Promise<TurnResult> => ({
      speech: [],
      directives: [],
      expectSpeech: false,
    }),
  };
  const gateway = new CicGateway({ assistant, authority, maxConcurrentStreams: 1000 });
  const address = await gateway.listen(0);
  const { clientId, clientSecret } = await authority.registerClient("bench");
  const tokens: string[] = [];
  /** Each device's key on the directive bus (client, device and user: device-key.ts). */
  const keys: string[] = [];
  for (let i = 0; i < devices; i++) {
    const code = await authority.authorize({ clientId, deviceId: `dev-${i}`, guest: true });
    const token = (await authority.exchangeCode({ clientId, clientSecret, code })).access_token;
    tokens.push(token);
    keys.push(deviceKeyOf((await authority.verifyAccessToken(token))!));
  }
  process.on("message", async (message: { type: string; device?: number }) => {
    if (message.type === "push" && message.device !== undefined) {
      const sentAt = performance.timeOrigin + performance.now();
      const ok = await gateway.push(
        keys[message.device]!,
        createDirective("Notifier", "SetIndicator", { state: "ON", sentAt }),
      );
      send({ type: "pushed", ok });
    }
  });
  send({ type: "ready", port: address.port, tokens });
}

process.on("message", (message: { type: string }) => {
  if (message.type === "rss") {
    globalThis.gc?.();
    send({ type: "rss", rss: process.memoryUsage().rss });
  }
});
