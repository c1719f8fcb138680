// Runs the dice extension: PORT (default 3000); signatures are checked when CLOVA_PUBLIC_KEY
// or CLOVA_PUBLIC_KEY_URL is set; CLOVA_EXTENSION_ID overrides the extension ID.
import { listen, verificationFromEnv } from "@clover/sdk";
import { createDiceExtension, DICE_EXTENSION_ID } from "./extension.js";

const verification = verificationFromEnv();
const extension = createDiceExtension({
  applicationId: process.env.CLOVA_EXTENSION_ID || DICE_EXTENSION_ID,
  verification,
  soundUrl: process.env.DICE_SOUND_URL || undefined,
});
const { url } = await listen(extension, { port: Number(process.env.PORT ?? 3000) });
console.log(`dice extension listening on ${url} (signature check ${verification ? "on" : "off"})`);
