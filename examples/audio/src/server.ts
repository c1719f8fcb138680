// Runs the music box: PORT (default 3000); signatures are checked when CLOVA_PUBLIC_KEY or
// CLOVA_PUBLIC_KEY_URL is set; CLOVA_EXTENSION_ID overrides the extension ID; AUDIO_BASE_URL
// is the HTTPS base of the MP3 files.
import { listen, verificationFromEnv } from "@clover/sdk";
import { AUDIO_EXTENSION_ID, createAudioExtension } from "./extension.js";

const verification = verificationFromEnv();
const extension = createAudioExtension({
  applicationId: process.env.CLOVA_EXTENSION_ID || AUDIO_EXTENSION_ID,
  verification,
  baseUrl: process.env.AUDIO_BASE_URL || undefined,
  playbackLog: {
    record: (userId, e) =>
      console.log(`${e.event} ${e.token} at ${e.offsetInMilliseconds} ms (${userId})`),
  },
});
const { url } = await listen(extension, { port: Number(process.env.PORT ?? 3000) });
console.log(`audio extension listening on ${url} (signature check ${verification ? "on" : "off"})`);
