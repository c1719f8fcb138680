// Reads a SpeechRecognizer.Recognize upload as it streams in (cic.md §10): checks the format,
// finds the end of the utterance with voice activity detection, enforces the time limits our
// server chose for the UNSPECIFIED ends of capture, and hands the audio to a recognizer.
import type { Readable } from "node:stream";
import { EXPECTED_FORMAT, SpeechInputError } from "./errors.js";
import { DEVICE_SAMPLE_RATE, readWavHeader, rms } from "./pcm.js";
import { FRAME_MS, FRAME_SAMPLES, type VadOptions, VoiceActivityDetector } from "./vad.js";

export interface CaptureLimits {
  /** Silence after speech that ends the utterance (default 700 ms). */
  trailingSilenceMs: number;
  /** Speech needed before it counts as the start of the utterance (default 120 ms). */
  onsetMs: number;
  /** No speech within this time from the start → give up (cic.md §10: 8 s). */
  noSpeechTimeoutMs: number;
  /** Hard cap on audio per request (cic.md §10: 20 s). */
  maxAudioMs: number;
  /** No bytes for this long while the body is open → end of speech (cic.md §10: 5 s). */
  idleTimeoutMs: number;
  /**
   * Silence after speech at which the recognizer is asked whether the request is whole. The
   * question is asked once the slice that brought the silence has been read, so the answer is
   * ready when the next slice arrives (which usually decides the end).
   */
  earlyProbeMs: number;
  /**
   * Silence that ends a request the recognizer called whole (0 turns early ends off).
   * Otherwise the full trailingSilenceMs applies.
   */
  earlySilenceMs: number;
  /**
   * Silence that ends a request the recognizer called closed: whole, and nothing the grammar
   * lets follow could change it (0: treat it like any whole request). The probe is asked once
   * the silence reached earlyProbeMs, so that is the shortest this can act.
   */
  closedSilenceMs: number;
  /**
   * Quiet frames (QUIET_LEVEL) any early end needs at its end (0: none). The voice detector's
   * silence may end in the weak start of the next word, which the recognizer already hears as
   * one ("ask dice to roll" + pause + "th…" was heard "ask dice to roll it", a whole request).
   */
  earlyQuietMs: number;
}

export const DEFAULT_CAPTURE_LIMITS: CaptureLimits = {
  trailingSilenceMs: 700,
  onsetMs: 120,
  noSpeechTimeoutMs: 8000,
  maxAudioMs: 20000,
  idleTimeoutMs: 5000,
  earlyProbeMs: 90,
  earlySilenceMs: 210,
  closedSilenceMs: 90,
  earlyQuietMs: 60,
};

/**
 * A frame is quiet when its level is at most this (≈ −56 dBFS) or twice the quietest frame of
 * the upload (the room's noise floor), whichever is higher.
 */
export const QUIET_LEVEL = 50;

/** What the recognizer offers the end-pointer for ending a request sooner. */
export interface EarlyEnd {
  /**
   * Finish the hypothesis of what was heard so far: "whole" when it is a whole request,
   * "closed" when nothing that may follow could change it either, else "open".
   */
  probe(): Promise<"open" | "whole" | "closed">;
  /** Speech went on after a probe: keep recognizing the whole utterance. */
  resume(): void;
}

export type CaptureEnd =
  | "end-of-speech"
  | "end-of-stream"
  | "no-speech"
  | "max-audio"
  | "idle"
  | "aborted";

export interface CaptureResult {
  end: CaptureEnd;
  /** The utterance ended after the short silence because the request was whole. */
  early: boolean;
  /** It ended after the shortest silence, the request being closed (implies early). */
  closed: boolean;
  heardSpeech: boolean;
  audioMs: number;
}

