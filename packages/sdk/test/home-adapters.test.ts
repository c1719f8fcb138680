// The home builder on every adapter the custom builder has (node:http, Express, Fastify, fetch,
// Lambda) over a real HTTP server: the same signature check, size limit and error format, and
// Clova Home answers (§3.3 names, the request's messageId echoed, §8 errors with HTTP 200).
import assert from "node:assert/strict";
import type { Server } from "node:http";
import { after, before, describe, it } from "node:test";
import { buildHomeMessage } from "@clover/protocol";
import express from "express";
import Fastify, { type FastifyInstance } from "fastify";
import {
  createHomeExtension,
  createHomeServer,
  homeErrors,
  homeExpressMiddleware,
  homePlugin,
  signCekBody,
  toHomeFetchHandler,
  toHomeLambdaHandler,
} from "../src/index.js";
import { fetchBridge, lambdaBridge } from "./helpers/bridges.js";
import { newKeyPair } from "./helpers/keys.js";
import { close, listen, post, serve } from "./helpers/server.js";

const keys = newKeyPair();
let brightness = 100;

const home = createHomeExtension({
  verification: { publicKey: keys.publicKey },
  bodyLimit: 32 * 1024,
  onLog: () => {},
})
  .onDiscover(() => ({
    discoveredAppliances: [
      {
        applianceId: "lamp-1",
        applianceTypes: ["LIGHT"],
        friendlyName: "desk lamp",
        actions: ["TurnOn", "TurnOff", "SetBrightness"],
      },
    ],
    customCommands: [],
  }))
  .on("SetBrightnessRequest", (req) => {
    const value = req.payload.brightness.value;
    if (value < 10) throw homeErrors.valueOutOfRange(10, 100);
    brightness = value;
    return { brightness: { value } };
  })
  .on("TurnOnRequest", () => {
    throw new Error("the vendor cloud is down");
  });

const adapters: Record<string, () => Promise<{ url: string; stop: () => Promise<void> }>> = {
  "node:http": async () => {
    const server = createHomeServer(home);
    return { url: await listen(server), stop: () => close(server) };
  },
  express: async () => {
    const app = express();
    app.post("/clova", homeExpressMiddleware(home));
    const server: Server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}/clova`, stop: () => close(server) };
  },
  fastify: async () => {
    const app: FastifyInstance = Fastify();
    await app.register(homePlugin, { extension: home, path: "/clova" });
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    return { url: `${address}/clova`, stop: () => app.close() };
  },
  "web-standard Request → Response": async () => {
    const { url, server } = await serve(fetchBridge(toHomeFetchHandler(home)));
    return { url, stop: () => close(server) };
  },
  "AWS Lambda (API Gateway proxy)": async () => {
    const { url, server } = await serve(lambdaBridge(toHomeLambdaHandler(home)));
    return { url, stop: () => close(server) };
  },
};

const request = (name: string, payload: Record<string, unknown>) =>
  JSON.stringify(buildHomeMessage(name as never, { accessToken: "t", ...payload } as never));
const signed = (body: string) => ({ signaturecek: signCekBody(body, keys.privateKey) });
const header = (json: unknown) => (json as { header: { name: string; messageId: string } }).header;

for (const [name, start] of Object.entries(adapters)) {
  describe(`home adapter: ${name}`, () => {
    let running: { url: string; stop: () => Promise<void> };
    before(async () => {
      running = await start();
    });
    after(() => running.stop());

    it("answers discovery and control with the §3.3 name and the request's messageId", async () => {
      const discover = request("DiscoverAppliancesRequest", {});
      const found = await post(running.url, discover, signed(discover));
      assert.equal(found.status, 200);
      assert.equal(header(found.json).name, "DiscoverAppliancesResponse");
      assert.equal(header(found.json).messageId, JSON.parse(discover).header.messageId);
      const set = request("SetBrightnessRequest", {
        appliance: { applianceId: "lamp-1" },
        brightness: { value: 40 },
      });
      const done = await post(running.url, set, {
        ...signed(set),
        "content-type": "application/json;charset-UTF-8",
      });
      assert.equal(header(done.json).name, "SetBrightnessConfirmation");
      assert.deepEqual((done.json as { payload: unknown }).payload, { brightness: { value: 40 } });
      assert.equal(brightness, 40);
    });

    it("§8 errors travel with HTTP 200: thrown, unhandled and failing handlers", async () => {
      const low = request("SetBrightnessRequest", {
        appliance: { applianceId: "lamp-1" },
        brightness: { value: 5 },
      });
      const range = await post(running.url, low, signed(low));
      assert.equal(range.status, 200);
      assert.deepEqual(range.json && (range.json as { payload: unknown }).payload, {
        minimumValue: 10,
        maximumValue: 100,
      });
      assert.equal(header(range.json).name, "ValueOutOfRangeError");
      const mute = request("MuteRequest", { appliance: { applianceId: "lamp-1" } });
      assert.equal(
        header((await post(running.url, mute, signed(mute))).json).name,
        "UnsupportedOperationError",
      );
      const on = request("TurnOnRequest", { appliance: { applianceId: "lamp-1" } });
      assert.equal(
        header((await post(running.url, on, signed(on))).json).name,
        "DriverInternalError",
      );
    });

    it("verifies SignatureCEK: missing or wrong → 401 with a JSON reason", async () => {
      const body = request("DiscoverAppliancesRequest", {});
      const missing = await post(running.url, body);
      assert.equal(missing.status, 401);
      const wrong = await post(running.url, body, {
        signaturecek: signCekBody("other", keys.privateKey),
      });
      assert.equal(wrong.status, 401);
      assert.equal((wrong.json as { error: { code: string } }).error.code, "signature_invalid");
    });

    it("refuses what is not a Clova Home request (400) and oversized bodies (413)", async () => {
      const bad = JSON.stringify({ header: { name: "TurnOnRequest" }, payload: {} });
      const invalid = await post(running.url, bad, signed(bad));
      assert.equal(invalid.status, 400);
      assert.match(invalid.text, /not a valid Clova Home request/);
      const big = JSON.stringify({ pad: "x".repeat(40 * 1024) });
      const large = await post(running.url, big, signed(big));
      assert.equal(large.status, 413);
      const body = request("DiscoverAppliancesRequest", {});
      assert.equal((await post(running.url, body, signed(body))).status, 200, "still serving");
    });
  });
}
