// The platform's log for `clover serve`: on stderr (stdout carries the command's output), as
// JSON lines for log collectors, or one short readable line each on a terminal.
import { type Logger, pino } from "pino";
import type { Output } from "../core/output.js";

const LEVELS: Record<number, string> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "warn",
  50: "error",
  60: "fatal",
};
const SKIP = new Set(["level", "time", "pid", "hostname", "name", "msg"]);

export function serveLogger(level: string, out: Output): Logger {
  if (!process.stderr.isTTY) return pino({ level, name: "clover" }, pino.destination(2));
  const c = out.ce;
  const paint: Record<string, (text: string) => string> = {
    warn: c.yellow,
    error: c.red,
    fatal: c.red,
    info: c.cyan,
  };
  return pino(
    { level, name: "clover" },
    {
      write(line: string) {
        try {
          const record = JSON.parse(line) as Record<string, unknown>;
          const name = LEVELS[Number(record["level"])] ?? "log";
          const time = new Date(Number(record["time"])).toISOString().slice(11, 19);
          const fields = Object.entries(record)
            .filter(([key]) => !SKIP.has(key))
            .map(
              ([key, value]) =>
                `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`,
            );
          process.stderr.write(
            `${c.dim(time)} ${(paint[name] ?? c.dim)(name.padEnd(5))} ${String(record["msg"] ?? "")} ${c.dim(fields.join(" "))}\n`,
          );
        } catch {
          process.stderr.write(line);
        }
      },
    },
  );
}
