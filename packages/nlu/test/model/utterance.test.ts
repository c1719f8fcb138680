import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatUtterance, ModelError, parseUtterance } from "../../src/model/index.js";

function failsAt(example: string, column: number, message: RegExp) {
  assert.throws(
    () => parseUtterance(example),
    (e: unknown) => e instanceof ModelError && e.column === column && message.test(e.message),
  );
}

describe("parseUtterance (§7.1)", () => {
  it("extracts slot spans with offsets into the plain text", () => {
    const parsed = parseUtterance(
      "<breadKind>フランスパン</breadKind>を<breadCount>二本</breadCount>取り置きして",
    );
    assert.equal(parsed.text, "フランスパンを二本取り置きして");
    assert.deepEqual(parsed.slots, [
      { name: "breadKind", start: 0, end: 6, text: "フランスパン" },
      { name: "breadCount", start: 7, end: 9, text: "二本" },
    ]);
  });

  it("handles back-to-back tags and keeps whitespace inside tags", () => {
    const parsed = parseUtterance("<a>x</a><b> y </b>ください");
    assert.equal(parsed.text, "x y ください");
    assert.deepEqual(
      parsed.slots.map((s) => [s.name, s.text, parsed.text.slice(s.start, s.end)]),
      [
        ["a", "x", "x"],
        ["b", " y ", " y "],
      ],
    );
  });

  it("decodes &lt; &gt; &amp; and keeps a bare &", () => {
    const parsed = parseUtterance("is 3 &lt; 4 &amp; <genre>R&B</genre> &gt; pop &copy;");
    assert.equal(parsed.text, "is 3 < 4 & R&B > pop &copy;");
    assert.equal(parsed.slots[0]?.text, "R&B");
    assert.equal(parsed.slots[0]?.start, 11);
  });

  it("round-trips through formatUtterance", () => {
    for (const example of ["a &lt; b <x>c &amp; d</x>", "<n>1</n><m>2</m>", "plain"]) {
      assert.equal(formatUtterance(parseUtterance(example)), example);
    }
  });

  it("reports unclosed, mismatched, nested and empty tags with their column", () => {
    failsAt("order <count>2 bagels", 7, /<count> is never closed/);
    failsAt("order <count>2</item>", 15, /<\/item> does not match <count> opened at column 7/);
    failsAt("<a>x <b>y</b></a>", 6, /<b> opened inside <a>.*cannot nest/);
    failsAt("get <item></item> now", 5, /no text \(empty span\)/);
    failsAt("get <item>  </item>", 5, /empty span/);
    failsAt("done</item>", 5, /closing tag <\/item> without an opening tag/);
  });

  it("reports a stray < and bad slot names with their column", () => {
    failsAt("3 < 4", 3, /write a literal '<' as &lt;/);
    failsAt("x <9lives>cat</9lives>", 3, /invalid slot name "9lives"/);
    failsAt("x <>cat</>", 3, /invalid slot name ""/);
  });

  it("rejects an empty example", () => {
    failsAt("   ", 1, /empty/);
  });
});
