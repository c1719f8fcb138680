// Response content guidelines reported as warnings (cek-custom-extension.md §4.4–§4.6, §10).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { type CekResponse, cekGuidelineWarnings, normalizeCekResponse } from "../src/index.js";

const dir = new URL("./fixtures/cek/response/", import.meta.url);
function canonical(raw: unknown): CekResponse {
  const result = normalizeCekResponse(raw);
  if (!result.ok) assert.fail(result.issues.map((i) => i.message).join("; "));
  return result.value;
}
const text = (value: string) => ({ type: "PlainText", lang: "en", value });
const url = (value: string) => ({ type: "URL", lang: "", value });
const warnings = (response: Record<string, unknown>) =>
  cekGuidelineWarnings(canonical({ response })).map((w) => w.message);

describe("cekGuidelineWarnings", () => {
  it("finds nothing to say about the specification's examples", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    assert.ok(files.length > 0);
    for (const file of files) {
      const response = canonical(JSON.parse(readFileSync(new URL(file, dir), "utf8")));
      assert.deepEqual(cekGuidelineWarnings(response), [], file);
    }
  });

  it("counts items and characters per rendering", () => {
    const eleven = Array.from({ length: 11 }, (_, i) => text(`Item ${i}.`));
    assert.deepEqual(warnings({ outputSpeech: { type: "SpeechList", values: eleven } }), [
      "response.outputSpeech.values: 11 items, at most 10",
    ]);
    const long = text("あ".repeat(501));
    assert.deepEqual(
      warnings({
        outputSpeech: {
          type: "SpeechSet",
          brief: text("Short."),
          verbose: { type: "SimpleSpeech", values: long },
        },
      }),
      ["response.outputSpeech.verbose.values: 501 characters, about 500 at most"],
    );
  });

  it("wants HTTPS audio", () => {
    const values = [url("https://example.org/a.mp3"), text("Hi."), url("http://example.org/b.mp3")];
    assert.deepEqual(warnings({ outputSpeech: { type: "SpeechList", values } }), [
      "response.outputSpeech.values[2].value: audio must be an MP3 served over HTTPS",
    ]);
  });

  it("notes a reprompt that cannot be used and a card that is ignored", () => {
    const reprompt = { outputSpeech: { type: "SimpleSpeech", values: text("Again?") } };
    assert.deepEqual(warnings({ reprompt, card: { type: "ImageText" }, shouldEndSession: true }), [
      "response.reprompt: only used when shouldEndSession is false",
      "response.card: not supported for custom extensions; send {}",
    ]);
    assert.deepEqual(warnings({ reprompt, shouldEndSession: false }), []);
  });
});
