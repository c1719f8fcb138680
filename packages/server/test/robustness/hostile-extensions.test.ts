// Hostile extensions, as real HTTP servers answering a real device's turn over CIC: a JSON
// answer nested deeper than any stack, a redirect to the platform's own management API, a
// gzip bomb, headers larger than any client reads, invalid UTF-8, duplicate keys and numbers
// past a double. Each turn answers 200 with the spoken apology (or the answer, where it is
// still a valid one), the server stays up, the extension's redirect target is never called, and
// a bystander device on another extension is answered before and after.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import type { DeviceClient } from "@clover/device";
import type { CloverServer } from "../../src/main.js";
import { connectedDevice } from "../helpers/devices.js";
import { answer, startExtension, type TestExtension } from "../helpers/extension-server.js";
import { managementApi } from "../helpers/management-api.js";
import { bakeryModel } from "../helpers/models.js";
import { tempDir } from "../helpers/platform.js";
import { startCloverOver } from "./protocols.js";

const ADMIN = "hostile-extensions-admin";

const DEEP = 200_000;
/** `DEEP` arrays inside each other as JSON text: 400 KB, far past any recursive walk's stack. */
const NESTED = `${"[".repeat(DEEP)}${"]".repeat(DEEP)}`;
/** An answer's JSON text with the nested arrays where the string "NESTED" was. */
const withNested = (body: unknown) => JSON.stringify(body).replace('"NESTED"', NESTED);

type Attack = (req: IncomingMessage, res: ServerResponse) => void;

const json = (res: ServerResponse, body: string | Buffer, headers: Record<string, string> = {}) => {
  res.writeHead(200, { "content-type": "application/json", ...headers });
  res.end(body);
};

describe("hostile extensions", () => {
  let server: CloverServer;
  let hostile: Server;
  let hostileUrl = "";
  let attack: Attack = (_req, res) => json(res, JSON.stringify(answer("fine")));
  let honest: TestExtension;
  let victim: DeviceClient;
  let bystander: DeviceClient;
  /** Requests that reached the management API's redirect target (there must be none). */
  let redirected = 0;
  let redirectTarget: Server;
  let redirectUrl = "";

  before(async () => {
    hostile = createServer((req, res) => {
      req.resume();
      req.on("end", () => attack(req, res));
    });
    await new Promise<void>((resolve) => hostile.listen(0, "127.0.0.1", resolve));
    hostileUrl = `http://127.0.0.1:${(hostile.address() as { port: number }).port}/cek`;
    redirectTarget = createServer((req, res) => {
      redirected++;
      req.resume();
      res.end(JSON.stringify(answer("followed the redirect")));
    });
    await new Promise<void>((resolve) => redirectTarget.listen(0, "127.0.0.1", resolve));
    redirectUrl = `http://127.0.0.1:${(redirectTarget.address() as { port: number }).port}/`;
    honest = await startExtension(() => ({ body: answer("the honest answer") }));
    server = await startCloverOver(undefined, tempDir("clover-hostile-ext-"), ADMIN, {
      CLOVER_EXTENSION_NETWORKS: "loopback",
      CLOVER_CEK_TIMEOUT_MS: "3000",
    });
    const api = managementApi(server.url, ADMIN);
    for (const [id, url, main] of [
      ["com.example.hostile", hostileUrl, "bakery bot"],
      ["com.example.honest", honest.url, "honest baker"],
    ] as const) {
      const created = await api("POST", "/api/v1/extensions", {
        id,
        displayName: id.split(".").pop(),
        endpointUrl: url,
        models: { en: { ...bakeryModel("en"), invocation: { main } } },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
    victim = await connectedDevice(server.url, ADMIN, "victim");
    bystander = await connectedDevice(server.url, ADMIN, "bystander");
  });
  after(async () => {
    victim?.close();
    bystander?.close();
    await server?.close();
    await honest?.close();
    for (const s of [hostile, redirectTarget]) {
      s?.closeAllConnections();
      await new Promise<void>((resolve) => s?.close(() => resolve()));
    }
  });

  const spoken = (turn: Awaited<ReturnType<DeviceClient["sendText"]>>) =>
    turn.directives
      .filter((d) => d.header.name === "RenderText")
      .map((d) => String(d.payload["text"]))
      .join(" ");

  async function bystanderAnswered() {
    const turn = await bystander.sendText("ask honest baker when you open");
    assert.match(spoken(turn), /the honest answer/);
  }

  const attacks: [string, Attack, RegExp][] = [
    [
      `sessionAttributes nested ${DEEP} deep`,
      (_req, res) =>
        json(res, withNested(answer("kept", { end: false, attributes: { a: "NESTED" } }))),
      /isn't responding/,
    ],
    [
      `a card nested ${DEEP} deep`,
      (_req, res) => {
        const body = answer("kept");
        (body.response as Record<string, unknown>)["card"] = { type: "x", deep: "NESTED" };
        json(res, withNested(body));
      },
      /isn't responding|kept/,
    ],
    [
      `a directive payload nested ${DEEP} deep`,
      (_req, res) =>
        json(
          res,
          withNested(
            answer("kept", {
              directives: [
                { header: { namespace: "Custom", name: "Deep" }, payload: { d: "NESTED" } },
              ],
            }),
          ),
        ),
      /isn't responding|kept/,
    ],
    [
      "a 307 redirect to another server",
      (_req, res) => {
        res.writeHead(307, { location: redirectUrl });
        res.end();
      },
      /isn't responding/,
    ],
    [
      "a gzip bomb (10 MB of zeros in 10 KB)",
      (_req, res) =>
        json(res, gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x30)), { "content-encoding": "gzip" }),
      /isn't responding/,
    ],
    [
      "a 64 KB header",
      (_req, res) => json(res, JSON.stringify(answer("kept")), { "x-big": "a".repeat(65_536) }),
      /isn't responding/,
    ],
    [
      "invalid UTF-8 in the speech",
      (_req, res) => {
        const [head, tail] = JSON.stringify(answer("MARK")).split("MARK") as [string, string];
        json(
          res,
          Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(tail)]),
        );
      },
      /\ufffd|isn't responding/,
    ],
    [
      "duplicate keys and a number past a double",
      (_req, res) =>
        json(
          res,
          JSON.stringify(answer("first")).replace(
            '"version":"1.0"',
            '"version":"1.0","version":"1.0","n":1e999',
          ),
        ),
      /first/,
    ],
  ];

  for (const [label, hostileAnswer, said] of attacks)
    it(`answers the user through ${label}; others unaffected`, async () => {
      await bystanderAnswered();
      attack = hostileAnswer;
      const turn = await victim.sendText("ask bakery bot when you open");
      assert.match(spoken(turn), said);
      assert.equal(redirected, 0, "the redirect was not followed");
      await bystanderAnswered();
      attack = (_req, res) => json(res, JSON.stringify(answer("fine")));
      assert.match(spoken(await victim.sendText("ask bakery bot when you open")), /fine/);
    });
});
