// Voice activity detection with the WebRTC VAD (libfvad, BSD-3-Clause, WASM build) plus a level
// gate, on 30 ms frames of 16 kHz audio.
import createFvad, { type FvadModule } from "@echogarden/fvad-wasm";
import { DEVICE_SAMPLE_RATE, rms } from "./pcm.js";

export const FRAME_SAMPLES = (DEVICE_SAMPLE_RATE * 30) / 1000;
export const FRAME_MS = 30;

let fvad: Promise<FvadModule> | undefined;

export interface VadOptions {
  /** 0 (least) … 3 (most aggressive about calling frames non-speech); default 3. */
  mode?: 0 | 1 | 2 | 3;
  /** Frames quieter than this RMS level never count as speech (default 200 ≈ −44 dBFS). */
  minLevel?: number;
}

export class VoiceActivityDetector {
  private constructor(
    private readonly mod: FvadModule,
    private readonly instance: number,
    private readonly buffer: number,
    private readonly minLevel: number,
  ) {}

  static async create(options: VadOptions = {}): Promise<VoiceActivityDetector> {
    fvad ??= createFvad();
    const mod = await fvad;
    const instance = mod._fvad_new();
    if (!instance) throw new Error("cannot create a voice activity detector");
    mod._fvad_set_mode(instance, options.mode ?? 3);
    mod._fvad_set_sample_rate(instance, DEVICE_SAMPLE_RATE);
    const buffer = mod._malloc(FRAME_SAMPLES * 2);
    return new VoiceActivityDetector(mod, instance, buffer, options.minLevel ?? 200);
  }

  /** Whether one frame of FRAME_SAMPLES samples holds speech. */
  isSpeech(frame: Int16Array): boolean {
    if (rms(frame) < this.minLevel) return false;
    this.mod.HEAP16.set(frame, this.buffer >> 1);
    return this.mod._fvad_process(this.instance, this.buffer, FRAME_SAMPLES) === 1;
  }

  free(): void {
    this.mod._fvad_free(this.instance);
    this.mod._free(this.buffer);
  }
}
