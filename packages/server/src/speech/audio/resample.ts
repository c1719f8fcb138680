// Sample-rate conversion with the Speex resampler (BSD-3-Clause, WASM build).
import createSpeex, { type SpeexModule } from "@echogarden/speex-resampler-wasm";
import type { Pcm } from "./pcm.js";

let speex: Promise<SpeexModule> | undefined;

/** Quality 0..10 of the Speex resampler; 7 is transparent for speech. */
const QUALITY = 7;

export async function resample(pcm: Pcm, targetRate: number): Promise<Pcm> {
  if (pcm.sampleRate === targetRate || pcm.samples.length === 0) {
    return { sampleRate: targetRate, samples: pcm.samples };
  }
  speex ??= createSpeex();
  const mod = await speex;
  const errorPointer = mod._malloc(4);
  const state = mod._speex_resampler_init(1, pcm.sampleRate, targetRate, QUALITY, errorPointer);
  mod._free(errorPointer);
  if (!state) throw new Error(`cannot resample ${pcm.sampleRate} Hz to ${targetRate} Hz`);
  try {
    // Feed the input followed by enough zeros to flush the filter's delay line.
    const latency = mod._speex_resampler_get_output_latency(state);
    const padIn = Math.ceil((latency * pcm.sampleRate) / targetRate) + 1;
    const input = new Int16Array(pcm.samples.length + padIn);
    input.set(pcm.samples);
    const capacity = Math.ceil((input.length * targetRate) / pcm.sampleRate) + 16;
    const inPtr = mod._malloc(input.length * 2);
    const outPtr = mod._malloc(capacity * 2);
    const lengths = mod._malloc(8);
    try {
      mod.HEAP16.set(input, inPtr >> 1);
      mod.HEAP32[lengths >> 2] = input.length;
      mod.HEAP32[(lengths >> 2) + 1] = capacity;
      mod._speex_resampler_process_int(state, 0, inPtr, lengths, outPtr, lengths + 4);
      const produced = mod.HEAP32[(lengths >> 2) + 1] ?? 0;
      const wanted = Math.round((pcm.samples.length * targetRate) / pcm.sampleRate);
      const all = mod.HEAP16.slice(outPtr >> 1, (outPtr >> 1) + produced);
      return { sampleRate: targetRate, samples: all.slice(latency, latency + wanted) };
    } finally {
      mod._free(inPtr);
      mod._free(outPtr);
      mod._free(lengths);
    }
  } finally {
    mod._speex_resampler_destroy(state);
  }
}
