// The one place where connections get their deadlines (docs/configuration.md "Timeouts"):
//   - a new connection must finish its preface and the headers of a first request within
//     `headersTimeoutMs` (silent TCP, half an HTTP/2 preface, a preface + SETTINGS and nothing
//     else, half an HTTP/1.1 request line: all closed);
//   - an HTTP/2 connection with no frame for `idleTimeoutMs` is closed (cic.md §2.7: three
//     missed 60 s pings); an HTTP/1.1 connection waits `keepAliveTimeoutMs` between requests
//     and gets `headersTimeoutMs` for each request's headers;
//   - close() stops accepting, asks every connection to finish (GOAWAY, `Connection: close`)
//     and destroys what is left after `shutdownTimeoutMs`.
import http from "node:http";
import http2 from "node:http2";
import net from "node:net";
import type { TLSSocket } from "node:tls";
import type { AnyRequest, AnyResponse } from "../api/http.js";
import { sniffProtocol } from "./sniff.js";

export interface ConnectionTimeouts {
  /** From accept to the headers of the first request (and per HTTP/1.1 request's headers). */
  headersTimeoutMs: number;
  /** HTTP/2 connection without any frame (PING included). */
  idleTimeoutMs: number;
  /** HTTP/1.1 connection between two requests. */
  keepAliveTimeoutMs: number;
  /** Graceful shutdown: how long in-flight requests may take to finish. */
  shutdownTimeoutMs: number;
}

export const DEFAULT_CONNECTION_TIMEOUTS: ConnectionTimeouts = {
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 180_000,
  keepAliveTimeoutMs: 5_000,
  shutdownTimeoutMs: 10_000,
};

export interface ListenerOptions {
  tls?: { key: string | Buffer; cert: string | Buffer };
  maxConcurrentStreams: number;
  timeouts: ConnectionTimeouts;
  /** Whether a new connection may stay (pre-authentication limits); false: closed at once. */
  admit?: (socket: net.Socket) => boolean;
}

type Handler = (req: AnyRequest, res: AnyResponse) => void;

/** The listening socket of the gateway with every connection's deadlines applied. */
export class CicListener {
  readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly sessions = new Set<http2.Http2Session>();
  private readonly h1: http.Server | undefined;
  private readonly timeouts: ConnectionTimeouts;
  /** Sockets still waiting for their first request, with the timer that closes them. */
  private readonly pending = new WeakMap<net.Socket, NodeJS.Timeout>();
  private closing = false;

  constructor(options: ListenerOptions, handler: Handler) {
    const t = options.timeouts;
    this.timeouts = t;
    const settings = { maxConcurrentStreams: options.maxConcurrentStreams };
    const onRequest: Handler = (req, res) => {
      if (!("stream" in req)) this.started(req.socket);
      if (this.closing && !("stream" in req)) res.setHeader("connection", "close");
      handler(req, res);
    };
    if (options.tls) {
      const server = http2.createSecureServer(
        { ...options.tls, allowHTTP1: true, settings, handshakeTimeout: t.headersTimeoutMs },
        onRequest,
      );
      server.on("session", (session) => this.watchSession(session));
      // TLS sockets are watched from the end of the handshake (bounded by handshakeTimeout);
      // an HTTP/2 one by its session (below).
      server.on("secureConnection", (socket: TLSSocket) => {
        if (socket.alpnProtocol !== "h2") this.watch(socket);
      });
      this.server = server;
    } else {
      const h2 = http2.createServer({ settings }, onRequest);
      h2.on("session", (session) => this.watchSession(session));
      const h1 = http.createServer(
        {
          headersTimeout: t.headersTimeoutMs,
          requestTimeout: 0,
          keepAliveTimeout: t.keepAliveTimeoutMs,
          connectionsCheckingInterval: Math.min(1000, t.headersTimeoutMs),
        },
        onRequest,
      );
      this.h1 = h1;
      this.server = net.createServer((socket) => {
        this.watch(socket);
        sniffProtocol(
          socket,
          (s) => {
            // From here the HTTP/2 session holds the deadline (it sees the preface and streams).
            this.started(s);
            h2.emit("connection", s);
          },
          (s) => h1.emit("connection", s),
        );
      });
    }
    const admit = options.admit;
    // Before anything else looks at the socket: one over the limit is closed at once.
    if (admit)
      this.server.prependListener("connection", (socket: net.Socket) => {
        if (!admit(socket)) socket.destroy();
      });
    this.server.on("connection", (socket: net.Socket) => {
      if (socket.destroyed) return;
      socket.setNoDelay(true);
      socket.on("error", () => {});
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
    });
  }

  /** Arms the first-request deadline of a new connection. */
  private watch(socket: net.Socket): void {
    const timer = setTimeout(() => socket.destroy(), this.timeouts.headersTimeoutMs);
    timer.unref();
    this.pending.set(socket, timer);
    socket.once("close", () => this.started(socket));
  }

  /** The connection sent the headers of a request: its first-request deadline is met. */
  private started(socket: net.Socket | undefined): void {
    if (!socket) return;
    const timer = this.pending.get(socket);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.pending.delete(socket);
  }

  private watchSession(session: http2.Http2Session): void {
    this.sessions.add(session);
    session.once("close", () => this.sessions.delete(session));
    session.on("error", () => {});
    // Node's own session timeout ignores PING frames; count PINGs and new streams as activity.
    let last = Date.now();
    session.on("ping", () => {
      last = Date.now();
    });
    // The preface and a first request's headers within the headers deadline.
    const firstStream = setTimeout(() => session.destroy(), this.timeouts.headersTimeoutMs);
    firstStream.unref();
    session.on("stream", () => {
      last = Date.now();
      clearTimeout(firstStream);
    });
    const idle = this.timeouts.idleTimeoutMs;
    const check = () => {
      const left = last + idle - Date.now();
      if (left <= 0) session.destroy();
      else timer = setTimeout(check, left).unref();
    };
    let timer = setTimeout(check, idle).unref();
    session.once("close", () => {
      clearTimeout(timer);
      clearTimeout(firstStream);
    });
    if (this.closing) session.close();
  }

  listen(port: number, host: string): Promise<net.AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => resolve(this.server.address() as net.AddressInfo));
    });
  }

  /**
   * Graceful shutdown: no new connections; HTTP/2 connections get GOAWAY and finish their open
   * streams, idle HTTP/1.1 connections close; whatever remains after the shutdown timeout is
   * destroyed. `beforeWait` runs after GOAWAY is sent (the gateway ends its downchannels).
   */
  async close(beforeWait: () => void = () => {}, deadlineMs?: number): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const session of this.sessions) session.close();
    this.h1?.closeIdleConnections();
    beforeWait();
    const deadline = setTimeout(() => {
      for (const socket of this.sockets) socket.destroy();
    }, deadlineMs ?? this.timeouts.shutdownTimeoutMs);
    deadline.unref();
    // Sockets that are not HTTP (never sent a byte) or idle: nothing to wait for.
    for (const socket of this.sockets) if (this.pending.has(socket)) socket.destroy();
    await closed;
    clearTimeout(deadline);
  }
}
