import { extractNumbers, normalizeText } from "./src/abilities/home/text.js";
import { understand } from "./src/abilities/home/understand.js";
import { buildVocabulary } from "./src/abilities/home/vocabulary.js";
import { phrasingDiscovery } from "./test/home/phrasing-home.js";

const [lang, ...texts] = process.argv.slice(2);
const v = buildVocabulary([phrasingDiscovery(lang as any)], lang as any);
for (const t of texts) {
  const n = normalizeText(t);
  console.log(
    JSON.stringify(n),
    v.mentions(n).map((m) => `${m.kind}:${m.text}`),
  );
  console.log(understand(t, v));
}

import { LEXICONS } from "./src/abilities/home/lexicon/index.js";

const lx = LEXICONS[lang as "ja"];
for (const t of texts) {
  const r = extractNumbers(normalizeText(t).replace("天井のライト", " @ "), lx);
  console.log(
    r,
    lx.rules.filter((x) => x.pattern.test(r.text)).map((x) => x.intent),
  );
}
