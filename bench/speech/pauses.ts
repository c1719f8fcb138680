// What a listener hears of the joins: the two-sentence answer of bench/speech/answer.ts made
// by each way of streaming it, decoded back (`lame --decode`, 24 kHz) and listed as pauses of
// at least 60 ms below level 300 (start + length in ms). Flite says the whole sentence with a
// ~100 ms pause at its comma; pieces made separately add their own lead-in and ending.
//   node --conditions=@clover/source --import tsx bench/speech/pauses.ts
import { spawnSync } from "node:child_process";
import { FliteTextToSpeech } from "../../packages/server/src/speech/tts/flite.js";

const text = "You rolled a four and a six, round 12. Would you like to roll again?";
const engines = {
  "now (cut at the comma, silence at the cut and before the first word trimmed)":
    new FliteTextToSpeech(),
  "before (cut at the comma, WAV whole)": new FliteTextToSpeech({ streamSamples: false }),
  "first sentence whole, lead-in trimmed": new FliteTextToSpeech({ shortFirstPiece: false }),
  "first sentence whole, nothing trimmed": new FliteTextToSpeech({
    shortFirstPiece: false,
    trimLeadIn: false,
  }),
};
for (const [name, e] of Object.entries(engines)) {
  await e.synthesize("warm up. the pipes.", "en");
  const mp3 = (await e.synthesize(text, "en"))!;
  const raw = spawnSync("lame", ["--silent", "--decode", "--mp3input", "-t", "-", "-"], {
    input: mp3,
  }).stdout;
  const s = new Int16Array(raw.buffer, raw.byteOffset, raw.length >> 1);
  const pauses: string[] = [];
  let run = 0;
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    const quiet = i < s.length && Math.abs(s[i]!) < 300;
    if (quiet) {
      if (run === 0) start = i;
      run++;
    } else {
      if (run >= 24 * 60) pauses.push(`${(start / 24).toFixed(0)}+${(run / 24).toFixed(0)}`);
      run = 0;
    }
  }
  console.log(
    name,
    "audio",
    (s.length / 24).toFixed(0),
    "ms; pauses ≥60 ms (at+length):",
    pauses.join(" "),
  );
  await e.close();
}
