// WAV → what CIC takes for SpeechRecognizer.Recognize: 16 kHz, 16-bit little-endian, mono PCM
// (cic.md §10). Reads PCM 8/16/24/32-bit and 32-bit float WAV, mixes channels down and
// resamples linearly.
import { CliError, EXIT } from "../core/errors.js";

export const TARGET_RATE = 16_000;

interface Format {
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
}

function chunks(file: string, data: Buffer): { format: Format; samples: Buffer } {
  if (
    data.length < 12 ||
    data.toString("ascii", 0, 4) !== "RIFF" ||
    data.toString("ascii", 8, 12) !== "WAVE"
  )
    throw new CliError(`${file}: not a WAV file (no RIFF/WAVE header)`, EXIT.usage);
  let format: Format | undefined;
  let samples: Buffer | undefined;
  for (let at = 12; at + 8 <= data.length; ) {
    const id = data.toString("ascii", at, at + 4);
    const size = data.readUInt32LE(at + 4);
    const body = data.subarray(at + 8, Math.min(data.length, at + 8 + size));
    if (id === "fmt ") {
      let audioFormat = body.readUInt16LE(0);
      if (audioFormat === 0xfffe && body.length >= 26) audioFormat = body.readUInt16LE(24);
      format = {
        audioFormat,
        channels: body.readUInt16LE(2),
        sampleRate: body.readUInt32LE(4),
        bitsPerSample: body.readUInt16LE(14),
      };
    } else if (id === "data") samples = body;
    at += 8 + size + (size % 2);
  }
  if (!format) throw new CliError(`${file}: WAV without a fmt chunk`, EXIT.usage);
  if (!samples) throw new CliError(`${file}: WAV without a data chunk`, EXIT.usage);
  return { format, samples };
}

function reader(file: string, f: Format): (data: Buffer, offset: number) => number {
  if (f.audioFormat === 3 && f.bitsPerSample === 32) return (d, o) => d.readFloatLE(o);
  if (f.audioFormat === 1) {
    switch (f.bitsPerSample) {
      case 8:
        return (d, o) => (d.readUInt8(o) - 128) / 128;
      case 16:
        return (d, o) => d.readInt16LE(o) / 32768;
      case 24:
        return (d, o) => d.readIntLE(o, 3) / 8388608;
      case 32:
        return (d, o) => d.readInt32LE(o) / 2147483648;
    }
  }
  throw new CliError(
    `${file}: unsupported WAV encoding (format ${f.audioFormat}, ${f.bitsPerSample}-bit)`,
    EXIT.usage,
    "convert it to PCM, e.g. `sox in.wav -r 16000 -c 1 -b 16 out.wav`",
  );
}

/** Decodes a WAV file's bytes into 16 kHz mono 16-bit PCM. */
export function toCicPcm(
  file: string,
  data: Buffer,
): { pcm: Buffer; source: Format; seconds: number } {
  const { format, samples } = chunks(file, data);
  const read = reader(file, format);
  const step = (format.bitsPerSample / 8) * format.channels;
  const frames = Math.floor(samples.length / step);
  const mono = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < format.channels; c++)
      sum += read(samples, i * step + (c * format.bitsPerSample) / 8);
    mono[i] = sum / format.channels;
  }
  const outFrames = Math.floor((frames * TARGET_RATE) / format.sampleRate);
  const pcm = Buffer.alloc(outFrames * 2);
  const ratio = format.sampleRate / TARGET_RATE;
  for (let i = 0; i < outFrames; i++) {
    const x = i * ratio;
    const i0 = Math.floor(x);
    const i1 = Math.min(i0 + 1, frames - 1);
    const v = mono[i0]! + (mono[i1]! - mono[i0]!) * (x - i0);
    pcm.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v * 32767))), i * 2);
  }
  return { pcm, source: format, seconds: frames / format.sampleRate };
}
