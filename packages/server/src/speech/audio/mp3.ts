// PCM → MP3 with LAME's JavaScript port (cic.md §11.1: mono 24 kHz 48 kbit/s CBR, no ID3 tag).
import { Mp3Encoder } from "@breezystack/lamejs";
import type { Pcm } from "./pcm.js";
import { resample } from "./resample.js";

export const MP3_SAMPLE_RATE = 24000;
export const MP3_BITRATE_KBPS = 48;
/** Samples per MPEG-2 layer III frame at 24 kHz. */
const FRAME = 576;

/** One complete MP3 stream for the speech (resampled to 24 kHz first). */
export async function encodeMp3(pcm: Pcm): Promise<Buffer> {
  const { samples } = await resample(pcm, MP3_SAMPLE_RATE);
  const encoder = new Mp3Encoder(1, MP3_SAMPLE_RATE, MP3_BITRATE_KBPS);
  const chunks: Buffer[] = [];
  // The encoder hands back signed views of a buffer it reuses: copy them as plain bytes.
  const keep = (out: { buffer: ArrayBufferLike; byteOffset: number; length: number }) =>
    chunks.push(Buffer.from(new Uint8Array(out.buffer, out.byteOffset, out.length)));
  for (let i = 0; i < samples.length; i += FRAME * 8) {
    keep(encoder.encodeBuffer(samples.subarray(i, i + FRAME * 8)));
  }
  keep(encoder.flush());
  return Buffer.concat(chunks);
}

/** MPEG audio frame header facts, read from the first frame (for tests and diagnostics). */
export function readMp3FrameHeader(
  mp3: Buffer,
):
  | { version: 1 | 2 | 2.5; layer: number; sampleRate: number; bitrateKbps: number; mono: boolean }
  | undefined {
  for (let i = 0; i + 4 <= mp3.length; i++) {
    if (mp3[i] !== 0xff || ((mp3[i + 1] ?? 0) & 0xe0) !== 0xe0) continue;
    const b1 = mp3[i + 1] ?? 0;
    const b2 = mp3[i + 2] ?? 0;
    const b3 = mp3[i + 3] ?? 0;
    const versionBits = (b1 >> 3) & 3;
    const layerBits = (b1 >> 1) & 3;
    if (versionBits === 1 || layerBits === 0) continue;
    const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5;
    const rates = { 1: [44100, 48000, 32000], 2: [22050, 24000, 16000], 2.5: [11025, 12000, 8000] };
    const rateIndex = (b2 >> 2) & 3;
    if (rateIndex === 3) continue;
    const v1l3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    const v2l3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    const bitrate = (version === 1 ? v1l3 : v2l3)[b2 >> 4] ?? 0;
    return {
      version,
      layer: 4 - layerBits,
      sampleRate: rates[version][rateIndex] ?? 0,
      bitrateKbps: bitrate,
      mono: b3 >> 6 === 3,
    };
  }
  return undefined;
}
