// Time to the first byte of a spoken answer: text turns through a CIC gateway over HTTP/2, the
// same two-sentence answer spoken several ways, interleaved turn by turn in one process:
//   0 no TTS · 1 streamed, flite's samples piped into lame as they are made (now)
//   · 2 streamed, flite's WAV whole, then lame (before) · 3 as 1 with the first sentence whole
//   · 4 programs started per piece · 5 WASI Flite + JavaScript LAME
//   · 6, 7 whole MP3 before the response (the first path) with either engine.
// Times count from the moment the assistant's answer exists (what an extension's answer
// becomes) to the first directive part, the first audio byte and the end of the response.
// "First sound": the first audio byte plus the silence before the first word in the audio
// (each answer's MP3 decoded by `lame --decode` after the run), when a device playing the
// audio as it arrives is heard.
//   node --conditions=@clover/source --import tsx bench/speech/answer.ts [turns] [setups]
// `setups`: a comma list of row numbers (0-7) to run only those (e.g. `0,1` under --cpu-prof).
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import http2 from "node:http2";
import { loadavg } from "node:os";
import { boundaryOf, logIn, MultipartParser } from "@clover/device";
import type { Assistant, Turn, TurnResult } from "../../packages/server/src/assistant/turn.js";
import {
  CicGateway,
  DeviceAuthority,
  MemoryAuthStore,
} from "../../packages/server/src/cic/index.js";
import type { TextToSpeech } from "../../packages/server/src/cic/speech-engines.js";
import { FliteTextToSpeech } from "../../packages/server/src/speech/tts/flite.js";

const turns = Number(process.argv[2] ?? 30);
const NUMBERS = ["one", "two", "three", "four", "five", "six"];

/** Answers every turn with two sentences (numbers vary, so no phrase repeats) and notes when. */
class TwoSentences implements Assistant {
  readonly answeredAt = new Map<string, number>();
  private count = 0;
  async handleTurn(turn: Turn): Promise<TurnResult> {
    const n = this.count++;
    const a = NUMBERS[n % 6];
    const b = NUMBERS[Math.floor(n / 6) % 6];
    const result: TurnResult = {
      speech: [
        {
          type: "PlainText",
          lang: "en",
          value: `You rolled a ${a} and a ${b}, round ${n}. Would you like to roll again?`,
        },
      ],
      directives: [],
      expectSpeech: true,
    };
    if (turn.kind === "text") this.answeredAt.set(turn.dialogRequestId, performance.now());
    return result;
  }
}

/** The previous path: the engine's whole MP3 before the response starts. */
const whole = (engine: TextToSpeech): TextToSpeech => ({
  languages: ["en"],
  synthesize: (text, language) => engine.synthesize(text, language),
});

interface Setup {
  name: string;
  tts?: TextToSpeech;
  gateway?: CicGateway;
  assistant: TwoSentences;
  url?: string;
  session?: http2.ClientHttp2Session;
  token?: string;
  directive: number[];
  audio: number[];
  end: number[];
  /** Each turn's attachment, for the silence before its first word. */
  mp3: Buffer[];
  leadIn?: number[];
  sound?: number[];
}

const native = new FliteTextToSpeech();
const nativeWav = new FliteTextToSpeech({ streamSamples: false });
const nativeWholeFirst = new FliteTextToSpeech({ shortFirstPiece: false });
const nativeCold = new FliteTextToSpeech({ prestart: false });
const wasi = new FliteTextToSpeech({ engine: "wasi" });
if (native.engine !== "native")
  console.log("(Debian flite is not installed: both engines are WASI)");
const setups: Setup[] = [
  { name: "no TTS" },
  { name: "streamed, samples piped into lame as made (now)", tts: native },
  { name: "streamed, WAV whole then lame (before)", tts: nativeWav },
  { name: "streamed, samples piped, first sentence whole", tts: nativeWholeFirst },
  { name: "streamed, programs started per piece", tts: nativeCold },
  { name: "streamed, WASI Flite + JS LAME", tts: wasi },
  { name: "whole MP3 first, flite + lame programs", tts: whole(native) },
  { name: "whole MP3 first, WASI Flite + JS LAME", tts: whole(wasi) },
]
  .map((s) => ({
    ...s,
    assistant: new TwoSentences(),
    directive: [],
    audio: [],
    end: [],
    mp3: [],
  }))
  .filter((_, i) => !process.argv[3] || process.argv[3].split(",").map(Number).includes(i));

for (const setup of setups) {
  const authority = new DeviceAuthority(new MemoryAuthStore());
  setup.gateway = new CicGateway({
    assistant: setup.assistant,
    authority,
    requireDownchannel: false,
    ...(setup.tts ? { tts: setup.tts } : {}),
  });
  const { port } = await setup.gateway.listen(0);
  const url = `http://127.0.0.1:${port}`;
  const { clientId, clientSecret } = await authority.registerClient("bench");
  const tokens = await logIn({ url, clientId, clientSecret, deviceId: "d1", modelId: "B-1" });
  setup.token = tokens.access_token;
  setup.url = url;
}

