// A slow but valid extension answer reaches the device: the body's idle timer ends with the body,
// the turn has its own CEK deadline. Silent and drip-feeding extensions get the spoken apology
// (a 200), never a 400. Deadlines are scaled down: body idle 500 ms < answer 900 ms < CEK 1500 ms.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { CloverServer } from "../../src/main.js";
import { describeWait, stopwatch } from "../helpers/cpu-wait.js";
import { answer } from "../helpers/extension-server.js";
import { bakeryModel } from "../helpers/models.js";
import { tempDir } from "../helpers/platform.js";
import {
  baseOver,
  PROTOCOLS,
  type ProtocolDevice,
  protocolFetch,
  registerDevice,
  startCloverOver,
} from "./protocols.js";

const ADMIN = "slow-admin";
type Mode = "slow" | "silent" | "drip";

for (const protocol of PROTOCOLS)
  describe(`slow, silent and drip-feeding extensions over ${protocol.name}`, () => {
    let server: CloverServer;
    let extension: Server;
    let device: ProtocolDevice;
    let mode: Mode = "slow";
    const dataDir = tempDir("clover-slow-");

    before(async () => {
      extension = createServer((req, res) => {
        req.resume();
        req.on("end", () => {
          const body = JSON.stringify(answer("fresh bread is ready", { end: true }));
          if (mode === "silent") return;
          if (mode === "slow")
            return void setTimeout(() => {
              res.writeHead(200, { "content-type": "application/json" });
              res.end(body);
            }, 900);
          res.writeHead(200, { "content-type": "application/json" });
          let at = 0;
          const drip = setInterval(() => {
            if (at >= body.length || res.destroyed) return clearInterval(drip);
            res.write(body[at++]!);
          }, 200);
        });
      });
      await new Promise<void>((r) => extension.listen(0, "127.0.0.1", r));
      server = await startCloverOver(protocol, dataDir, ADMIN, {
        CLOVER_EXTENSION_NETWORKS: "loopback",
        CLOVER_EXAMPLES: "off",
        CLOVER_CEK_TIMEOUT_MS: "1500",
        CLOVER_CIC_BODY_IDLE_TIMEOUT_MS: "500",
      });
      const auth = { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" };
      const registered = await protocolFetch(
        protocol,
        `${baseOver(protocol, server.url)}/api/v1/extensions`,
        {
          method: "POST",
          headers: auth,
          body: JSON.stringify({
            id: "com.example.slow",
            displayName: "Bakery",
            endpointUrl: `http://127.0.0.1:${(extension.address() as AddressInfo).port}/`,
            enabledForAllUsers: true,
            models: { en: bakeryModel("en") },
          }),
        },
      );
      assert.equal(registered.status, 201, await registered.text());
      ({ device } = await registerDevice(protocol, server.url, ADMIN, {
        name: "slow test",
        deviceId: "slow-1",
        modelId: "S-1",
      }));
      await device.openDownchannel();
    });
    after(async () => {
      device?.close();
      await server?.close();
      extension?.closeAllConnections();
      await new Promise((r) => extension?.close(r));
    });

    const spoken = (r: Awaited<ReturnType<ProtocolDevice["sendText"]>>) =>
      r.directives
        .filter((d) => d.header.name === "RenderText")
        .map((d) => String(d.payload["text"]))
        .join(" ");

    it("delivers an answer that comes after the body idle time but inside the CEK deadline", async () => {
      mode = "slow";
      const started = Date.now();
      const response = await device.sendText("open bakery bot");
      assert.equal(response.status, 200);
      assert.match(spoken(response), /fresh bread is ready/);
      assert.ok(Date.now() - started >= 900);
    });

    for (const m of ["silent", "drip"] as const) {
      it(`speaks the apology for a ${m} extension at the CEK deadline`, async () => {
        mode = m;
        const watch = stopwatch();
        const response = await device.sendText("open bakery bot");
        const took = watch.elapsedMs();
        assert.equal(response.status, 200);
        assert.doesNotMatch(spoken(response), /fresh bread/);
        assert.ok(spoken(response).length > 0, "an apology is spoken");
        // Not before the deadline; after it, within 4 s of the server's own time (a loaded
        // machine's CPU wait is not counted: helpers/cpu-wait.ts).
        assert.ok(
          took >= 1400 && watch.ownMs() < 4000,
          `answered after ${describeWait(took, watch.waitedMs())}`,
        );
      });
    }
  });
