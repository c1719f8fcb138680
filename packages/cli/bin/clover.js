#!/usr/bin/env node
// Launcher: runs the TypeScript sources directly (no build step). A resolve hook adds the
// workspace's `@clover/source` export condition, then tsx compiles TypeScript on the fly.
import { register } from "node:module";
import { register as registerTsx } from "tsx/esm/api";

registerTsx();
register("./source-condition.js", import.meta.url);
const { main } = await import("../src/main.ts");
await main(process.argv.slice(2));
