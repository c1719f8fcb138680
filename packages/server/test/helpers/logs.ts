// A pino logger whose entries the test can read.
import { Writable } from "node:stream";
import { type Logger, pino } from "pino";
import type { Json } from "./extension-server.js";

export function capturingLogger(): { logger: Logger; entries: Json[] } {
  const entries: Json[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n"))
        if (line.trim() !== "") entries.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), entries };
}
