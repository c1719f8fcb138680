// The embedded default (`npm start`): the example home is registered with the other examples
// and a user is linked on their first home command, so "turn on the kitchen light" just works.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { DeviceClient } from "@clover/device";
import { type CloverServer, startClover } from "../../src/main.js";
import { testCloverConfig } from "../helpers/clover.js";
import { connectedDevice } from "../helpers/devices.js";

describe("the example home in the embedded default", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-home-embedded-"));
  let server: CloverServer;
  let device: DeviceClient;

  before(async () => {
    const config = testCloverConfig(dataDir, "admin", {
      CLOVER_ALLOW_HTTP_EXTENSIONS: "true",
      CLOVER_EXAMPLES: "embedded",
    });
    server = await startClover({ config });
    // A guest device, as the console's simulator logs in.
    device = await connectedDevice(server.url, "admin", "sim-1", "console");
  });
  after(async () => {
    device?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is registered as a home extension and answers the first command", async () => {
    assert.equal(server.platform.registry.get("com.clover.example.home")?.type, "home");
    const response = await device.sendText("turn on the kitchen light");
    const text = response.directives.find((d) => d.header.name === "RenderText")?.payload["text"];
    assert.equal(text, "Turned on the kitchen light.");
    const again = await device.sendText("set the kitchen light to 30 percent");
    const said = again.directives.find((d) => d.header.name === "RenderText")?.payload["text"];
    assert.equal(said, "Set the kitchen light to 30 percent.");
  });
});
