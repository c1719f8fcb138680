import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { InteractionModel } from "@clover/protocol";
import { convertRetiredSlotTypes, type ModelIssue, validateModel } from "../../src/model/index.js";
import { baseModel, issuesAfter } from "./fixture.js";

/** The one issue at `path` whose message matches; fails listing what was found otherwise. */
function find(issues: ModelIssue[], path: string, message: RegExp): ModelIssue {
  const hit = issues.find((i) => i.path === path && message.test(i.message));
  assert.ok(hit, `no issue at ${path} matching ${message}; got ${JSON.stringify(issues, null, 1)}`);
  return hit;
}

const first = (m: InteractionModel) => m.intents[0] as InteractionModel["intents"][number];

describe("validateModel", () => {
  it("finds nothing wrong in a clean model", () => {
    assert.deepEqual(validateModel(baseModel()), []);
  });

  it("reports schema problems with their JSON path", () => {
    const issues = issuesAfter((m) => {
      (m as { language: string }).language = "fr";
    });
    assert.equal(find(issues, "language", /ja|ko|en/).severity, "error");
  });

  it("survives documents that are not models at all", () => {
    for (const junk of [null, 42, "model", [], { intents: "none" }]) {
      const issues = validateModel(junk as unknown as InteractionModel);
      assert.ok(issues.length > 0 && issues.every((i) => i.severity === "error"));
    }
  });

  it("rejects a custom slot type that is not declared", () => {
    const issues = issuesAfter((m) => {
      (first(m).slots ?? [])[0] = { name: "item", type: "PASTRY" };
    });
    const issue = find(
      issues,
      "intents[0].slots[0].type",
      /PASTRY is not declared in customSlotTypes/,
    );
    assert.equal(issue.severity, "error");
  });

  it("rejects a built-in slot type that is not enabled in builtinSlotTypes", () => {
    const issues = issuesAfter((m) => {
      m.builtinSlotTypes = [];
    });
    find(
      issues,
      "intents[0].slots[1].type",
      /CLOVA\.NUMBER is not enabled; add it to builtinSlotTypes/,
    );
  });

  it("rejects unknown built-in slot types and only warns about the renamed CLOVA.CURRENCY (§5.5)", () => {
    const issues = issuesAfter((m) => {
      m.builtinSlotTypes = ["CLOVA.NUMBER", "CLOVA.BANANA", "CLOVA.CURRENCY"];
      first(m).slots?.push({ name: "fruit", type: "CLOVA.BANANA" });
    });
    find(issues, "builtinSlotTypes[1]", /unknown built-in slot type "CLOVA\.BANANA"/);
    assert.equal(
      find(issues, "builtinSlotTypes[2]", /renamed CLOVA\.UNIT_CURRENCY/).severity,
      "warning",
    );
    find(issues, "intents[0].slots[2].type", /unknown built-in slot type CLOVA\.BANANA/);
  });

  it("converts the retired CLOVA.CURRENCY to CLOVA.UNIT_CURRENCY, one warning per place (§5.5)", () => {
    const model = baseModel();
    model.builtinSlotTypes = ["CLOVA.NUMBER", "CLOVA.CURRENCY", "CLOVA.UNIT_CURRENCY"];
    first(model).slots?.push({ name: "currency", type: "CLOVA.CURRENCY" });
    const warnings = convertRetiredSlotTypes(model);
    assert.deepEqual(model.builtinSlotTypes, ["CLOVA.NUMBER", "CLOVA.UNIT_CURRENCY"]);
    assert.equal(first(model).slots?.at(-1)?.type, "CLOVA.UNIT_CURRENCY");
    assert.deepEqual(
      warnings.map((w) => [w.severity, w.path]),
      [
        ["warning", "builtinSlotTypes[1]"],
        ["warning", `intents[0].slots[${(first(model).slots?.length ?? 0) - 1}].type`],
      ],
    );
  });

  it("names the intent, slot or slot type a finding is about, besides its path", () => {
    const issues = issuesAfter((m) => {
      first(m).utterances[0] = "order <count>two";
      m.customSlotTypes![0]!.values.push({ value: "" });
    });
    const name = first(baseModel()).name;
    assert.match(
      find(issues, "intents[0].utterances[0]", /never closed/).message,
      new RegExp(`^intent ${name}: `),
    );
    const typeName = baseModel().customSlotTypes![0]!.name;
    assert.match(
      find(
        issues,
        `customSlotTypes[0].values[${baseModel().customSlotTypes![0]!.values.length}].value`,
        /non-empty/,
      ).message,
      new RegExp(`^slot type ${typeName}: `),
    );
  });

  it("rejects unknown built-in intents, with a hint for Clova.StopIntent", () => {
    const issues = issuesAfter((m) => {
      m.builtinIntents = ["Clova.GuideIntent", "Clova.StopIntent", "Clova.DanceIntent"];
    });
    find(issues, "builtinIntents[1]", /historical.*Clova\.PauseIntent/);
    find(issues, "builtinIntents[2]", /unknown built-in intent "Clova\.DanceIntent"/);
    const notText = issuesAfter((m) => {
      (m as { builtinIntents: unknown[] }).builtinIntents = [5];
    });
    find(notText, "builtinIntents[0]", /expected a string, got 5/);
  });

  it("rejects a slot tagged in an utterance but not declared, with the column of the tag", () => {
    const issues = issuesAfter((m) => {
      first(m).utterances[4] = "get <count>2</count> with <topping>jam</topping>";
    });
    const issue = find(
      issues,
      "intents[0].utterances[4]",
      /slot <topping> is not declared on intent OrderIntent/,
    );
    assert.equal(issue.column, 27);
  });

  it("warns about a declared slot that no utterance tags", () => {
    const issues = issuesAfter((m) => {
      first(m).slots?.push({ name: "note", type: "ITEM" });
    });
    assert.equal(
      find(issues, "intents[0].slots[2]", /slot note is declared but no utterance/).severity,
      "warning",
    );
  });

  it("rejects the same utterance under two intents, ignoring case, width, spacing and slot text", () => {
    const issues = issuesAfter((m) => {
      m.intents[1]?.slots?.push(
        { name: "item", type: "ITEM" },
        { name: "count", type: "CLOVA.NUMBER" },
      );
      m.intents[1]?.utterances.push("ＯＲＤＥＲ  <count>9</count> <item>scone</item>!");
    });
    const issue = find(
      issues,
      "intents[1].utterances[10]",
      /intent OrderIntent \(intents\[0\]\.utterances\[0\]\)/,
    );
    assert.equal(issue.severity, "error");
  });

  it("warns about a repeated utterance within one intent", () => {
    const issues = issuesAfter((m) => {
      m.intents[1]?.utterances.push("What's on the menu?");
    });
    assert.equal(
      find(issues, "intents[1].utterances[10]", /same utterance as utterances\[0\]/).severity,
      "warning",
    );
  });

  it("rejects an intent without utterance examples", () => {
    const issues = issuesAfter((m) => {
      m.intents.push({ name: "EmptyIntent", slots: [], utterances: [] });
    });
    find(issues, "intents[2].utterances", /intent EmptyIntent has no utterance examples/);
  });

  it("warns below the recommended number of examples (§7.2)", () => {
    const issues = issuesAfter((m) => {
      m.intents[1]?.utterances.splice(5);
      first(m).utterances.splice(29);
    });
    find(issues, "intents[1].utterances", /only 5 utterance examples; at least 10/);
    find(issues, "intents[0].utterances", /only 29 utterance examples; at least 30/);
  });

  it("reports malformed tags with the column", () => {
    const issues = issuesAfter((m) => {
      first(m).utterances[0] = "order <count>2</item> bagels";
    });
    const issue = find(
      issues,
      "intents[0].utterances[0]",
      /closing tag <\/item> does not match <count>/,
    );
    assert.equal(issue.column, 15);
  });

  it("warns when a span is not a word of its closed slot type", () => {
    const issues = issuesAfter((m) => {
      first(m).utterances[1] = "get me <count>2</count> <item>croissants</item> please";
    });
    const issue = find(issues, "intents[0].utterances[1]", /"croissants" is not a word of ITEM/);
    assert.equal(issue.column, 25);
    assert.equal(issue.severity, "warning");
  });

  it("warns when a built-in span cannot be read as its type", () => {
    const issues = issuesAfter((m) => {
      first(m).utterances[2] = "i want <count>lots</count> <item>scone</item> now";
    });
    find(issues, "intents[0].utterances[2]", /"lots" does not read as a CLOVA\.NUMBER value/);
  });

  it("warns about a slot tagged twice in one example", () => {
    const issues = issuesAfter((m) => {
      first(m).utterances[3] = "send <item>bagel</item> and <item>scone</item>";
    });
    assert.equal(find(issues, "intents[0].utterances[3]", /tagged twice/).column, 29);
  });

  it("rejects DATETIME and DATETIME_RECENT in one intent and warns when a model enables both", () => {
    const issues = issuesAfter((m) => {
      m.builtinSlotTypes = ["CLOVA.NUMBER", "CLOVA.DATETIME", "CLOVA.DATETIME_RECENT"];
      first(m).slots?.push(
        { name: "when", type: "CLOVA.DATETIME" },
        { name: "since", type: "CLOVA.DATETIME_RECENT" },
      );
    });
    assert.equal(
      find(issues, "intents[0].slots", /cannot use both CLOVA\.DATETIME and CLOVA\.DATETIME_RECENT/)
        .severity,
      "error",
    );
    assert.equal(find(issues, "builtinSlotTypes", /both enabled/).severity, "warning");
  });

  it("rejects reserved prefixes in intent and slot type names", () => {
    const issues = issuesAfter((m) => {
      first(m).name = "Clova.OrderIntent";
      const type = m.customSlotTypes?.[0];
      if (type) type.name = "CLOVA.ITEM";
    });
    find(issues, "intents[0].name", /prefix "Clova\.", reserved for built-in intents/);
    find(issues, "customSlotTypes[0].name", /prefix "CLOVA\.", reserved for built-in slot types/);
  });

  it("rejects malformed and over-long names", () => {
    const issues = issuesAfter((m) => {
      first(m).name = "order-intent";
      m.intents[1] = {
        ...(m.intents[1] as InteractionModel["intents"][number]),
        name: `M${"x".repeat(64)}`,
      };
      (first(m).slots ?? [])[0] = { name: "9item", type: "ITEM" };
    });
    find(issues, "intents[0].name", /must start with a letter and use only letters, digits and _/);
    find(issues, "intents[1].name", /longer than 64 characters/);
    find(issues, "intents[0].slots[0].name", /slot name "9item"/);
  });

  it("rejects duplicate intent, slot and slot type names", () => {
    const issues = issuesAfter((m) => {
      m.intents.push({ ...first(m), utterances: ["something else entirely"] });
      first(m).slots?.push({ name: "count", type: "CLOVA.NUMBER" });
      m.customSlotTypes?.push({ name: "ITEM", values: [{ value: "cake" }] });
    });
    find(issues, "intents[2].name", /intent OrderIntent is already declared at intents\[0\]/);
    find(issues, "intents[0].slots[2].name", /slot count is declared twice/);
    find(
      issues,
      "customSlotTypes[1].name",
      /slot type ITEM is already declared at customSlotTypes\[0\]/,
    );
  });

  it("warns when one slot name has different types in different intents (§4)", () => {
    const issues = issuesAfter((m) => {
      m.intents[1]?.slots?.push({ name: "item", type: "CLOVA.NUMBER" });
      m.intents[1]?.utterances.push("is <item>3</item> available");
    });
    find(issues, "intents[1].slots", /slot item has type CLOVA\.NUMBER here but ITEM/);
  });

  it("rejects a synonym that belongs to two entries and warns about repeats in one entry", () => {
    const issues = issuesAfter((m) => {
      const values = m.customSlotTypes?.[0]?.values ?? [];
      values[1] = { value: "muffin", synonyms: ["Bagels", "muffins", "MUFFINS"] };
      values.push({ value: "muffin", synonyms: ["cupcake"] });
    });
    const cross = find(
      issues,
      "customSlotTypes[0].values[1].synonyms[0]",
      /"Bagels" belongs to two entries: it is already a synonym of "bagel" \(entry 1\)/,
    );
    assert.equal(cross.severity, "error");
    find(
      issues,
      "customSlotTypes[0].values[1].synonyms[2]",
      /repeats synonym "muffins" of the same entry/,
    );
    find(
      issues,
      "customSlotTypes[0].values[3].value",
      /representative word "muffin" repeats the representative word of entry 2/,
    );
  });

  it("rejects a closed slot type without values and warns about unused types", () => {
    const issues = issuesAfter((m) => {
      m.customSlotTypes?.push({ name: "EMPTY", values: [] });
    });
    assert.equal(find(issues, "customSlotTypes[1].values", /has no values/).severity, "error");
    assert.equal(
      find(issues, "customSlotTypes[1]", /declared but no intent uses it/).severity,
      "warning",
    );
  });
});
