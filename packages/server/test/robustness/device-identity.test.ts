// Issue: two products (device clients) that use the same device_id are two devices. The
// reprompt of one (pushed on its downchannel when its listening window closes) must never
// reach the other, and sessions, state and the turn log keep them apart.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CicDirectiveMessage } from "@clover/device";
import type { CloverServer } from "../../src/main.js";
import {
  baseOver,
  PROTOCOLS,
  type ProtocolDevice,
  protocolFetch,
  registerDevice,
  startCloverOver,
} from "./protocols.js";

const ADMIN = "identity-admin-token";

for (const protocol of PROTOCOLS)
  describe(`device identity over ${protocol.name}: client, device id and user`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), "clover-identity-"));
    let server: CloverServer;
    const devices: ProtocolDevice[] = [];

    async function product(name: string, deviceId: string) {
      const { device: client, clientId } = await registerDevice(protocol, server.url, ADMIN, {
        name,
        deviceId,
        modelId: "M-1",
      });
      devices.push(client);
      const pushed: CicDirectiveMessage[] = [];
      // Every device is asked for its state on connecting (cic.md §13.1): not a conversation's.
      await client.openDownchannel((d) => {
        if (d.header.name !== "ExpectReportState") pushed.push(d);
      });
      return { client, pushed, clientId };
    }

    before(async () => {
      server = await startCloverOver(protocol, dataDir, ADMIN, {
        CLOVER_EXTENSION_NETWORKS: "loopback",
        CLOVER_SESSION_TIMEOUT_MS: "200",
        CLOVER_SESSION_GRACE_MS: "0",
      });
    });
    after(async () => {
      for (const d of devices) d.close();
      await server?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("pushes a reprompt only to the device whose session it is", async () => {
      const x = await product("product X", "shared-device-1");
      // Y opens its downchannel last: a push addressed by device id alone would reach Y.
      const y = await product("product Y", "shared-device-1");
      assert.notEqual(x.clientId, y.clientId);
      const rolled = await x.client.sendText("ask dice to roll one die");
      assert.equal(rolled.status, 200);
      assert.ok(rolled.directives.some((d) => d.header.name === "ExpectSpeech"));
      const deadline = Date.now() + 15_000;
      while (x.pushed.length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const texts = x.pushed.map((d) => String(d.payload["text"] ?? d.header.name));
      assert.ok(texts.includes("Roll again?"), `X received its reprompt: ${texts.join()}`);
      assert.deepEqual(y.pushed, [], "Y received nothing of X's conversation");

      // Y's own conversation is its own: no session of X continues on Y.
      const answer = await y.client.sendText("yes");
      assert.equal(answer.status, 200);
      const log = await protocolFetch(
        protocol,
        `${baseOver(protocol, server.url)}/api/v1/conversations?limit=5`,
        {
          headers: { authorization: `Bearer ${ADMIN}` },
        },
      );
      const { turns } = (await log.json()) as { turns: Record<string, unknown>[] };
      const yes = turns.find((t) => t["input"] === "yes")!;
      assert.equal(yes["clientId"], y.clientId);
      assert.equal(yes["extensionId"], undefined, "Y's 'yes' did not land in X's dice session");
    });
  });
