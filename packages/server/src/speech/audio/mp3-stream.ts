// PCM pieces (the sentences of one answer, in order) → one MP3 stream of cic.md §11.1, handed
// out chunk by chunk as it is encoded. With Debian's `lame` program installed, one `lame`
// process per answer resamples and encodes (about 20× less CPU than the JavaScript port, and
// off the event loop); otherwise LAME's JavaScript port encodes in process.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { Mp3Encoder } from "@breezystack/lamejs";
import { MP3_BITRATE_KBPS, MP3_SAMPLE_RATE } from "./mp3.js";
import { type Pcm, samplesToBytes } from "./pcm.js";
import { resample } from "./resample.js";

/** Samples per MPEG-2 layer III frame at 24 kHz. */
const FRAME = 576;

export interface Mp3StreamOptions {
  /** Path of the `lame` program; undefined: the JavaScript encoder. */
  lame?: string | undefined;
}

export function encodeMp3Stream(
  pieces: AsyncIterable<Pcm>,
  options: Mp3StreamOptions = {},
): AsyncGenerator<Buffer> {
  return options.lame ? viaLameProgram(options.lame, pieces) : viaLameJs(pieces);
}

/** Plain bytes of a view the encoder reuses. */
function copyOut(out: { buffer: ArrayBufferLike; byteOffset: number; length: number }): Buffer {
  return Buffer.from(new Uint8Array(out.buffer, out.byteOffset, out.length));
}

async function* viaLameJs(pieces: AsyncIterable<Pcm>): AsyncGenerator<Buffer> {
  const encoder = new Mp3Encoder(1, MP3_SAMPLE_RATE, MP3_BITRATE_KBPS);
  for await (const pcm of pieces) {
    const { samples } = await resample(pcm, MP3_SAMPLE_RATE);
    const chunks: Buffer[] = [];
    for (let i = 0; i < samples.length; i += FRAME * 8) {
      chunks.push(copyOut(encoder.encodeBuffer(samples.subarray(i, i + FRAME * 8))));
    }
    const bytes = Buffer.concat(chunks);
    if (bytes.length > 0) yield bytes;
  }
  const tail = copyOut(encoder.flush());
  if (tail.length > 0) yield tail;
}

function lameArguments(sampleRate: number): string[] {
  return [
    "--silent",
    "--flush", // hand out each frame at once instead of filling a 4 KiB buffer first
    "-r",
    "-s",
    String(sampleRate / 1000),
    "--bitwidth",
    "16",
    "--signed",
    "--little-endian",
    "-m",
    "m",
    "--resample",
    String(MP3_SAMPLE_RATE / 1000),
    "--cbr",
    "-b",
    String(MP3_BITRATE_KBPS),
    "-t", // no LAME/Xing tag frame
    "--noreplaygain",
    "-",
    "-",
  ];
}

async function* viaLameProgram(
  command: string,
  pieces: AsyncIterable<Pcm>,
): AsyncGenerator<Buffer> {
  const iterator = pieces[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const rate = first.value.sampleRate;
  const child = spawn(command, lameArguments(rate), { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new Error(`${command} is not installed (Debian package lame)`)
          : error,
      ),
    );
    child.once("close", (code) => resolve(code));
  });
  exited.catch(() => {});
  child.stdin.on("error", () => {});
  const feeding = (async () => {
    let piece: IteratorResult<Pcm> = first;
    while (!piece.done) {
      if (piece.value.sampleRate !== rate) {
        throw new Error(`PCM at ${piece.value.sampleRate} Hz after ${rate} Hz in one answer`);
      }
      if (!child.stdin.write(samplesToBytes(piece.value.samples))) {
        await Promise.race([once(child.stdin, "drain"), exited]);
      }
      piece = await iterator.next();
    }
    child.stdin.end();
  })();
  let failure: unknown;
  feeding.catch((error) => {
    failure = error;
    child.kill("SIGKILL");
  });
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const code = await exited;
    await feeding;
    if (failure) throw failure;
    if (code !== 0) throw new Error(`${command} exited with code ${code}: ${stderr.trim()}`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    void iterator.return?.();
  }
}
