// docs/cic.md's table and the tests agree: every event and directive of the protocol catalogue
// (but Alerts and System's alert synchronisation, documented with alerts) has a row, and every
// row names a test that exists.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { CIC_CATALOGUE } from "@clover/protocol";

const root = new URL("../../../../", import.meta.url);
const doc = readFileSync(new URL("docs/cic.md", root), "utf8");
const rows = [
  ...doc.matchAll(/^\| `(\w+\.\w+)` \| (event|directive) \| [^|]+ \| `([^`]+)`: (.+?) \|$/gm),
].map((m) => ({ name: m[1]!, kind: m[2]!, file: m[3]!, title: m[4]! }));
const ELSEWHERE = new Set(["System.RequestSynchronizeState", "System.SynchronizeState"]);

describe("docs/cic.md message table", () => {
  it("has a row for every event and directive of the catalogue", () => {
    const listed = new Set(rows.map((r) => `${r.kind}:${r.name}`));
    const missing: string[] = [];
    for (const [namespace, entry] of Object.entries(CIC_CATALOGUE)) {
      if (namespace === "Alerts") continue;
      for (const name of entry.events)
        if (!ELSEWHERE.has(`${namespace}.${name}`) && !listed.has(`event:${namespace}.${name}`))
          missing.push(`event ${namespace}.${name}`);
      for (const name of entry.directives)
        if (!ELSEWHERE.has(`${namespace}.${name}`) && !listed.has(`directive:${namespace}.${name}`))
          missing.push(`directive ${namespace}.${name}`);
    }
    assert.deepEqual(missing, []);
  });

  it("names only tests that exist", () => {
    assert.ok(rows.length > 100, `only ${rows.length} rows parsed`);
    const absent = rows.filter((row) => {
      const source = readFileSync(new URL(`packages/server/test/${row.file}`, root), "utf8");
      return !source.includes(`it("${row.title}`) && !source.includes(`it(\`${row.title}`);
    });
    assert.deepEqual(
      absent.map((r) => `${r.name} → ${r.file}: ${r.title}`),
      [],
    );
  });
});
