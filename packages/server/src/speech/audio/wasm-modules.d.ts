// Types for the Emscripten builds of the audio libraries (they ship none).
interface EmscriptenHeap {
  HEAP16: Int16Array;
  HEAP32: Int32Array;
  HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(pointer: number): void;
}

declare module "@echogarden/speex-resampler-wasm" {
  export interface SpeexModule extends EmscriptenHeap {
    _speex_resampler_init(
      channels: number,
      inRate: number,
      outRate: number,
      quality: number,
      errorPointer: number,
    ): number;
    _speex_resampler_process_int(
      state: number,
      channel: number,
      input: number,
      inputLength: number,
      output: number,
      outputLength: number,
    ): number;
    _speex_resampler_get_output_latency(state: number): number;
    _speex_resampler_destroy(state: number): void;
  }
  const factory: () => Promise<SpeexModule>;
  export default factory;
}

declare module "@echogarden/fvad-wasm" {
  export interface FvadModule extends EmscriptenHeap {
    _fvad_new(): number;
    _fvad_free(instance: number): void;
    _fvad_set_mode(instance: number, mode: number): number;
    _fvad_set_sample_rate(instance: number, rate: number): number;
    _fvad_process(instance: number, frame: number, length: number): number;
  }
  const factory: () => Promise<FvadModule>;
  export default factory;
}
