import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { InteractionModel } from "@clover/protocol";
import {
  exportIntentTsv,
  exportSlotTypeTsv,
  formatIssue,
  importIntentTsv,
  importSlotTypeTsv,
  type ModelIssue,
} from "../../src/model/index.js";

function at(issues: ModelIssue[], line: number, column: number, message: RegExp): ModelIssue {
  const hit = issues.find((i) => i.line === line && i.column === column && message.test(i.message));
  assert.ok(hit, `no ${message} at ${line}:${column}; got ${JSON.stringify(issues, null, 1)}`);
  return hit;
}

const DICTIONARY =
  "クロワッサン\tクロワッサンパン\tcroissant\nバゲット\tフランスパン\tバケット\nメロンパン\tメロン\n食パン\n";

const INTENT = [
  "[INTENT SLOT]",
  "breadKind\tBREAD_KIND",
  "breadCount\tCLOVA.NUMBER",
  "",
  "[INTENT EXPRESSION]",
  "<breadKind>クロワッサン</breadKind>を<breadCount>3個</breadCount>予約して",
  "<breadKind>メロンパン</breadKind>を取っておいてくれる？",
  "5 &lt; 6",
  "",
].join("\n");

describe("custom slot type TSV (§8.1)", () => {
  it("imports representative words and synonyms", () => {
    const { slotType, issues } = importSlotTypeTsv("BREAD_KIND", DICTIONARY);
    assert.deepEqual(issues, []);
    assert.deepEqual(slotType, {
      name: "BREAD_KIND",
      values: [
        { value: "クロワッサン", synonyms: ["クロワッサンパン", "croissant"] },
        { value: "バゲット", synonyms: ["フランスパン", "バケット"] },
        { value: "メロンパン", synonyms: ["メロン"] },
        { value: "食パン" },
      ],
    });
  });

  it("exports exactly what it imports, and the round trip is lossless", () => {
    const first = importSlotTypeTsv("BREAD_KIND", DICTIONARY).slotType;
    assert.ok(first);
    const written = exportSlotTypeTsv(first);
    assert.equal(written, DICTIONARY);
    assert.deepEqual(importSlotTypeTsv("BREAD_KIND", written).slotType, first);
  });

  it("ignores a BOM, CRLF, trailing TABs and spaces, and blank lines", () => {
    const messy = `\uFEFF\r\nクロワッサン\tクロワッサンパン\tcroissant\t\t \r\n\r\n  \r\nバゲット\tフランスパン\tバケット\r\nメロンパン\tメロン \r\n食パン\r\n`;
    const { slotType, issues } = importSlotTypeTsv("BREAD_KIND", messy);
    assert.deepEqual(issues, []);
    assert.equal(slotType && exportSlotTypeTsv(slotType), DICTIONARY);
  });

  it("keeps the first of repeated words (the later entry left out) and reports the line and column", () => {
    const { slotType, issues } = importSlotTypeTsv(
      "SIZE",
      "large\tbig\tBig\nsmall\tmini\nlarge\thuge\n",
      "sizes.tsv",
    );
    at(issues, 1, 11, /synonym "Big" repeats synonym "big" of the same entry/);
    const repeat = at(
      issues,
      3,
      1,
      /representative word "large" repeats the representative word of line 1; the first is kept and this entry is ignored/,
    );
    assert.equal(repeat.file, "sizes.tsv");
    assert.equal(repeat.severity, "warning");
    // interaction-model.md §8.3: keep the first; the repeat's synonym "huge" is not merged in.
    assert.deepEqual(slotType?.values, [
      { value: "large", synonyms: ["big"] },
      { value: "small", synonyms: ["mini"] },
    ]);
  });

  it("rejects a synonym that belongs to two entries", () => {
    const { slotType, issues } = importSlotTypeTsv("SIZE", "large\tbig\nsmall\tmini\tbig\n");
    assert.equal(slotType, undefined);
    const issue = at(
      issues,
      2,
      12,
      /"big" belongs to two entries: it is already a synonym of "large" \(line 1\)/,
    );
    assert.equal(issue.file, "SIZE.tsv");
    assert.equal(issue.severity, "error");
  });

  it("warns about space-separated columns and empty columns", () => {
    const { issues } = importSlotTypeTsv("BREAD", "バゲット　フランスパン\nメロンパン\t\tメロン\n");
    at(issues, 1, 1, /no TAB in "バゲット　フランスパン"/);
    at(issues, 2, 7, /empty column ignored/);
  });

  it("rejects an intent file, an empty file and a bad type name", () => {
    assert.ok(importSlotTypeTsv("X", "\n\n").issues.some((i) => /no entries/.test(i.message)));
    at(importSlotTypeTsv("X", "[INTENT SLOT]\na\tB\n").issues, 1, 1, /intent file header/);
    assert.ok(importSlotTypeTsv("CLOVA.X", "a\n").issues.some((i) => /reserved/.test(i.message)));
  });
});

