// Incremental MP3 encoding with LAME's JavaScript port, for engines that hand back PCM when
// Debian's `lame` program is not installed: the sentences of one answer go through one
// encoder, so they form one seamless MP3 stream of cic.md §11.1.
import { Mp3Encoder } from "@breezystack/lamejs";
import { MP3_BITRATE_KBPS, MP3_SAMPLE_RATE } from "./mp3.js";
import type { Pcm } from "./pcm.js";
import { resample } from "./resample.js";

/** Samples per MPEG-2 layer III frame at 24 kHz. */
const FRAME = 576;

/** Plain bytes of a view the encoder reuses. */
function copyOut(out: { buffer: ArrayBufferLike; byteOffset: number; length: number }): Buffer {
  return Buffer.from(new Uint8Array(out.buffer, out.byteOffset, out.length));
}

export class JsMp3Stream {
  private readonly encoder = new Mp3Encoder(1, MP3_SAMPLE_RATE, MP3_BITRATE_KBPS);

  /** The MP3 frames completed by this piece (resampled to 24 kHz first). */
  async encode(pcm: Pcm): Promise<Buffer> {
    const { samples } = await resample(pcm, MP3_SAMPLE_RATE);
    const chunks: Buffer[] = [];
    for (let i = 0; i < samples.length; i += FRAME * 8) {
      chunks.push(copyOut(this.encoder.encodeBuffer(samples.subarray(i, i + FRAME * 8))));
    }
    return Buffer.concat(chunks);
  }

  /** The last frames. */
  flush(): Buffer {
    return copyOut(this.encoder.flush());
  }
}
