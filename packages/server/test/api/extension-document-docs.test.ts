// docs/server.md "The extension document" and the management API agree: every field the API
// accepts has a row, and every row is a field it accepts (a developer registering through the
// API reads that table).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ExtensionDocument } from "../../src/api/extension-input.js";

const root = new URL("../../../../", import.meta.url);
const doc = readFileSync(new URL("docs/server.md", root), "utf8");

describe("docs/server.md: the extension document", () => {
  it("has one row per field of the management API's document", () => {
    const start = doc.indexOf("### The extension document");
    assert.ok(start >= 0, "the section exists");
    const section = doc.slice(start, doc.indexOf("\n#", start + 1));
    const rows = [...section.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]!);
    assert.deepEqual(rows.sort(), Object.keys(ExtensionDocument.properties).sort());
  });
});
