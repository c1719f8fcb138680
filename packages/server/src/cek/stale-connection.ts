// When a CEK call may be sent again: the one failure that shows the extension never read the
// request. An extension server closes a keep-alive connection it has kept idle for its
// keep-alive time; a request written on that connection at the same moment meets the close
// (a FIN read as "other side closed", or a reset once the server's socket is gone). The server
// closed an idle connection, so it had read nothing of the request. What tells it apart from
// an extension that read the request and then died: the connection had carried earlier
// answers (it was idle, not new) and no byte of this request's answer arrived. A reused
// connection that fails after any byte of the answer, a new connection, a parse error and a
// deadline are never sent again (docs/server.md "Calling an extension").
import type { Socket } from "node:net";
import { buildConnector } from "undici";

/** Socket failures that mean "closed by the other side" (not a parse error, not our abort). */
const CLOSED_CODES = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE", "ECONNABORTED"]);

/** Bytes a socket had read when it failed, by the error it failed with. */
const readBeforeFailure = new WeakMap<Error, number>();

/**
 * undici's connector for one origin, remembering for each socket error how many bytes the
 * socket had read until then (a reset surfaces as the socket's own error, which carries no
 * socket information; undici's "other side closed" carries it too).
 */
export function trackingConnector(options: buildConnector.BuildOptions): buildConnector.connector {
  const connect = buildConnector(options);
  return (target, callback) =>
    connect(target, (error, socket) => {
      if (socket) socket.on("error", (failure: Error) => noteFailure(socket, failure));
      // biome-ignore lint/suspicious/noExplicitAny: the callback's two shapes, passed on as given
      (callback as (...args: any[]) => void)(error, socket);
    });
}

function noteFailure(socket: Socket, failure: Error): void {
  if (typeof failure === "object" && failure !== null && !readBeforeFailure.has(failure))
    readBeforeFailure.set(failure, socket.bytesRead);
}

/**
 * True when `error` closed a reused connection before any byte of this request's answer
 * (`answerStarted`: the exchange saw the start of a response message, interim ones included).
 * On such a connection every byte read belongs to earlier answers: more than none means the
 * connection had been used before.
 */
export function closedWhileIdle(error: Error, answerStarted: boolean): boolean {
  if (answerStarted) return false;
  const code = (error as Error & { code?: string }).code;
  if (!code || !CLOSED_CODES.has(code)) return false;
  const info = (error as Error & { socket?: { bytesRead?: number } }).socket;
  const bytesRead = readBeforeFailure.get(error) ?? info?.bytesRead;
  return typeof bytesRead === "number" && bytesRead > 0;
}
