// One or more valid payloads for every event and directive of cic.md §9 (our own values,
// built from the field tables), each accepted inside a full envelope.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { CIC_CATALOGUE, validateCicDirective, validateCicEvent } from "../src/index.js";

const examples = JSON.parse(
  readFileSync(new URL("./fixtures/cic/payloads/examples.json", import.meta.url), "utf8"),
) as Record<"events" | "directives", Record<string, unknown[]>>;

const catalogued = (group: "events" | "directives") =>
  Object.entries(CIC_CATALOGUE).flatMap(([ns, entry]) => entry[group].map((n) => `${ns}.${n}`));

function wrap(kind: "event" | "directive", key: string, payload: unknown) {
  const [namespace, name] = key.split(".");
  const header = { namespace, name, messageId: "9b2f4c1e-0000-4000-8000-000000000001" };
  if (kind === "directive") return { directive: { header, payload } };
  return { context: [], event: { header: { ...header, dialogRequestId: "d-1" }, payload } };
}

describe("a valid payload for every CIC message", () => {
  for (const [group, kind] of [
    ["events", "event"],
    ["directives", "directive"],
  ] as const) {
    it(`covers exactly the catalogued ${group}`, () => {
      assert.deepEqual(Object.keys(examples[group]).sort(), catalogued(group).sort());
    });
    for (const [key, payloads] of Object.entries(examples[group])) {
      it(`${kind} ${key}`, () => {
        assert.ok(payloads.length > 0);
        for (const payload of payloads) {
          const message = wrap(kind, key, payload);
          const result = (kind === "event" ? validateCicEvent : validateCicDirective)(message);
          assert.deepEqual(result, { ok: true, value: message }, JSON.stringify(payload));
        }
      });
    }
  }
});
