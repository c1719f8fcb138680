// One cleartext port for HTTP/2 with prior knowledge (h2c) and HTTP/1.1: read the first bytes,
// then hand the connection to the right server. Node's HTTP servers read sockets natively, so
// the bytes already read are replayed through a small JS duplex around the socket.

import type { Socket } from "node:net";
import { Duplex } from "node:stream";

const HTTP2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n");

function replaying(socket: Socket, first: Buffer): Duplex {
  const duplex = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk, encoding, callback) {
      socket.write(chunk, encoding, callback);
    },
    final(callback) {
      socket.end(callback);
    },
    destroy(error, callback) {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  duplex.push(first);
  socket.on("data", (chunk: Buffer) => {
    if (!duplex.push(chunk)) socket.pause();
  });
  socket.on("end", () => duplex.push(null));
  socket.on("close", () => duplex.destroy());
  socket.on("error", (error) => duplex.destroy(error));
  Object.assign(duplex, {
    remoteAddress: socket.remoteAddress,
    remotePort: socket.remotePort,
    encrypted: false,
  });
  Object.assign(duplex, {
    setTimeout: (ms: number, cb?: () => void) => {
      socket.setTimeout(ms, cb);
      return duplex;
    },
  });
  return duplex;
}

/** Calls `onHttp2` or `onHttp1` with a stream that starts at the first byte the client sent. */
export function sniffProtocol(
  socket: Socket,
  onHttp2: (s: Duplex) => void,
  onHttp1: (s: Duplex) => void,
): void {
  socket.once("data", (first: Buffer) => {
    socket.pause();
    const length = Math.min(first.length, HTTP2_PREFACE.length);
    const isHttp2 = first.subarray(0, length).equals(HTTP2_PREFACE.subarray(0, length));
    (isHttp2 ? onHttp2 : onHttp1)(replaying(socket, first));
  });
}
