// A start error in words: the port is checked before anything is created (so a busy port costs
// no admin token and leaves nothing running), and listen errors become one line with a hint.
import { createServer } from "node:net";
import { CliError, EXIT } from "../core/errors.js";

/** Resolves when `host:port` can be listened on; rejects with the CliError a user should see. */
export function checkPort(port: number, host: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error) => reject(listenError(error, port, host)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** The one-line error for a failed listen (EADDRINUSE, EACCES, EADDRNOTAVAIL…). */
export function listenError(error: unknown, port: number, host: string): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  const next = port > 0 && port < 65535 ? port + 1 : 8444;
  // Under `npm start` a bare flag would be taken by npm itself: show the form that reaches us.
  const flag = process.env["npm_lifecycle_event"] === "start" ? "npm start -- --port" : "--port";
  const hint = `choose another port: ${flag} ${next} (or --port 0 for any free one), or env CLOVER_PORT`;
  switch (code) {
    case "EADDRINUSE":
      return new CliError(`port ${port} is already in use on ${host}`, EXIT.failure, hint);
    case "EACCES":
      return new CliError(`no permission to listen on port ${port}`, EXIT.failure, hint);
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
      return new CliError(
        `cannot listen on ${host}: no such local address`,
        EXIT.usage,
        "check --host (or CLOVER_HOST); 0.0.0.0 listens on every address",
      );
    default:
      return new CliError(
        `cannot listen on ${host}:${port}: ${(error as Error).message}`,
        EXIT.failure,
        hint,
      );
  }
}
