// One cleartext port for HTTP/2 with prior knowledge (h2c) and HTTP/1.1: read the first bytes,
// put them back, then hand the socket itself to the right server. Both servers keep reading
// the native socket; the bytes already read are replayed from the socket's own buffer
// (HTTP/2 sessions drain it when they start, the HTTP/1.1 parser once the socket resumes).

import type { Socket } from "node:net";

const HTTP2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n");

/** Calls `onHttp2` or `onHttp1` with the socket, its first bytes still unread. */
export function sniffProtocol(
  socket: Socket,
  onHttp2: (s: Socket) => void,
  onHttp1: (s: Socket) => void,
): void {
  socket.once("data", (first: Buffer) => {
    socket.pause();
    socket.unshift(first);
    const length = Math.min(first.length, HTTP2_PREFACE.length);
    if (first.subarray(0, length).equals(HTTP2_PREFACE.subarray(0, length))) {
      onHttp2(socket);
    } else {
      onHttp1(socket);
      socket.resume();
    }
  });
}
