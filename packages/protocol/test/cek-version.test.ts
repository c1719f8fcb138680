// Converting between message versions 1.0 and 0.1.0 (cek-custom-extension.md §12.2).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  type CekRequest,
  CekRequestMessage,
  cekVersionFeatures,
  normalizeCekRequest,
  toCekRequestVersion,
} from "../src/index.js";

const load = (path: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/cek/${path}`, import.meta.url), "utf8"));
const launch: CekRequest = CekRequestMessage.parse(load("request/spec-3.1-launch-request.json"));
const ended: CekRequest = { ...launch, request: { type: "SessionEndedRequest" } };
const event: CekRequest = CekRequestMessage.parse(
  load("request/spec-3.9-skill-enabled-event-request.json"),
);

describe("toCekRequestVersion", () => {
  it("sends 1.0 requests unchanged except for the version", () => {
    assert.deepEqual(toCekRequestVersion(launch, "1.0"), launch);
    assert.deepEqual(toCekRequestVersion({ ...launch, version: "0.1.0" }, "1.0"), launch);
    assert.deepEqual(toCekRequestVersion(event, "1.0"), event);
  });

  it("marks 0.1.0 requests and keeps application and display", () => {
    const old = toCekRequestVersion(launch, "0.1.0");
    assert.equal(old?.version, "0.1.0");
    assert.deepEqual(old?.context, launch.context);
    assert.deepEqual(old?.request, { type: "LaunchRequest" });
  });

  it("names the session end EndRequest only with the legacy flag", () => {
    assert.deepEqual(toCekRequestVersion(ended, "0.1.0")?.request, {
      type: "SessionEndedRequest",
    });
    const legacy = toCekRequestVersion(
      { ...ended, request: { type: "SessionEndedRequest", reason: "TIMEOUT" } },
      "0.1.0",
      { legacyEndRequestType: true },
    );
    assert.deepEqual(legacy?.request, { type: "EndRequest" });
    // The flag means nothing for 1.0 extensions.
    const latest = toCekRequestVersion(ended, "1.0", { legacyEndRequestType: true });
    assert.equal(latest?.request.type, "SessionEndedRequest");
  });

  it("sends no EventRequest to 0.1.0 extensions", () => {
    assert.equal(toCekRequestVersion(event, "0.1.0"), null);
    assert.deepEqual(cekVersionFeatures("0.1.0"), { eventRequests: false, audioDirectives: false });
    assert.deepEqual(cekVersionFeatures("1.0"), { eventRequests: true, audioDirectives: true });
  });

  it("round-trips 1.0 → 0.1.0 (legacy) → normalized", () => {
    for (const request of [launch, ended]) {
      const old = toCekRequestVersion(request, "0.1.0", { legacyEndRequestType: true });
      const back = normalizeCekRequest(JSON.parse(JSON.stringify(old)));
      assert.ok(back.ok);
      if (back.ok) assert.deepEqual(back.value, { ...request, version: "0.1.0" });
    }
  });

  it("round-trips a seed 0.1.0 request → normalized → 0.1.0 with the legacy flag", () => {
    const seed = load("request/seed-0.1.0-end-request.json");
    const normalized = normalizeCekRequest(seed);
    assert.ok(normalized.ok);
    if (!normalized.ok) return;
    assert.equal(normalized.value.request.type, "SessionEndedRequest");
    const back = toCekRequestVersion(normalized.value, "0.1.0", { legacyEndRequestType: true });
    assert.deepEqual(back, seed);
    // Upgraded to 1.0 it still lacks application/display, which strict parsing reports.
    const upgraded = toCekRequestVersion(normalized.value, "1.0");
    assert.equal(upgraded?.version, "1.0");
    const strict = CekRequestMessage.validate(upgraded);
    assert.equal(strict.ok, false);
    if (!strict.ok)
      assert.deepEqual(
        strict.issues.map((i) => i.path),
        ["context.System.application", "context.System.device.display"],
      );
  });
});
