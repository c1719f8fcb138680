// JSON nested deeper than any recursive walk's stack, at every door JSON comes in by: a CIC
// event's metadata part (its context and its payload), management API bodies. JSON.parse reads
// any depth, but what walks the value afterwards (JSON.stringify of the turn log, validators,
// loggers) threw "Maximum call stack size exceeded" — inside a turn, or as an unhandled
// rejection. Each door answers 400 in its own format naming the nesting; a bystander device is
// answered after. (Extension answers: hostile-extensions.test.ts.)
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { DeviceClient } from "@clover/device";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../../src/api/json-depth.js";
import type { CloverServer } from "../../src/main.js";
import { deviceAt, loginDevice, registerClient } from "../helpers/devices.js";
import { managementFetch } from "../helpers/management-api.js";
import { tempDir } from "../helpers/platform.js";
import { startCloverOver } from "./protocols.js";
import { closing, h2Event, metadataPart, textEvent } from "./wire.js";

const ADMIN = "deep-json-admin";
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("deeply nested JSON", () => {
  let server: CloverServer;
  let token = "";
  let victim: DeviceClient;
  let bystander: DeviceClient;

  before(async () => {
    server = await startCloverOver(undefined, tempDir("clover-deep-json-"), ADMIN);
    const client = await registerClient(server.url, ADMIN);
    const login = await loginDevice(server.url, client, "deep-victim");
    token = login.accessToken;
    victim = deviceAt(server.url, login);
    bystander = deviceAt(server.url, await loginDevice(server.url, client, "deep-bystander"));
    await victim.openDownchannel();
    await bystander.openDownchannel();
  });
  after(async () => {
    victim?.close();
    bystander?.close();
    await server?.close();
  });

  for (const [where, place] of [
    [
      "the event payload",
      (event: ReturnType<typeof textEvent>) => {
        (event.event.payload as Record<string, unknown>)["deep"] = "NESTED";
      },
    ],
    [
      "a context object",
      (event: ReturnType<typeof textEvent>) => {
        (event as { context: unknown[] }).context = [
          { header: { namespace: "Device", name: "Display" }, payload: { deep: "NESTED" } },
        ];
      },
    ],
  ] as const)
    it(`answers 400 System.Exception to a metadata part nested 100,000 deep in ${where}`, async () => {
      const event = textEvent("what time is it");
      place(event);
      const metadata = metadataPart(event).replace('"NESTED"', nested(100_000));
      const answer = await h2Event(victim.connect(), token, [metadata, closing()]);
      assert.equal(answer.status, 400, answer.body.toString().slice(0, 300));
      assert.equal(answer.exception?.code, 400);
      assert.match(answer.exception?.description ?? "", /deeper than 64 levels/);
      const status = await bystander.ping();
      assert.ok(status >= 200 && status < 300);
      assert.ok((await victim.ping()) < 300, "the victim's own connection still works");
    });

  for (const [method, path] of [
    ["POST", "/api/v1/users/bystander/notifications"],
    ["PUT", "/api/v1/users/bystander/profile"],
    ["POST", "/api/v1/nlu/recognize"],
  ] as const)
    it(`answers 400 invalid_json to a ${method} ${path.split("/").pop()} body nested 6,000 deep`, async () => {
      const response = await managementFetch(server.url, ADMIN)(
        method,
        path,
        `{"text":"hi","deep":${nested(6000)}}`,
      );
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(body.error.code, "invalid_json");
      assert.match(body.error.message, /deeper than 64 levels/);
    });

  it("counts only brackets outside strings", () => {
    assert.equal(nestsDeeperThan(`{"a":"${"[".repeat(1000)}"}`), false);
    assert.equal(nestsDeeperThan(`{"a":"\\"${"[".repeat(1000)}"}`), false);
    assert.equal(nestsDeeperThan(nested(MAX_JSON_DEPTH)), false);
    assert.equal(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1)), true);
    assert.equal(nestsDeeperThan(Buffer.from(`{"é":${nested(MAX_JSON_DEPTH + 1)}}`)), true);
  });
});