export interface CaptureOptions {
  limits?: Partial<CaptureLimits>;
  vad?: VadOptions;
  /** Receives the audio bytes in order (always whole samples). */
  onAudio: (pcm: Buffer) => void;
  /** Called once when capture stops for any reason but the end of the stream (→ StopCapture). */
  onEndOfSpeech?: () => void;
  /** Lets the end-pointer end a whole request after earlySilenceMs (see EarlyEnd). */
  early?: EarlyEnd;
  signal?: AbortSignal;
}

/** Rejects uploads that are clearly not raw PCM: WAV, MP3, Ogg, FLAC, WebM containers. */
export function checkAudioStart(head: Buffer): void {
  const wav = readWavHeader(head);
  if (wav) {
    throw new SpeechInputError(
      `the audio part is a WAV file (RIFF header; ${wav.sampleRate} Hz, ${wav.channels} channel(s), ${wav.bitsPerSample}-bit); send ${EXPECTED_FORMAT}`,
    );
  }
  const magic = head.toString("latin1", 0, 4);
  const kinds: [boolean, string][] = [
    [magic.startsWith("ID3") || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0), "MP3"],
    [magic === "OggS", "Ogg"],
    [magic === "fLaC", "FLAC"],
    [head.readUInt32BE(0) === 0x1a45dfa3, "WebM/Matroska"],
  ];
  for (const [match, kind] of kinds) {
    if (match)
      throw new SpeechInputError(`the audio part looks like ${kind}; send ${EXPECTED_FORMAT}`);
  }
}

