// Child process for the turns benchmark: the real platform (assistant, NLU, CEK dispatcher,
// signing) behind the CIC gateway, with the dice extension at DICE_URL. Every request counts
// as its own device (h2load sends one token and cannot hold a downchannel), so the
// benchmark measures the path of a turn, not per-device serialization. The dice extension keeps
// its session open after each roll; turns.ts sets a listening window longer than the run
// (SESSION_TIMEOUT_MS) so that the reprompt and the SessionEndedRequest each of those sessions
// gets when its window closes (a second signed CEK call, not part of the turn, that the bare
// chain never makes) do not fall inside the measured rounds.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CicGateway,
  createPlatform,
  DeviceAuthority,
  type DeviceGrant,
  loadConfig,
  MemoryAuthStore,
} from "../../packages/server/src/index.js";
import { answerStats } from "./server-stats.js";

// BENCH_DEVICES=<n>: the requests come from n devices in turn instead (to measure what the
// default's ever-growing set of devices and open sessions costs; not the default).
const pool = Number(process.env["BENCH_DEVICES"] ?? 0);
let next = 0;

class EveryRequestADevice extends DeviceAuthority {
  override async verifyAccessToken(): Promise<DeviceGrant> {
    const id =
      pool > 0
        ? `00000000-0000-4000-8000-${String(next++ % pool).padStart(12, "0")}`
        : randomUUID();
    return { userId: `U${id.replaceAll("-", "")}`, clientId: "bench", deviceId: id, guest: true };
  }
}

const config = loadConfig({
  CLOVER_PORT: "0",
  CLOVER_HOST: "127.0.0.1",
  CLOVER_LOG_LEVEL: "silent",
  CLOVER_EXTENSION_NETWORKS: "loopback",
  CLOVER_ALLOW_HTTP_EXTENSIONS: "true",
  CLOVER_DATA_DIR: mkdtempSync(join(tmpdir(), "clover-bench-")),
  CLOVER_ADMIN_TOKEN: "bench",
  CLOVER_EXAMPLE_DICE_URL: process.env["DICE_URL"],
  CLOVER_SIGNING_WORKERS: process.env["CLOVER_SIGNING_WORKERS"],
  CLOVER_SESSION_TIMEOUT_MS: process.env["CLOVER_SESSION_TIMEOUT_MS"],
});
const platform = await createPlatform(config);
// Every model compiled before the first measured turn (a server otherwise compiles them in the
// background after start: seconds of CPU that would fall into the rounds).
platform.abilities.warm();
const gateway = new CicGateway({
  assistant: platform.assistant,
  authority: new EveryRequestADevice(new MemoryAuthStore()),
  requireDownchannel: false,
});
const address = await gateway.listen(0);
answerStats();
process.send?.({ type: "ready", port: address.port });
// A normal exit on SIGTERM, so that --cpu-prof writes its profile.
process.on("SIGTERM", () => process.exit(0));
