// Every JSON example of the Clova Home spec (stored under fixtures/home) parses with the codec
// its name selects and survives a JSON round trip unchanged.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
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
});
