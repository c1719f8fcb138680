// The committed JSON Schema files (`npm run schemas`) match the declarations, so they never
// go stale. Files are compared for every declared message that has one; the CEK messages
// and the interaction model must have one.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { declaredMessages, jsonSchemaOf } from "../src/index.js";

const dir = new URL("../schemas/", import.meta.url);

describe("committed JSON Schemas", () => {
  const codecs = declaredMessages();
  it("declares the CEK custom extension messages", () => {
    const names = codecs.map((c) => c.name);
    for (const name of ["cek-request", "cek-request-accepted", "cek-response"])
      assert.ok(names.includes(name), name);
  });
  for (const codec of codecs) {
    const file = new URL(`${codec.name}.schema.json`, dir);
    const required = codec.name.startsWith("cek-") || codec.name === "interaction-model";
    if (!required && !existsSync(file)) continue;
    it(`${codec.name}.schema.json is up to date (npm run schemas)`, () => {
      assert.ok(existsSync(file), `missing; run npm run schemas`);
      const committed = JSON.parse(readFileSync(file, "utf8"));
      assert.deepEqual(committed, jsonSchemaOf(codec), "stale; run npm run schemas");
    });
  }
});
