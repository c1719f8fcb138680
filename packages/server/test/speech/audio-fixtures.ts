// Audio for the recognizer tests: synthesised commands framed by silence, noise, streams.
import { Readable } from "node:stream";
import { samplesToBytes } from "../../src/speech/audio/pcm.js";
import type { FliteTextToSpeech } from "../../src/speech/tts/flite.js";

/** 16 kHz PCM bytes of the phrase with `before`/`after` seconds of silence around it. */
export async function spoken(
  flite: FliteTextToSpeech,
  text: string,
  before = 0.3,
  after = 1.2,
): Promise<Buffer> {
  const pcm = await flite.synthesizePcm(text);
  const out = new Int16Array(pcm.samples.length + Math.round((before + after) * 16000));
  out.set(pcm.samples, Math.round(before * 16000));
  return samplesToBytes(out);
}

/** Deterministic white noise at the given peak level. */
export function noise(seconds: number, level = 8000): Buffer {
  let seed = 12345;
  const out = new Int16Array(Math.round(seconds * 16000));
  for (let i = 0; i < out.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out[i] = Math.round(((seed / 0x7fffffff) * 2 - 1) * level);
  }
  return samplesToBytes(out);
}

/** A stream of 200 ms slices (cic.md §10). */
export function slices(pcm: Buffer, size = 6400): Readable {
  const parts: Buffer[] = [];
  for (let at = 0; at < pcm.length; at += size) parts.push(pcm.subarray(at, at + size));
  return Readable.from(parts);
}

/** Whether a process id is still running. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The phrase without the synthesizer's own leading and trailing silence. */
export async function trimmed(flite: FliteTextToSpeech, text: string): Promise<Int16Array> {
  const { samples } = await flite.synthesizePcm(text);
  const loud = (s: number) => Math.abs(s) > 300;
  const first = samples.findIndex(loud);
  const last = samples.findLastIndex(loud);
  return first < 0 ? samples.subarray(0, 0) : samples.subarray(first, last + 1);
}

/** Pieces of speech (Int16Array) and silences (seconds) one after the other, as PCM bytes. */
export function joined(...parts: (Int16Array | number)[]): Buffer {
  const pieces = parts.map((p) =>
    typeof p === "number" ? new Int16Array(Math.round(p * 16000)) : p,
  );
  const out = new Int16Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return samplesToBytes(out);
}

/**
 * Ends `audio` (left open after its last bytes) once the capture has read all of it and every
 * grammar probe it asked has answered (a pause inside the speech may have asked one too):
 * after those answers, each acted on at once, nothing can end the capture early any more. Call
 * it right after `recognize` (before its capture can have started). Waits for states, not for
 * a time: a loaded machine answers the probe late, and the test still sees what it decided.
 */
export async function endAfterProbes(
  asr: { earlyStats: { probes: number; probeMs: number[] } },
  audio: Readable,
): Promise<void> {
  const asked = asr.earlyStats.probes;
  const answered = asr.earlyStats.probeMs.length;
  const settled = () =>
    audio.readableLength === 0 &&
    asr.earlyStats.probes > asked &&
    asr.earlyStats.probeMs.length - answered === asr.earlyStats.probes - asked;
  // Only a hung run meets this bound.
  const deadline = Date.now() + 60_000;
  while (!settled()) {
    if (Date.now() > deadline)
      throw new Error("the capture did not read its audio, or a grammar probe never answered");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  audio.push(null);
}
