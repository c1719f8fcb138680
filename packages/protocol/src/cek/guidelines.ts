// Content guidelines for responses: not enforced by CEK, reported as warnings for the CLI,
// the console and SDK test kits (cek-custom-extension.md §4.4, §4.5, §4.6, §10). The
// "sound effect only first" rule is left out: a URL item may as well be music or recorded
// speech (the seed plays a song after a sentence), which the message cannot tell apart.
import type { CekResponse } from "./response.js";
import type { OutputSpeech, SpeechInfoObject } from "./speech.js";

export type CekGuidelineCode =
  | "too-many-speech-items"
  | "speech-too-long"
  | "url-not-https"
  | "reprompt-ignored"
  | "card-ignored";

export interface CekGuidelineWarning {
  readonly code: CekGuidelineCode;
  readonly path: string;
  readonly message: string;
}

/** At most 10 items and about 500 characters of speech per response (§4.4, §10). */
export const CEK_MAX_SPEECH_ITEMS = 10;
export const CEK_MAX_SPEECH_CHARACTERS = 500;

/** A rendering a client may play: its items, its path, and each item's path. */
type Rendering = [items: SpeechInfoObject[], path: string, itemPath: (i: number) => string];

/** The renderings of an outputSpeech (a SpeechSet has two: brief and verbose). */
function renderings(speech: OutputSpeech, path: string): Rendering[] {
  if (speech.type === undefined) return [];
  if (speech.type === "SpeechSet") {
    const brief = `${path}.brief`;
    return [[[speech.brief], brief, () => brief], ...renderings(speech.verbose, `${path}.verbose`)];
  }
  const values = `${path}.values`;
  if (Array.isArray(speech.values)) return [[speech.values, values, (i) => `${values}[${i}]`]];
  return [[[speech.values], values, () => values]];
}

function checkRendering([items, path, at]: Rendering, out: CekGuidelineWarning[]) {
  const warn = (code: CekGuidelineCode, where: string, message: string) =>
    out.push({ code, path: where, message: `${where}: ${message}` });
  if (items.length > CEK_MAX_SPEECH_ITEMS)
    warn("too-many-speech-items", path, `${items.length} items, at most ${CEK_MAX_SPEECH_ITEMS}`);
  const characters = items
    .filter((i) => i.type === "PlainText")
    .reduce((n, i) => n + [...i.value].length, 0);
  if (characters > CEK_MAX_SPEECH_CHARACTERS)
    warn("speech-too-long", path, `${characters} characters, about 500 at most`);
  items.forEach((item, i) => {
    if (item.type === "URL" && !/^https:\/\//i.test(item.value))
      warn("url-not-https", `${at(i)}.value`, "audio must be an MP3 served over HTTPS");
  });
}

/** Guideline warnings for a canonical response (see normalizeCekResponse). */
export function cekGuidelineWarnings(response: CekResponse): CekGuidelineWarning[] {
  const out: CekGuidelineWarning[] = [];
  const r = response.response;
  const speeches: [OutputSpeech, string][] = [[r.outputSpeech, "response.outputSpeech"]];
  if (r.reprompt) speeches.push([r.reprompt.outputSpeech, "response.reprompt.outputSpeech"]);
  for (const [speech, path] of speeches)
    for (const rendering of renderings(speech, path)) checkRendering(rendering, out);
  if (r.reprompt && r.shouldEndSession)
    out.push({
      code: "reprompt-ignored",
      path: "response.reprompt",
      message: "response.reprompt: only used when shouldEndSession is false",
    });
  if (Object.keys(r.card).length > 0)
    out.push({
      code: "card-ignored",
      path: "response.card",
      message: "response.card: not supported for custom extensions; send {}",
    });
  return out;
}
