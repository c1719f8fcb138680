// Limits per client IP before anyone is authenticated (docs/security.md "Before
// authentication"), so a flood without a token cannot exhaust the port:
//   - connections that have not yet carried an authenticated request: at most
//     `connectionsPerIp` open at once; one more is closed as soon as it is accepted;
//   - failed attempts (a 401, or an auth API answer >= 400) take a token from the IP's bucket;
//     while it is empty, every request from that IP is answered 429 with Retry-After before
//     any authentication work is done.
// Behind a load balancer every connection comes from the balancer: the connection limit is
// off and the IP is the last X-Forwarded-For address (the one the balancer added).
import type net from "node:net";
import type { AnyRequest } from "../api/http.js";
import { MemoryRateLimiter, type RateLimiter } from "../store/rate-limits.js";

export interface PreAuthOptions {
  /** Unauthenticated connections per IP; 0: no limit. */
  connectionsPerIp: number;
  /** Failed attempts per IP and second, and the largest burst; 0 per second: no limit. */
  failuresPerSecond: number;
  failureBurst: number;
  behindLoadBalancer?: boolean;
}

/** Most IPs remembered as blocked (the oldest are forgotten beyond it). */
const MAX_BLOCKED = 100_000;

export class PreAuthGuard {
  readonly #unauthenticated = new Map<string, number>();
  /**
   * Counted connections by "address|port": an HTTP/2 request only shows a proxy of its socket
   * (a TLS one wraps it), so connections are recognised by their peer address and port.
   */
  readonly #counted = new Set<string>();
  readonly #failures: RateLimiter | undefined;
  /** IP → when its bucket has a token again (ms since epoch). */
  readonly #blockedUntil = new Map<string, number>();

  constructor(private readonly options: PreAuthOptions) {
    this.#failures =
      options.failuresPerSecond > 0
        ? new MemoryRateLimiter({
            perSecond: options.failuresPerSecond,
            burst: options.failureBurst,
          })
        : undefined;
  }

  /** A new connection: false when its IP already holds too many unauthenticated ones. */
  admit(socket: net.Socket): boolean {
    const limit = this.options.connectionsPerIp;
    if (limit <= 0 || this.options.behindLoadBalancer) return true;
    const ip = socket.remoteAddress ?? "unknown";
    const open = this.#unauthenticated.get(ip) ?? 0;
    if (open >= limit) return false;
    this.#unauthenticated.set(ip, open + 1);
    const key = `${ip}|${socket.remotePort}`;
    this.#counted.add(key);
    socket.once("close", () => this.#release(key, ip));
    return true;
  }

  /** A request on this connection authenticated: it no longer counts against its IP. */
  authenticated(socket: net.Socket | undefined): void {
    if (!socket) return;
    const ip = socket.remoteAddress ?? "unknown";
    this.#release(`${ip}|${socket.remotePort}`, ip);
  }

  #release(key: string, ip: string): void {
    if (!this.#counted.delete(key)) return;
    const open = (this.#unauthenticated.get(ip) ?? 1) - 1;
    if (open <= 0) this.#unauthenticated.delete(ip);
    else this.#unauthenticated.set(ip, open);
  }

  /** The client's IP as these limits see it. */
  ipOf(req: AnyRequest): string {
    if (this.options.behindLoadBalancer) {
      const forwarded = String(req.headers["x-forwarded-for"] ?? "")
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean)
        .at(-1);
      if (forwarded) return forwarded;
    }
    return socketOf(req)?.remoteAddress ?? "unknown";
  }

  /** Milliseconds until the IP may try again, or 0 when it is not blocked. */
  blockedFor(ip: string, now = Date.now()): number {
    const until = this.#blockedUntil.get(ip);
    if (until === undefined) return 0;
    if (until <= now) {
      this.#blockedUntil.delete(ip);
      return 0;
    }
    return until - now;
  }

  /** A failed attempt from `ip`: takes a token; an empty bucket blocks the IP until refilled. */
  async failed(ip: string, now = Date.now()): Promise<void> {
    if (!this.#failures) return;
    const taken = await this.#failures.take(ip, 1, now);
    if (taken.allowed) return;
    this.#blockedUntil.delete(ip);
    this.#blockedUntil.set(ip, now + Math.max(1, taken.retryAfterMs));
    if (this.#blockedUntil.size > MAX_BLOCKED)
      this.#blockedUntil.delete(this.#blockedUntil.keys().next().value!);
  }

  /** Unauthenticated connections open now from `ip` (tests, metrics). */
  openFrom(ip: string): number {
    return this.#unauthenticated.get(ip) ?? 0;
  }
}

/** The TCP (or TLS) socket a request arrived on. */
export function socketOf(req: AnyRequest): net.Socket | undefined {
  if ("stream" in req) return req.stream.session?.socket as net.Socket | undefined;
  return req.socket;
}
