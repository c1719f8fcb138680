import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { generateModelTypes } from "../src/index.js";
import { shopModels } from "./fixtures/shop-model.js";

describe("generateModelTypes", () => {
  const text = generateModelTypes(shopModels, { name: "ShopModel" });

  it("lists every intent of every language with its slots, and the built-ins", () => {
    assert.match(text, /export interface ShopModel \{/);
    assert.match(text, /"OrderBreadIntent": \{/);
    assert.match(text, /"breadCount": string;/);
    assert.match(text, /"OpeningHoursIntent": \{\};/);
    for (const builtin of [
      "Clova.GuideIntent",
      "Clova.YesIntent",
      "Clova.NoIntent",
      "Clova.CancelIntent",
    ]) {
      assert.ok(text.includes(`"${builtin}": {};`), builtin);
    }
    assert.ok(!text.includes("Clova.PauseIntent"));
    assert.match(text, /export type ShopModelIntentName = keyof ShopModel\["intents"\];/);
  });
  it("types closed custom slots as the union of their representative words", () => {
    assert.match(text, /"breadKind": "baguette" \| "croissant" \| "クロワッサン";/);
    assert.match(text, /"note": string;/); // open type
  });
  it("is what the committed fixture holds (the type checks below use it)", () => {
    const committed = readFileSync(
      new URL("./fixtures/shop-model.generated.d.ts", import.meta.url),
      "utf8",
    );
    assert.equal(committed, text);
  });
  it("refuses a name that is not an identifier", () => {
    assert.throws(() => generateModelTypes(shopModels[0]!, { name: "my model" }), /identifier/);
  });
});