describe("custom intent TSV (§8.2)", () => {
  it("imports slots and utterance examples", () => {
    const { intent, issues } = importIntentTsv("ReserveBread", INTENT);
    assert.deepEqual(issues, []);
    assert.deepEqual(intent?.slots, [
      { name: "breadKind", type: "BREAD_KIND" },
      { name: "breadCount", type: "CLOVA.NUMBER" },
    ]);
    assert.equal(intent?.utterances.length, 3);
    assert.equal(intent?.utterances[2], "5 &lt; 6");
  });

  it("exports in the documented layout and round-trips losslessly", () => {
    const first = importIntentTsv("ReserveBread", INTENT).intent;
    assert.ok(first);
    const written = exportIntentTsv(first);
    assert.equal(written, INTENT);
    assert.deepEqual(importIntentTsv("ReserveBread", written).intent, first);
  });

  it("treats a missing [INTENT SLOT] section as no slots, and tolerates BOM and CRLF", () => {
    const { intent, issues } = importIntentTsv(
      "Hello",
      "\uFEFF[INTENT EXPRESSION]\r\nhello there\r\n\r\nhi\r\n",
    );
    assert.deepEqual(issues, []);
    assert.deepEqual(intent, { name: "Hello", slots: [], utterances: ["hello there", "hi"] });
  });

  it("rejects text before the first section and unknown headers", () => {
    const { intent, issues } = importIntentTsv(
      "X",
      "hello\n[Intent Slot]\n[INTENT EXPRESSION]\nhi\n",
    );
    assert.equal(intent, undefined);
    at(issues, 1, 1, /"hello" comes before \[INTENT SLOT\]/);
    at(issues, 2, 1, /unknown section header "\[Intent Slot\]".*case-sensitive/);
  });

  it("rejects sections out of order or repeated", () => {
    const { issues } = importIntentTsv(
      "X",
      "[INTENT EXPRESSION]\nhi\n[INTENT SLOT]\n[INTENT EXPRESSION]\n[INTENT EXPRESSION]\n",
    );
    at(issues, 3, 1, /must be the first section/);
    at(issues, 5, 1, /appears twice/);
  });

  it("reports bad slot lines with line and column", () => {
    const tsv =
      "[INTENT SLOT]\ncount\nitem\tITEM\textra\n9x\tITEM\nwhen\tCLOVA.NOPE\nitem\tITEM\nitem\tITEM\nitem\tOTHER\n[INTENT EXPRESSION]\n<item>a</item>\n";
    const { issues } = importIntentTsv("X", tsv, "x.tsv");
    at(issues, 2, 1, /expected "slotName<TAB>slotType"/);
    at(issues, 3, 11, /expected "slotName<TAB>slotType"/);
    at(issues, 4, 1, /slot name "9x"/);
    at(issues, 5, 6, /unknown built-in slot type CLOVA\.NOPE/);
    assert.equal(at(issues, 7, 1, /slot item repeats line 6/).severity, "warning");
    at(issues, 8, 1, /slot item is declared at line 6 with type ITEM/);
  });

  it("reports bad utterances with line and column, and keeps the first of repeats", () => {
    const tsv =
      "[INTENT SLOT]\nitem\tITEM\n[INTENT EXPRESSION]\nget <item>a</thing>\n  get <size>big</size> ones\nget <item>a</item>\nget <item>a</item>\n";
    const { intent, issues } = importIntentTsv("X", tsv, "x.tsv");
    assert.equal(intent, undefined);
    at(issues, 4, 12, /closing tag <\/thing> does not match <item>/);
    at(issues, 5, 7, /slot <size> is not declared in \[INTENT SLOT\]/);
    assert.equal(at(issues, 7, 1, /repeats line 6/).severity, "warning");
  });

  it("formats issues as file:line:column or path lines", () => {
    const { issues } = importIntentTsv("X", "[INTENT EXPRESSION]\nget <a>b</c>\n", "x.tsv");
    assert.equal(
      formatIssue(issues[0] as ModelIssue),
      'x.tsv:2:9: closing tag </c> does not match <a> opened at column 5 in "get <a>b</c>"',
    );
    assert.equal(
      formatIssue({ severity: "warning", message: "m", path: "intents[0]" }),
      "intents[0]: warning: m",
    );
  });

  it("rejects a file without utterance examples", () => {
    const { issues } = importIntentTsv("X", "[INTENT SLOT]\nitem\tITEM\n");
    assert.ok(issues.some((i) => i.file === "X.tsv" && /no utterance examples/.test(i.message)));
  });

  it("refuses to export text that TSV cannot hold", () => {
    assert.throws(() => exportIntentTsv({ name: "X", utterances: ["a\tb"] }), /TAB or line break/);
    assert.throws(
      () => exportSlotTypeTsv({ name: "X", values: [{ value: "a\nb" }] }),
      /TAB or line break/,
    );
  });
});

describe("TSV round trip of the example models", () => {
  it("exports and re-imports every custom intent and slot type unchanged", () => {
    for (const example of ["dice", "pizza", "audio"]) {
      for (const language of ["en", "ja", "ko"]) {
        const url = new URL(
          `../../../../examples/${example}/models/${language}.json`,
          import.meta.url,
        );
        const model = JSON.parse(readFileSync(url, "utf8")) as InteractionModel;
        for (const type of model.customSlotTypes ?? []) {
          const back = importSlotTypeTsv(type.name, exportSlotTypeTsv(type));
          assert.deepEqual(back.issues, []);
          assert.deepEqual(back.slotType, type);
        }
        for (const intent of model.intents) {
          const back = importIntentTsv(intent.name, exportIntentTsv(intent));
          assert.deepEqual(back.issues, []);
          assert.deepEqual(back.intent, intent);
        }
      }
    }
  });
});

describe("TSV lines from a stranger", () => {
  it("reads a line of 300,000 spaces between two words in bounded work", () => {
    const cpu = process.cpuUsage();
    const { slotType, issues } = importSlotTypeTsv("SPACED", `a${" ".repeat(300_000)}b\tc\n`);
    const { user, system } = process.cpuUsage(cpu);
    // Linear work is milliseconds; the quadratic trim this replaced took about a minute of CPU.
    assert.ok((user + system) / 1000 < 5000, `${(user + system) / 1000} ms of CPU`);
    assert.ok(slotType !== undefined || issues.length > 0);
  });
});
