// How much one added example moves a built-in ability's intent classifier. For each model (the
// alerts' and the clock's, en/ja/ko) every `step`-th example is taken out as a pool; the model
// without the pool is compiled once, then once per pool example with that one example added
// back. Each compile recognizes every utterance of the stranger sets (held-out, patterns, out
// of domain) of the language; an answer that differs from the pool-less model's (another intent,
// or an intent instead of none or back) counts as changed. The pool's own utterances are not
// in those sets, so a change is an unrelated sentence that moved.
//
//   npm run bench -- nlu-stability [examples per model, default 8]
// ABILITIES=clock (comma-separated) measures only those abilities' models.
import { compileModel } from "@clover/nlu";
import type { AbilityModel } from "../../packages/server/src/abilities/ability.js";
import { ALERTS_MODELS } from "../../packages/server/src/abilities/alerts/index.js";
import { clockModels } from "../../packages/server/src/abilities/clock/models.js";
import { koreanSpacing } from "../../packages/server/src/abilities/korean.js";
import { modelDocument } from "../../packages/server/src/abilities/models/compiled.js";
import type { Language } from "../../packages/server/src/assistant/turn.js";
import { LANGUAGES, loadStrangers } from "../../packages/server/test/abilities/strangers/set.js";

const pool = Number(process.argv[2] ?? 8);
const referenceTime = new Date("2026-03-07T15:00:00Z");

const heldOut = (language: Language) =>
  ["", "patterns/", "out-of-domain/"].flatMap((folder) =>
    loadStrangers(language, folder).map((s) =>
      language === "ko" ? koreanSpacing(s.text) : s.text,
    ),
  );

function answers(model: AbilityModel, name: string, texts: readonly string[]): string[] {
  const recognizer = compileModel(modelDocument({ name, model }));
  return texts.map((text) => recognizer.recognize(text, { referenceTime }).intent ?? "-");
}

/** The model with only the chosen examples of the pool (by index over all examples). */
function withPool(
  model: AbilityModel,
  pooled: Set<string>,
  keep: string | undefined,
): AbilityModel {
  return {
    ...model,
    intents: model.intents.map((intent) => ({
      ...intent,
      utterances: intent.utterances.filter((_, k) => {
        const id = `${intent.name}#${k}`;
        return !pooled.has(id) || id === keep;
      }),
    })),
  };
}

const only = process.env["ABILITIES"]?.split(",");
const abilities = Object.entries({ alerts: ALERTS_MODELS, clock: clockModels }).filter(
  ([name]) => !only || only.includes(name),
) as [string, Partial<Record<Language, AbilityModel>>][];
let totalChanged = 0;
let totalAnswers = 0;
for (const [name, models] of abilities) {
  for (const language of LANGUAGES) {
    const model = models[language];
    if (!model) continue;
    const texts = heldOut(language);
    const ids = model.intents.flatMap((intent) =>
      intent.utterances.map((_, k) => `${intent.name}#${k}`),
    );
    const step = Math.max(1, Math.floor(ids.length / pool));
    const pooled = new Set(ids.filter((_, k) => k % step === step - 1).slice(0, pool));
    const base = answers(withPool(model, pooled, undefined), name, texts);
    const changes: number[] = [];
    for (const id of pooled) {
      const next = answers(withPool(model, pooled, id), name, texts);
      changes.push(next.filter((a, k) => a !== base[k]).length);
    }
    const sum = changes.reduce((a, b) => a + b, 0);
    totalChanged += sum;
    totalAnswers += changes.length * texts.length;
    console.log(
      `${name} ${language}: ${ids.length} examples, ${texts.length} held-out utterances; ` +
        `changed per added example: ${changes.join(" ")} (mean ${(sum / changes.length).toFixed(1)})`,
    );
  }
}
console.log(
  `all: ${totalChanged} of ${totalAnswers} answers changed (${((100 * totalChanged) / totalAnswers).toFixed(2)}%)`,
);