function turn(setup: Setup): Promise<void> {
  const dialogRequestId = randomUUID();
  const boundary = "bench";
  const metadata = JSON.stringify({
    context: [],
    event: {
      header: {
        namespace: "TextRecognizer",
        name: "Recognize",
        messageId: randomUUID(),
        dialogRequestId,
      },
      payload: { text: "roll the dice" },
    },
  });
  // Connected at its first turn: a connection that sends no request within the gateway's
  // headers timeout (10 s) is closed, and the setups before this one can take longer than that.
  if (!setup.session || setup.session.destroyed) setup.session = http2.connect(setup.url!);
  const stream = setup.session.request({
    ":method": "POST",
    ":path": "/v1/events",
    authorization: `Bearer ${setup.token}`,
    "content-type": `multipart/form-data; boundary=${boundary}`,
  });
  stream.end(
    `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json\r\n\r\n${metadata}\r\n--${boundary}--\r\n`,
  );
  return new Promise((resolve, reject) => {
    let firstDirective = 0;
    let firstAudio = 0;
    let raw = Buffer.alloc(0);
    let mp3: Buffer | undefined;
    stream.on("response", (headers) => {
      const parser = new MultipartParser(
        boundaryOf(String(headers["content-type"])) ?? "",
        (part) => {
          firstDirective ||= performance.now();
          if (part.headers["content-id"]) mp3 = part.body;
        },
      );
      stream.on("data", (chunk: Buffer) => {
        parser.push(chunk);
        if (!setup.tts || firstAudio) return;
        raw = Buffer.concat([raw, chunk]);
        const header = raw.indexOf("Content-ID:");
        const body = header < 0 ? -1 : raw.indexOf("\r\n\r\n", header);
        if (body >= 0 && raw.length > body + 4) firstAudio = performance.now();
      });
    });
    stream.on("error", reject);
    stream.on("close", () => {
      const answered = setup.assistant.answeredAt.get(dialogRequestId);
      if (!answered || !firstDirective) return reject(new Error(`${setup.name}: no answer`));
      setup.directive.push(firstDirective - answered);
      if (firstAudio) setup.audio.push(firstAudio - answered);
      if (mp3) setup.mp3.push(mp3);
      setup.end.push(performance.now() - answered);
      resolve();
    });
  });
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

const load0 = loadavg();
for (const setup of setups) for (let i = 0; i < 3; i++) await turn(setup); // warm up
for (const setup of setups) {
  setup.directive.length = 0;
  setup.audio.length = 0;
  setup.end.length = 0;
  setup.mp3.length = 0;
}
for (let i = 0; i < turns; i++) {
  // Rotate the order each round so no setup always runs right after another.
  for (let j = 0; j < setups.length; j++) await turn(setups[(i + j) % setups.length]!);
}
const load1 = loadavg();

/** Milliseconds of silence before the first sound of an MP3 (decoded to raw 24 kHz samples). */
function leadInMs(mp3: Buffer): number {
  const decoded = spawnSync("lame", ["--silent", "--decode", "--mp3input", "-t", "-", "-"], {
    input: mp3,
    maxBuffer: 64 * 1024 * 1024,
  });
  const samples = new Int16Array(
    decoded.stdout.buffer,
    decoded.stdout.byteOffset,
    decoded.stdout.length >> 1,
  );
  const first = samples.findIndex((x) => Math.abs(x) >= 300);
  return first < 0 ? Number.NaN : first / 24;
}
for (const s of setups) {
  const leadIns = s.mp3.map(leadInMs);
  s.sound = s.audio.map((t, i) => t + (leadIns[i] ?? Number.NaN));
  s.leadIn = leadIns;
}

const ms = (v: number) => (Number.isNaN(v) ? "—" : v.toFixed(1));
console.log(
  `${turns} turns per setup, interleaved; load average ${load0.map((l) => l.toFixed(2)).join(" ")} → ${load1.map((l) => l.toFixed(2)).join(" ")}`,
);
console.log(
  "| setup | first directive p50 / p99 ms | first audio byte p50 / p99 ms | silence before the first word p50 ms | first sound p50 / p99 ms | whole answer p50 / p99 ms |",
);
console.log("|---|---|---|---|---|---|");
for (const s of setups) {
  console.log(
    `| ${s.name} | ${ms(quantile(s.directive, 0.5))} / ${ms(quantile(s.directive, 0.99))} | ${ms(quantile(s.audio, 0.5))} / ${ms(quantile(s.audio, 0.99))} | ${ms(quantile(s.leadIn ?? [], 0.5))} | ${ms(quantile(s.sound ?? [], 0.5))} / ${ms(quantile(s.sound ?? [], 0.99))} | ${ms(quantile(s.end, 0.5))} / ${ms(quantile(s.end, 0.99))} |`,
  );
}

for (const setup of setups) {
  setup.session?.close();
  await setup.gateway?.close();
}
await Promise.all([
  native.close(),
  nativeWav.close(),
  nativeWholeFirst.close(),
  nativeCold.close(),
  wasi.close(),
]);
