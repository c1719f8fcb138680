// Raw PCM helpers: 16-bit little-endian samples, WAV containers, format checks (cic.md §10).
import { endianness } from "node:os";

/** On little-endian hosts samples and bytes share one layout: copies, not per-sample calls. */
const LITTLE_ENDIAN = endianness() === "LE";

/** The audio format CIC devices upload (cic.md §10). */
export const DEVICE_SAMPLE_RATE = 16000;

export interface Pcm {
  sampleRate: number;
  samples: Int16Array;
}

/** Copies little-endian s16 bytes into samples (an odd trailing byte is dropped). */
export function bytesToSamples(bytes: Buffer): Int16Array {
  const out = new Int16Array(bytes.length >> 1);
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 2));
    return out;
  }
  for (let i = 0; i < out.length; i++) out[i] = bytes.readInt16LE(i * 2);
  return out;
}

/** The samples as little-endian bytes (on little-endian hosts a view on the same memory). */
export function samplesToBytes(samples: Int16Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const out = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(samples[i] ?? 0, i * 2);
  return out;
}

export function isWav(bytes: Buffer): boolean {
  return (
    bytes.length >= 12 &&
    bytes.toString("latin1", 0, 4) === "RIFF" &&
    bytes.toString("latin1", 8, 12) === "WAVE"
  );
}

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Byte offset of the sample data (when the data chunk was found). */
  dataOffset?: number;
  dataLength?: number;
}

/** Reads the fmt and data chunks of a RIFF/WAVE header. */
export function readWavHeader(bytes: Buffer): WavInfo | undefined {
  if (!isWav(bytes)) return undefined;
  let offset = 12;
  let info: WavInfo | undefined;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString("latin1", offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt " && body + 16 <= bytes.length) {
      info = {
        channels: bytes.readUInt16LE(body + 2),
        sampleRate: bytes.readUInt32LE(body + 4),
        bitsPerSample: bytes.readUInt16LE(body + 14),
      };
    } else if (id === "data" && info) {
      // Streamed WAVs may carry a placeholder size: take what is there.
      const available = bytes.length - body;
      return { ...info, dataOffset: body, dataLength: Math.min(size, available) };
    }
    offset = body + size + (size & 1);
  }
  return info;
}

/** Decodes a 16-bit PCM WAV file (mono, or the first channel of several). */
export function decodeWav(bytes: Buffer): Pcm {
  const info = readWavHeader(bytes);
  if (!info || info.dataOffset === undefined || info.dataLength === undefined) {
    throw new Error("not a WAV file with a fmt and a data chunk");
  }
  if (info.bitsPerSample !== 16) {
    throw new Error(`WAV has ${info.bitsPerSample}-bit samples; 16-bit PCM is needed`);
  }
  const frames = Math.floor(info.dataLength / (2 * info.channels));
  const samples = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    samples[i] = bytes.readInt16LE(info.dataOffset + i * 2 * info.channels);
  }
  return { sampleRate: info.sampleRate, samples };
}

/** A mono 16-bit PCM WAV file. */
export function encodeWav(pcm: Pcm): Buffer {
  const data = samplesToBytes(pcm.samples);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8, "latin1");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(pcm.sampleRate, 24);
  header.writeUInt32LE(pcm.sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "latin1");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Root mean square level of the samples, 0..32768. */
export function rms(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}

export function durationSeconds(pcm: Pcm): number {
  return pcm.samples.length / pcm.sampleRate;
}
