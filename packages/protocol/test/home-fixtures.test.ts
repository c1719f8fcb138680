// Every JSON example of the Clova Home spec (stored under fixtures/home) parses with the codec
// its name selects and survives a JSON round trip unchanged.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  buildHomeMessage,
  type HomeRequestName,
  homeCodecFor,
  homeRequestNameFor,
  isHomeErrorName,
  parseHomeRequest,
  parseHomeResponse,
} from "../src/index.js";

const dir = new URL("./fixtures/home/", import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();

function load(file: string): { header: { name: string } } {
  return JSON.parse(readFileSync(new URL(file, dir), "utf8"));
}

/** The request a fixture answers; errors may answer anything, so pair them with a control. */
function requestFor(name: string): HomeRequestName {
  if (isHomeErrorName(name)) return "SetTargetTemperatureRequest";
  const request = homeRequestNameFor(name);
  assert.ok(request, `${name} answers no request`);
  return request as HomeRequestName;
}

describe("Clova Home spec examples", () => {
  it("are all stored (24 examples)", () => {
    assert.equal(files.length, 24);
  });

  for (const file of files) {
    it(`${file} parses by its header.name and round-trips`, () => {
      const message = load(file);
      const name = message.header.name;
      const codec = homeCodecFor(name);
      assert.ok(codec, `no codec for ${name}`);
      assert.equal(codec.name, `home.${name}`);
      const parsed = name.endsWith("Request")
        ? parseHomeRequest(message)
        : parseHomeResponse(requestFor(name), message).value;
      assert.equal(parsed.header.name, name);
      const again = JSON.parse(JSON.stringify(parsed));
      assert.deepEqual(again, message);
      assert.equal(codec.is(again), true);
    });
  }

  it("classifies successes and errors", () => {
    const ok = parseHomeResponse("HealthCheckRequest", load("HealthCheckResponse.json"));
    assert.equal(ok.kind, "success");
    const error = parseHomeResponse("TurnOnRequest", load("TargetOfflineError.json"));
    assert.equal(error.kind, "error");
    assert.equal(error.value.header.name, "TargetOfflineError");
  });

  it("builds messages in the envelope that validate", () => {
    const request = buildHomeMessage("SetModeRequest", {
      accessToken: "tk-1",
      appliance: { applianceId: "ac-1" },
      mode: { value: "cool" },
    });
    assert.match(request.header.messageId, /^[0-9a-f-]{36}$/);
    assert.equal(request.header.namespace, "ClovaHome");
    assert.equal(request.header.payloadVersion, "1.0");
    assert.deepEqual(parseHomeRequest(request), request);
    const answer = buildHomeMessage("SetModeConfirmation", {}, request.header.messageId);
    assert.equal(answer.header.messageId, request.header.messageId);
    assert.equal(parseHomeResponse("SetModeRequest", answer).kind, "success");
    const incomplete = { accessToken: "tk-1", appliance: { applianceId: "ac-1" } };
    // @ts-expect-error SetModeRequest needs a mode, for the type checker too
    const broken = buildHomeMessage("SetModeRequest", incomplete);
    assert.throws(() => parseHomeRequest(broken), /payload\.mode: expected object \(required\)/);
  });
});
