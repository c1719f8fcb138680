// A stand-in for the sherpa-onnx-node addon with the same API shape, so the adapters' use of it
// (config handed over, float samples streamed while uploading, end of input) can be checked
// without a model. Its "recognizer" reports how much audio it decoded and how loud it was.
export const created: { kind: string; config: unknown }[] = [];

class Stream {
  samples = 0;
  peak = 0;
  chunks = 0;
  finished = false;
  pending = 0;
  acceptWaveform(wave: { samples: Float32Array; sampleRate: number }): void {
    if (wave.sampleRate !== 16000) throw new Error(`unexpected rate ${wave.sampleRate}`);
    this.chunks++;
    this.pending += wave.samples.length;
    for (const s of wave.samples) this.peak = Math.max(this.peak, Math.abs(s));
  }
  inputFinished(): void {
    this.finished = true;
  }
}

export class OnlineRecognizer {
  constructor(config: unknown) {
    created.push({ kind: "OnlineRecognizer", config });
  }
  createStream(): Stream {
    return new Stream();
  }
  isReady(stream: Stream): boolean {
    return stream.pending >= 1600 || (stream.finished && stream.pending > 0);
  }
  decode(stream: Stream): void {
    const n = Math.min(stream.pending, 1600);
    stream.pending -= n;
    stream.samples += n;
  }
  getResult(stream: Stream): { text: string } {
    return {
      text: `DECODED ${stream.samples} SAMPLES IN ${stream.chunks} CHUNKS PEAK ${stream.peak.toFixed(2)}${stream.finished ? " FINISHED" : ""}`,
    };
  }
}

export class OfflineTts {
  readonly sampleRate = 22050;
  constructor(config: unknown) {
    created.push({ kind: "OfflineTts", config });
  }
  generate(request: { text: string; sid: number; speed: number }) {
    const samples = new Float32Array(Math.round((request.text.length * 2205) / request.speed));
    for (let i = 0; i < samples.length; i++) samples[i] = 0.5 * Math.sin(i / 10);
    return { samples, sampleRate: this.sampleRate };
  }
}
