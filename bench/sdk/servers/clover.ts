// The dice example on @clover/sdk's node:http adapter (application id checked, no signature:
// the LINE server below cannot verify our test signatures either).
import { createDiceExtension } from "@clover/example-dice";
import { listen } from "@clover/sdk";

const { url } = await listen(createDiceExtension({ onLog: () => {} }), { host: "127.0.0.1" });
console.log(url);
