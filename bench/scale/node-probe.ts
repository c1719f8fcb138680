// Preloaded into each node of bench/scale/scale.ts (`--import`), whichever checkout the node
// comes from (a BEFORE_NODE too), so every side is measured alike. Answers the bench's
//   `commands`: the commands the process has sent through ioredis so far (a script call counts
//     once; a pipeline's commands one each, as exec hands each to the connection);
//   `pauses`: the garbage collector's pauses since the last ask (count, total and longest ms).
// ioredis is resolved from the node's own checkout.
import { createRequire } from "node:module";
import { PerformanceObserver } from "node:perf_hooks";

const require = createRequire(process.argv[1]!);
const { Redis } = require("ioredis") as typeof import("ioredis");
const send = Redis.prototype.sendCommand;
let sent = 0;
Redis.prototype.sendCommand = function (this: InstanceType<typeof Redis>, ...args) {
  sent++;
  return send.apply(this, args);
} as typeof send;

let pauses = { count: 0, ms: 0, longest: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    pauses.count++;
    pauses.ms += entry.duration;
    pauses.longest = Math.max(pauses.longest, entry.duration);
  }
}).observe({ entryTypes: ["gc"] });

process.on("message", (m: { type: string }) => {
  if (m.type === "commands") process.send?.({ type: "commands", sent });
  else if (m.type === "pauses") {
    process.send?.({ type: "pauses", ...pauses });
    pauses = { count: 0, ms: 0, longest: 0 };
  }
});
