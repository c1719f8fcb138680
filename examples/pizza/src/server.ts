// Runs the pizza extension: PORT (default 3000); signatures are checked when CLOVA_PUBLIC_KEY
// or CLOVA_PUBLIC_KEY_URL is set; CLOVA_EXTENSION_ID overrides the extension ID.
import { listen, verificationFromEnv } from "@clover/sdk";
import { createPizzaExtension, PIZZA_EXTENSION_ID } from "./extension.js";

const verification = verificationFromEnv();
const extension = createPizzaExtension({
  applicationId: process.env.CLOVA_EXTENSION_ID || PIZZA_EXTENSION_ID,
  verification,
  onOrder: (order, userId) => console.log(`order from ${userId}: ${JSON.stringify(order)}`),
});
const { url } = await listen(extension, { port: Number(process.env.PORT ?? 3000) });
console.log(`pizza extension listening on ${url} (signature check ${verification ? "on" : "off"})`);
