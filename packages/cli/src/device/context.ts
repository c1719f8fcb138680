// What the CLI's text devices (`clover chat`, `clover device send-text`, dialog tests) say they
// are in every event's context (cic.md §8): a terminal has no screen, so answers come as a
// speaker's (SpeechSet `verbose`, no cards), and it takes audio content (it prints the
// AudioPlayer.Play it would play). Without these the server would assume a Full-HD screen and
// send no audio content at all.
import type { ContextObject } from "@clover/device";

export const TERMINAL_CONTEXT: readonly ContextObject[] = [
  { header: { namespace: "Device", name: "Display" }, payload: { size: "none" } },
  {
    header: { namespace: "Device", name: "Audio" },
    payload: {
      acceptContentType: [{ mimeType: "audio/mpeg", audioCodec: "MP3", fileExtension: "MP3" }],
    },
  },
];