/** Streams the upload through format checks and the end-pointer; resolves when capture stops. */
export async function captureSpeech(
  audio: Readable,
  options: CaptureOptions,
): Promise<CaptureResult> {
  const limits = { ...DEFAULT_CAPTURE_LIMITS, ...options.limits };
  // The upload may fail while the detector is made: kept (audio.errored) and reported below.
  const early = () => {};
  audio.on("error", early);
  const vad = await VoiceActivityDetector.create(options.vad).finally(() =>
    audio.off("error", early),
  );
  return new Promise<CaptureResult>((resolve, reject) => {
    let pending: Buffer = Buffer.alloc(0);
    let checked = false;
    let samples = 0;
    let speechRun = 0;
    let silenceRun = 0;
    let quietRun = 0;
    let floor = Number.POSITIVE_INFINITY;
    let heardSpeech = false;
    let done = false;
    let received = 0;
    // The probe of the current pause: undefined while speaking; whole is set when it answers.
    let probe: { verdict?: "open" | "whole" | "closed" } | undefined;
    let early = false;
    let closed = false;
    const ms = () => Math.round((samples / DEVICE_SAMPLE_RATE) * 1000);
    const receivedMs = () => Math.round((received / 2 / DEVICE_SAMPLE_RATE) * 1000);
    let idleTimer = setTimeout(() => finish("idle"), limits.idleTimeoutMs);

    const cleanup = () => {
      done = true;
      clearTimeout(idleTimer);
      audio.off("data", onData);
      audio.off("end", onEnd);
      audio.off("error", onError);
      audio.off("close", onClose);
      options.signal?.removeEventListener("abort", onAbort);
      vad.free();
      // Audio that still arrives is read and discarded (cic.md §10).
      audio.on("error", () => {});
      audio.resume();
    };
    const finish = (end: CaptureEnd) => {
      if (done) return;
      cleanup();
      if (end !== "end-of-stream") options.onEndOfSpeech?.();
      resolve({ end, early, closed, heardSpeech, audioMs: ms() });
    };
    const fail = (error: Error) => {
      if (done) return;
      cleanup();
      reject(error);
    };
    const endEarly = () => {
      const verdict = probe?.verdict;
      if (done || verdict === undefined || verdict === "open") return false;
      if (quietRun < limits.earlyQuietMs) return false;
      const shortest =
        verdict === "closed" && limits.closedSilenceMs > 0 && silenceRun >= limits.closedSilenceMs;
      if (!shortest && silenceRun < limits.earlySilenceMs) return false;
      early = true;
      closed = shortest && silenceRun < limits.earlySilenceMs;
      finish("end-of-speech");
      return true;
    };
    const startProbe = () => {
      const current: { verdict?: "open" | "whole" | "closed" } = {};
      probe = current;
      options.early?.probe().then(
        (verdict) => {
          current.verdict = verdict;
          if (probe === current) endEarly();
        },
        () => {
          current.verdict = "open";
        },
      );
    };
    const onFrame = (frame: Int16Array) => {
      const level = rms(frame);
      floor = Math.min(floor, level);
      if (level <= Math.max(QUIET_LEVEL, 2 * floor)) quietRun += FRAME_MS;
      else quietRun = 0;
      if (vad.isSpeech(frame)) {
        speechRun += FRAME_MS;
        silenceRun = 0;
        quietRun = 0;
        if (speechRun >= limits.onsetMs) heardSpeech = true;
        if (probe) {
          probe = undefined;
          options.early?.resume();
        }
      } else {
        speechRun = 0;
        silenceRun += FRAME_MS;
      }
      if (endEarly()) return;
      if (heardSpeech && silenceRun >= limits.trailingSilenceMs) finish("end-of-speech");
      else if (!heardSpeech && ms() >= limits.noSpeechTimeoutMs) finish("no-speech");
      else if (ms() >= limits.maxAudioMs) finish("max-audio");
    };
    const onData = (chunk: Buffer) => {
      if (done) return;
      received += chunk.length;
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => finish("idle"), limits.idleTimeoutMs);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      if (!checked) {
        if (pending.length < 12) return;
        try {
          checkAudioStart(pending);
        } catch (error) {
          fail(error as Error);
          return;
        }
        checked = true;
      }
      const whole = pending.length - (pending.length % (FRAME_SAMPLES * 2));
      if (whole === 0) return;
      const bytes = pending.subarray(0, whole);
      pending = pending.subarray(whole);
      options.onAudio(bytes);
      for (let at = 0; at < bytes.length && !done; at += FRAME_SAMPLES * 2) {
        const frame = new Int16Array(FRAME_SAMPLES);
        for (let i = 0; i < FRAME_SAMPLES; i++) frame[i] = bytes.readInt16LE(at + i * 2);
        samples += FRAME_SAMPLES;
        onFrame(frame);
      }
      if (
        !done &&
        heardSpeech &&
        options.early &&
        limits.earlySilenceMs > 0 &&
        !probe &&
        silenceRun >= limits.earlyProbeMs &&
        silenceRun < limits.trailingSilenceMs
      )
        startProbe();
    };
    const onEnd = () => {
      if (pending.length % 2 === 1) {
        fail(
          new SpeechInputError(
            `the audio part has an odd number of bytes (${samples * 2 + pending.length}); send ${EXPECTED_FORMAT}`,
          ),
        );
        return;
      }
      if (pending.length >= 2) options.onAudio(pending.subarray(0, pending.length));
      samples += pending.length / 2;
      finish("end-of-stream");
    };
    const onError = (error: Error) =>
      fail(
        new SpeechInputError(`the audio upload failed after ${receivedMs()} ms: ${error.message}`),
      );
    const onClose = () =>
      fail(
        new SpeechInputError(
          `the audio upload was cut off after ${receivedMs()} ms (the stream closed before its end)`,
        ),
      );
    const onAbort = () => fail(new Error("speech recognition was aborted"));
    if (options.signal?.aborted) return fail(new Error("speech recognition was aborted"));
    options.signal?.addEventListener("abort", onAbort);
    audio.on("data", onData);
    audio.on("end", onEnd);
    audio.on("error", onError);
    audio.on("close", onClose);
    // Failed or closed before the listeners were attached: no event will come.
    if (audio.errored) onError(audio.errored);
    else if (audio.destroyed) onClose();
  });
}
