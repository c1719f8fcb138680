// What a fuzz run measured (printed at the end, copied into docs/benchmarks.md), and the raw
// HTTP/2 request a case sends on the device's own connection.
import type http2 from "node:http2";
import { boundaryOf, MultipartParser, type MultipartPart, writeBody } from "@clover/device";
import type { RawAnswer } from "../robustness/wire.js";

export function fuzzFigures() {
  const statuses = new Map<number, number>();
  const notes: string[] = [];
  /** Cases the client read no status for, by why (see h2Answer's `noStatus`). */
  const silent = new Map<string, number>();
  let slowest = 0;
  let mostWaited = 0;
  let cases = 0;
  return {
    rssBefore: 0,
    rssAfter: 0,
    count(status: number, ms: number) {
      cases++;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      slowest = Math.max(slowest, ms);
    },
    /** The CPU wait not counted against one answer's deadline (a loaded machine). */
    waited(ms: number) {
      mostWaited = Math.max(mostWaited, ms);
    },
    note(text: string) {
      notes.push(text);
    },
    noStatus(why: string) {
      silent.set(why, (silent.get(why) ?? 0) + 1);
    },
    print() {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
      const fivexx = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
      console.log(
        [
          `fuzz: ${cases} cases, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
          `fuzz: 5xx ${fivexx}, slowest answer ${slowest} ms, longest CPU wait in one answer ${mostWaited} ms, RSS ${mb(this.rssBefore)} → ${mb(this.rssAfter)}`,
          `fuzz: no status read, by cause ${JSON.stringify(Object.fromEntries(silent))}`,
          ...notes.map((n) => `fuzz: ${n}`),
        ].join("\n"),
      );
    },
  };
}

/**
 * The only ways a case may end without an HTTP status, each caused by the client itself or
 * by a documented connection deadline (docs/security.md "Answers without a status"). Any
 * other, in particular a stream the server resets before answering (whatever its RST_STREAM
 * code), fails the property.
 */
export const NO_STATUS = {
  clientCancel: "the client reset its own stream (RST_STREAM CANCEL) before the answer",
  headersNeverSent:
    "HTTP/1.1: the request's headers never left the client; closed at the headers deadline",
} as const;

export function documentedNoStatus(why: string): boolean {
  return (Object.values(NO_STATUS) as string[]).includes(why);
}

/** Not documented: the server closed the device's connection under it. */
const SESSION_GONE = "the client's session was already closed (no request sent)";

function exceptionOf(contentType: string, body: Buffer) {
  const boundary = boundaryOf(contentType);
  if (!boundary) return undefined;
  const parts: MultipartPart[] = [];
  new MultipartParser(boundary, (part) => parts.push(part)).push(body);
  for (const part of parts) {
    try {
      const directive = JSON.parse(part.body.toString("utf8")).directive;
      if (directive?.header?.name === "Exception") return directive.payload;
    } catch {}
  }
  return undefined;
}

/** One request on an HTTP/2 session; resolves when the answer's body has ended. */
export function h2Answer(
  session: http2.ClientHttp2Session,
  c: {
    path: string;
    method: string;
    authorization: string;
    contentType: string;
    body: Buffer;
    finish: "end" | "cancel" | "stall";
    /** Extra request headers. */
    headers?: Record<string, string>;
  },
): Promise<RawAnswer & { noStatus?: string }> {
  const started = Date.now();
  return new Promise((resolve) => {
    let stream: http2.ClientHttp2Stream;
    try {
      stream = session.request({
        ":method": c.method,
        ":path": c.path,
        ...(c.authorization ? { authorization: c.authorization } : {}),
        ...(c.contentType ? { "content-type": c.contentType } : {}),
        ...c.headers,
      });
    } catch {
      return resolve({
        status: -1,
        headers: {},
        body: Buffer.alloc(0),
        ms: 0,
        noStatus: SESSION_GONE,
      });
    }
    let cancelled = false;
    let status = 0;
    let contentType = "";
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const body = Buffer.concat(chunks);
      const exception = exceptionOf(contentType, body);
      // Why no status was read: the client's own RST_STREAM, or the server's (with its code).
      const noStatus =
        status !== 0
          ? undefined
          : cancelled
            ? NO_STATUS.clientCancel
            : `the server reset the stream before any answer (RST_STREAM code ${stream.rstCode})`;
      resolve({
        status,
        headers: {},
        body,
        ms: Date.now() - started,
        ...(exception ? { exception } : {}),
        ...(noStatus ? { noStatus } : {}),
      });
      if (!stream.destroyed) stream.close();
    };
    stream.on("response", (headers) => {
      status = Number(headers[":status"]);
      contentType = String(headers["content-type"] ?? "");
      // A downchannel never ends: its Hello is the answer.
      if (c.path === "/v1/directives" && status === 200) setTimeout(finish, 50);
    });
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", finish);
    stream.on("close", finish);
    stream.on("error", () => {});
    if (c.method === "GET") return void stream.end();
    // With backpressure, as a device does (see writeBody): a body queued at once and refused
    // early would leave this client's session refusing every later answer.
    const writing = writeBody(stream, c.body);
    if (c.finish === "cancel")
      setTimeout(() => {
        cancelled = true;
        stream.close(0x8);
      }, 5);
    else if (c.finish === "end") void writing.then((open) => open && stream.end());
  });
}
