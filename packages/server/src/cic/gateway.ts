// The CIC gateway (cic.md §2): HTTP/2 with TLS + ALPN h2 when a certificate is configured,
// cleartext HTTP/2 with prior knowledge (h2c) otherwise; HTTP/1.1 is answered on the same
// port for the auth API, the management API and the console.
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import {
  type AnyRequest,
  type AnyResponse,
  ApiError,
  type RequestHandler,
  sendError,
} from "../api/http.js";
import { MAX_URL_LENGTH, parseRequestTarget } from "../api/url.js";
import type { Assistant, Language } from "../assistant/turn.js";
import {
  type RateLimiter,
  type RateLimitRefusal,
  type RateLimitStep,
  takeInOrder,
} from "../store/rate-limits.js";
import type { DeviceAuthority, DeviceGrant } from "./auth/authority.js";
import { handleAuthorize, handleToken } from "./auth/routes.js";
import { handleTerms, TERMS_API_PATH, TERMS_PATH } from "./auth/terms.js";
import { type DirectiveBus, InProcessDirectiveBus, type PushedAttachment } from "./bus.js";
import {
  CicListener,
  type ConnectionTimeouts,
  DEFAULT_CONNECTION_TIMEOUTS,
} from "./connections.js";
import { deviceKeyOf } from "./device-key.js";
import { type DeviceStateStore, DeviceStates } from "./device-state.js";
import { Downchannels } from "./downchannel.js";
import { writeEventAnswer } from "./event-answer.js";
import { DEFAULT_EVENT_LIMITS, type EventLimits, readEventRequest } from "./event-request.js";
import { checkEventMessage } from "./event-validation.js";
import { EventHandler } from "./events.js";
import { CicError, sendException } from "./exception.js";
import { askConnectedDeviceForState } from "./interfaces/device-control.js";
import { createDeviceSide, type DeviceSide, type DeviceSideOptions } from "./interfaces/index.js";
import { wholeAttachment } from "./interfaces/parts.js";
import type { CicDirective } from "./multipart-writer.js";
import { type PreAuthGuard, socketOf } from "./pre-auth.js";
import type { SpeechToText, TextToSpeech } from "./speech-engines.js";
import type { UserAgentPolicy } from "./user-agent.js";
import type { UserDevice, UserDeviceIndex } from "./user-devices.js";

/** The CIC endpoints' request targets without a query (cic.md §2). */
const CIC_PATHS = new Set(["/v1/events", "/v1/directives", "/ping"]);

/** How long an answered request whose body is still coming stays open before it is reset. */
const CLOSE_GRACE_MS = 1000;

/** A bucket an event takes a token from, and how its refusal is named. */
interface RateStep extends RateLimitStep {
  who: string;
  scope: "device" | "client";
}

export interface CicGatewayOptions {
  assistant: Assistant;
  authority: DeviceAuthority;
  bus?: DirectiveBus;
  /** Device records and the newest dialog per device; in memory unless given (Redis). */
  deviceStates?: DeviceStateStore;
  /** Shared index of each user's connected devices (several nodes); this node's otherwise. */
  userDeviceIndex?: UserDeviceIndex;
  tts?: TextToSpeech;
  asr?: SpeechToText;
  /** TLS certificate and key (PEM); without them the port speaks h2c and HTTP/1.1. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Requests that are not CIC or auth API (management API, console, well-known files). */
  fallback?: RequestHandler;
  limits?: Partial<EventLimits>;
  /** HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS per connection. */
  maxConcurrentStreams?: number;
  /** Close an event body that sends nothing for this long (same as limits.bodyIdleTimeoutMs). */
  bodyIdleTimeoutMs?: number;
  /** Unsent bytes a downchannel may hold before it is reset (a device that stopped reading). */
  downchannelBacklogBytes?: number;
  /** Connection deadlines: preface and headers, idle, keep-alive, graceful shutdown. */
  timeouts?: Partial<ConnectionTimeouts>;
  /**
   * From the end of an event's body to its answer: past it the device gets a 500 (a backstop;
   * the turn's own timers, e.g. the CEK deadline, answer well before).
   */
  answerTimeoutMs?: number;
  /** Limits per client IP before authentication (connections, failed attempts). */
  preAuth?: PreAuthGuard;
  /** Token buckets per device (deviceKeyOf) and per client id; 429 when empty. */
  rateLimits?: { device?: RateLimiter; client?: RateLimiter };
  /** A request was refused by the device's or the client's rate limit (for the metrics). */
  onRateLimited?: (scope: "device" | "client") => void;
  expectSpeechTimeoutMs?: number;
  defaultLanguage?: Language;
  /**
   * Refuse events that do not travel on the device's downchannel connection (cic.md §2.6).
   * On by default; load generators that cannot hold a downchannel may turn it off.
   */
  requireDownchannel?: boolean;
  /**
   * "connection" (default): an HTTP/2 event must travel on the downchannel's connection.
   * "cluster": behind a load balancer, an open downchannel on any node suffices.
   */
  downchannelScope?: "connection" | "cluster";
  /** Called when an event was answered: its `Namespace.Name`, status, duration (ms). */
  onEvent?: (name: string, status: number, durationMs: number) => void;
  onError?: (error: unknown) => void;
  /** Options of the CIC interface reactions (custom buttons…). */
  deviceSide?: DeviceSideOptions;
  /** The User-Agent check of the three CIC endpoints (cic.md §2.4); none: not checked. */
  userAgent?: UserAgentPolicy;
  /** Called when a device has opened its downchannel (pending notifications, resync). */
  onDownchannelOpen?: (grant: DeviceGrant, deviceKey: string) => void;
}

export class CicGateway {
  readonly bus: DirectiveBus;
  readonly devices: DeviceStates;
  readonly downchannels: Downchannels;
  /** The CIC interfaces' reactions and what they keep (queues, known devices). */
  readonly side: DeviceSide;
  private readonly events: EventHandler;
  private readonly limits: EventLimits;
  private readonly listener: CicListener;
  /** Requests being answered (downchannels excluded), for a graceful drain. */
  private inFlight = 0;
  private draining = false;
  /** userId → the devices (key → grant) that opened a downchannel for that user. */
  private readonly userDevices = new Map<string, Map<string, DeviceGrant>>();

  constructor(private readonly options: CicGatewayOptions) {
    this.bus = options.bus ?? new InProcessDirectiveBus();
    this.devices = new DeviceStates(options.deviceStates, options.defaultLanguage);
    this.downchannels = new Downchannels(this.bus, undefined, options.downchannelBacklogBytes);
    this.limits = { ...DEFAULT_EVENT_LIMITS, ...options.limits };
    this.side = createDeviceSide({
      devices: this.devices,
      publish: async (deviceKey, part) =>
        this.bus.publish(deviceKey, part.directive, await wholeAttachment(part)),
      online: (deviceKey) => this.downchannels.has(deviceKey),
      ...(options.deviceSide ? { options: options.deviceSide } : {}),
    });
    this.events = new EventHandler({
      side: this.side,
      assistant: options.assistant,
      devices: this.devices,
      expectSpeechTimeoutMs: options.expectSpeechTimeoutMs ?? 8000,
      ...(options.tts ? { tts: options.tts } : {}),
      ...(options.asr ? { asr: options.asr } : {}),
    });
    const handler = (req: AnyRequest, res: AnyResponse) => {
      const counted = req.url !== "/v1/directives";
      if (counted) {
        this.inFlight++;
        res.once("close", () => this.inFlight--);
      }
      if (this.draining && !("stream" in req)) res.setHeader("connection", "close");
      if (this.limitPreAuth(req, res)) return;
      this.route(req, res).catch((error) => this.fail(req, res, error));
    };
    if (options.bodyIdleTimeoutMs !== undefined && options.limits?.bodyIdleTimeoutMs === undefined)
      this.limits.bodyIdleTimeoutMs = options.bodyIdleTimeoutMs;
    this.listener = new CicListener(
      {
        ...(options.tls ? { tls: options.tls } : {}),
        maxConcurrentStreams: options.maxConcurrentStreams ?? 100,
        ...(options.preAuth ? { admit: options.preAuth.admit.bind(options.preAuth) } : {}),
        timeouts: { ...DEFAULT_CONNECTION_TIMEOUTS, ...options.timeouts },
      },
      handler,
    );
  }

  listen(port = 0, host = "127.0.0.1"): Promise<AddressInfo> {
    return this.listener.listen(port, host);
  }

  /** Graceful: GOAWAY, downchannels ended cleanly, in-flight requests finish (within the limit). */
  async close(): Promise<void> {
    await this.drain();
    await this.bus.close();
  }

  /**
   * Graceful stop (SIGTERM): stop accepting connections, close the downchannels (devices
   * reconnect elsewhere), GOAWAY on every HTTP/2 connection, let the requests in flight finish,
   * then close whatever is left once `deadlineMs` (default: the shutdown timeout) has passed.
   */
  async drain(deadlineMs?: number): Promise<void> {
    this.draining = true;
    await this.listener.close(() => this.downchannels.closeAll(), deadlineMs);
  }

  /** Requests being answered now (downchannels excluded). */
  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Sends a cloud-initiated directive to a device's downchannel (key: deviceKeyOf). */
  push(
    deviceKey: string,
    directive: CicDirective,
    attachment?: PushedAttachment,
  ): Promise<boolean> {
    return this.bus.publish(deviceKey, directive, attachment);
  }

  /**
   * Sends a directive to the connected devices of a user, all of them or those matching
   * `only` (a device id, and the client id when known); resolves with how many got it.
   * Never reaches another user's device.
   */
  async pushToUser(
    userId: string,
    directive: CicDirective,
    only?: { deviceId: string; clientId?: string },
    attachment?: PushedAttachment,
  ): Promise<number> {
    const devices = new Map<string, UserDevice>(this.userDevices.get(userId));
    const index = this.options.userDeviceIndex;
    if (index) for (const [key, device] of await index.devicesOf(userId)) devices.set(key, device);
    const keys = [...devices]
      .filter(
        ([, grant]) =>
          !only ||
          (grant.deviceId === only.deviceId &&
            (only.clientId === undefined || grant.clientId === only.clientId)),
      )
      .map(([key]) => key);
    const delivered = await Promise.all(
      keys.map(async (key) => {
        const reached = await this.bus.publish(key, directive, attachment);
        // Gone everywhere: drop it from the shared index (see user-devices.ts).
        if (!reached && index && (await this.bus.locate(key)) === undefined)
          await index.remove(userId, key);
        return reached;
      }),
    );
    return delivered.filter(Boolean).length;
  }

  /**
   * Answers a failed request with its System.Exception. A request whose body is still coming
   * is closed once the whole answer is out (RST_STREAM NO_ERROR on HTTP/2, `Connection:
   * close` on HTTP/1.1), never before: the device always reads the complete exception.
   */
  private fail(req: AnyRequest, res: AnyResponse, error: unknown): void {
    if (!(error instanceof CicError)) this.options.onError?.(error);
    const code = error instanceof CicError ? error.code : 500;
    const message = error instanceof CicError ? error.message : "internal error";
    if (res.headersSent) {
      if (!res.writableEnded) res.end();
      return;
    }
    if (res.writableEnded || res.destroyed) return;
    const bodyPending = !req.complete;
    if (bodyPending) {
      req.resume();
      if (!("stream" in req)) res.setHeader("connection", "close");
      // RST_STREAM right at "finish" can overtake the answer's own frames: give the answer a
      // moment on the wire (the body is drained meanwhile), then reset what is still open.
      // (An HTTP/2 compatibility response emits "finish" only once the stream closes, so the
      // delay runs from now; stream.close itself waits for the answer to be written.)
      if ("stream" in req) {
        const stream = req.stream;
        setTimeout(() => {
          if (!req.complete && !stream.destroyed) stream.close(http2.constants.NGHTTP2_NO_ERROR);
        }, CLOSE_GRACE_MS).unref();
      }
    }
    if (error instanceof CicError && error.code === 429 && error.retryAfterMs !== undefined)
      res.setHeader("retry-after", String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))));
    sendException(res, code, message);
  }

  /**
   * Pre-authentication limit (cic/pre-auth.ts): an IP whose failed attempts emptied its bucket
   * gets 429 before any work; otherwise a 401, or an auth API error, is counted against it.
   * True when the request was answered here.
   */
  private limitPreAuth(req: AnyRequest, res: AnyResponse): boolean {
    const guard = this.options.preAuth;
    if (!guard) return false;
    const ip = guard.ipOf(req);
    const path = String(req.url ?? "/").split("?")[0]!;
    const authApi = path === "/authorize" || path === "/token";
    const waitMs = guard.blockedFor(ip);
    if (waitMs > 0) {
      const message = `too many failed or unauthenticated requests from ${ip}; retry in ${waitMs} ms`;
      req.resume();
      if (!("stream" in req)) res.setHeader("connection", "close");
      res.setHeader("retry-after", String(Math.max(1, Math.ceil(waitMs / 1000))));
      if (path.startsWith("/v1/") || path === "/ping") sendException(res, 429, message);
      else if (authApi)
        res
          .writeHead(429, { "content-type": "application/json", "cache-control": "no-store" })
          .end(JSON.stringify({ error: "too_many_requests", error_description: message }));
      else sendError(res, new ApiError(429, "too_many_requests", message));
      return true;
    }
    res.once("finish", () => {
      if (res.statusCode === 401 || (authApi && res.statusCode >= 400))
        guard.failed(ip).catch((error) => this.options.onError?.(error));
    });
    return false;
  }

  /** The device's and the client's buckets (those configured), device first. */
  private rateSteps(grant: DeviceGrant): RateStep[] {
    const limits = this.options.rateLimits;
    if (!limits) return [];
    const checks: [RateLimiter | undefined, string, string, "device" | "client"][] = [
      [limits.device, deviceKeyOf(grant), "this device", "device"],
      [limits.client, grant.clientId, "this device client (all its devices together)", "client"],
    ];
    return checks
      .filter((c): c is [RateLimiter, string, string, "device" | "client"] => Boolean(c[0]))
      .map(([limiter, key, who, scope]) => ({ limiter, key, who, scope }));
  }

  /** Takes a token from the device's and the client's buckets; 429 when either is empty. */
  private async limitRate(grant: DeviceGrant): Promise<void> {
    const steps = this.rateSteps(grant);
    if (steps.length === 0) return;
    // Device first, then client; on Redis both in one round trip.
    this.refuse(steps, await takeInOrder(steps));
  }

  /** The 429 of a refusal (nothing when there is none). */
  private refuse(steps: readonly RateStep[], refused: RateLimitRefusal | null): void {
    if (!refused) return;
    const { who, scope } = steps[refused.index]!;
    this.options.onRateLimited?.(scope);
    throw new CicError(
      429,
      `rate limit exceeded for ${who}; retry in ${refused.retryAfterMs} ms`,
      refused.retryAfterMs,
    );
  }

  private async route(req: AnyRequest, res: AnyResponse): Promise<void> {
    // The three CIC paths as they are sent are valid targets: no URL to parse for them.
    if (!CIC_PATHS.has(req.url as string) && !parseRequestTarget(req.url)) {
      req.resume();
      return sendError(
        res,
        new ApiError(
          400,
          "invalid_url",
          `malformed or too long request target (at most ${MAX_URL_LENGTH} characters)`,
        ),
      );
    }
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const path = query < 0 ? url : url.slice(0, query);
    switch (path) {
      case "/v1/directives":
        return this.openDownchannel(req, res);
      case "/v1/events":
        return this.receiveEvent(req, res);
      case "/ping":
        this.options.userAgent?.check(req.headers["user-agent"]);
        await this.limitRate(await this.authenticate(req));
        req.resume();
        res.writeHead(204).end();
        return;
      case "/authorize":
        return handleAuthorize(this.options.authority, req, res);
      case "/token":
        return handleToken(this.options.authority, req, res);
      case TERMS_PATH:
      case TERMS_API_PATH:
        await handleTerms(this.options.authority, req, res);
        return;
      default:
        if (this.options.fallback) return this.options.fallback(req, res);
        req.resume();
        res.writeHead(404, { "content-type": "application/json" }).end(
          JSON.stringify({
            error: {
              code: "not_found",
              message: `no route for ${String(req.method).slice(0, 20)} ${String(path).slice(0, 200)}`,
            },
          }),
        );
    }
  }

  private async authenticate(req: AnyRequest): Promise<DeviceGrant> {
    const header = String(req.headers.authorization ?? "");
    // The scheme is case-insensitive (RFC 9110 §11.1): "bearer" works as "Bearer" does.
    const token = /^Bearer[ \t]+(\S+)$/i.exec(header)?.[1];
    if (!token)
      throw new CicError(401, "Authorization header with a Bearer access token is required");
    const grant = await this.options.authority.verifyAccessToken(token);
    if (!grant)
      throw new CicError(401, "access token is invalid or expired; refresh it and reconnect");
    this.options.preAuth?.authenticated(socketOf(req));
    return grant;
  }

  /** HTTP/2 (or HTTP/1.1 for browser devices, see docs/cic.md) with the right method. */
  private requireMethod(req: AnyRequest, method: string): void {
    if (req.method !== method)
      throw new CicError(
        400,
        `${String(req.url).slice(0, 200)} expects ${method}, got ${String(req.method).slice(0, 20)}`,
      );
  }

  private connectionOf(req: AnyRequest): object | undefined {
    return "stream" in req ? req.stream.session : req.socket;
  }

  private async openDownchannel(req: AnyRequest, res: AnyResponse): Promise<void> {
    this.requireMethod(req, "GET");
    this.options.userAgent?.check(req.headers["user-agent"]);
    const grant = await this.authenticate(req);
    if (this.options.rateLimits) await this.limitRate(grant);
    const deviceKey = deviceKeyOf(grant);
    if (this.draining) throw new CicError(503, "this node is shutting down; reconnect");
    const devices = this.userDevices.get(grant.userId) ?? new Map<string, DeviceGrant>();
    this.userDevices.set(grant.userId, devices);
    devices.set(deviceKey, grant);
    this.options.userDeviceIndex
      ?.add(grant.userId, deviceKey, { clientId: grant.clientId, deviceId: grant.deviceId })
      .catch((error) => this.options.onError?.(error));
    this.side.remember(grant, deviceKey);
    // Forget the device when its downchannel ends (and no newer one replaced it).
    res.once("close", () => {
      if (this.downchannels.has(deviceKey)) return;
      devices.delete(deviceKey);
      if (devices.size === 0 && this.userDevices.get(grant.userId) === devices)
        this.userDevices.delete(grant.userId);
    });
    this.downchannels.open(deviceKey, this.connectionOf(req)!, res);
    if (!this.downchannels.has(deviceKey)) return;
    askConnectedDeviceForState(this.side, deviceKey).catch((error) =>
      this.options.onError?.(error),
    );
    this.options.onDownchannelOpen?.(grant, deviceKey);
  }

  private async receiveEvent(req: AnyRequest, res: AnyResponse): Promise<void> {
    this.requireMethod(req, "POST");
    this.options.userAgent?.check(req.headers["user-agent"]);
    const grant = await this.authenticate(req);
    const deviceKey = deviceKeyOf(grant);
    const requireDownchannel = this.options.requireDownchannel ?? true;
    // HTTP/2 devices must send events on their downchannel's connection (cic.md §2.6); browser
    // devices on HTTP/1.1 use several connections, so for them an open downchannel suffices.
    const onChannel =
      this.options.downchannelScope === "cluster"
        ? this.downchannels.has(deviceKey) ||
          // The directory unreachable: let the event through (its answer needs no downchannel).
          (await this.bus.locate(deviceKey).catch(() => "unknown")) !== undefined
        : req.httpVersion === "2.0"
          ? this.downchannels.isOnConnection(deviceKey, this.connectionOf(req))
          : this.downchannels.has(deviceKey);
    if (requireDownchannel && !onChannel) {
      req.resume();
      const why = this.downchannels.has(deviceKey)
        ? "this event is not on the connection that carries the device's downchannel"
        : "no downchannel is open for this device: GET /v1/directives first";
      throw new CicError(412, why);
    }
    const steps = this.rateSteps(grant);
    // On Redis the tokens of an event handled once its body is in are taken in the script call
    // of the turn's own commands, which a refusal skips (docs/scale-out.md "One turn on Redis");
    // elsewhere, and for a speech upload, they are taken first.
    const later = steps.length > 0 && steps[0]!.limiter.takeBefore !== undefined;
    if (!later) await this.limitRate(grant);
    const started = performance.now();
    let body: Awaited<ReturnType<typeof readEventRequest>>;
    let message: ReturnType<typeof checkEventMessage>;
    let streaming: boolean;
    try {
      body = await readEventRequest(req, this.limits);
      message = checkEventMessage(body.metadata);
      const { namespace, name: eventName } = message.event.header;
      // Only a speech upload is processed while its body streams in; any other event is handled
      // once its whole body was accepted (so a limit broken later cannot follow a turn).
      streaming = namespace === "SpeechRecognizer" && eventName === "Recognize";
      if (later && streaming) await this.limitRate(grant);
      if (!streaming) await body.finished;
    } catch (error) {
      // A bad event still takes its tokens, and a device over its limit hears that first.
      if (later && !(error instanceof CicError && error.code === 429)) await this.limitRate(grant);
      throw error;
    }
    const handle = () =>
      this.events.handle({
        deviceKey,
        grant,
        message,
        audio: body.audio,
        pushToDownchannel: this.pusher(deviceKey),
      });
    const gated =
      later && !streaming ? steps[0]!.limiter.takeBefore!(steps, Date.now(), handle) : undefined;
    // Limiters that cannot take together (on different connections): first, as elsewhere.
    if (later && !streaming && !gated) await this.limitRate(grant);
    const turn = gated ? gated.result : handle();
    turn.catch(() => {});
    if (gated) this.refuse(steps, await gated.refused);
    let parts: Awaited<typeof turn>;
    try {
      // The answer goes out once the body is complete; a turn that fails earlier answers at once.
      // (A body already complete: only the turn to wait for, with its deadline.)
      if (!streaming) parts = await this.withAnswerDeadline(turn);
      else {
        const answered = body.finished.then(() => this.withAnswerDeadline(turn));
        parts = await Promise.race([answered, turn.then(() => answered)]);
      }
    } catch (error) {
      // A body failure (limit, deadline, cut off) is the reason, whatever it broke downstream.
      throw body.failure() ?? error;
    }
    const name = `${message.event.header.namespace}.${message.event.header.name}`;
    if (parts.length === 0) {
      res.writeHead(204).end();
      this.options.onEvent?.(name, 204, performance.now() - started);
      return;
    }
    await writeEventAnswer(res, parts, this.options.onError);
    this.options.onEvent?.(name, 200, performance.now() - started);
  }

  /** Pushes a directive to a device's downchannel (wherever in the cluster it is). */
  private pusher(deviceKey: string): (directive: CicDirective) => void {
    return (directive) => void this.bus.publish(deviceKey, directive);
  }

  private withAnswerDeadline<T>(work: Promise<T>): Promise<T> {
    return new AnswerDeadline(work, this.options.answerTimeoutMs ?? 30_000).promise;
  }
}

/**
 * A turn's answer or, past `ms`, a 500: one promise and one timer per event (was a race of two
 * promises and a `finally`), its steps methods rather than closures made per event.
 */
class AnswerDeadline<T> {
  readonly promise: Promise<T>;
  #resolve!: (value: T) => void;
  #reject!: (error: unknown) => void;
  readonly #timer: NodeJS.Timeout;

  constructor(work: Promise<T>, ms: number) {
    this.promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#timer = setTimeout(AnswerDeadline.#late, ms, this, ms);
    work.then(this.#answered.bind(this), this.#failed.bind(this));
  }

  static #late<U>(deadline: AnswerDeadline<U>, ms: number): void {
    deadline.#reject(new CicError(500, `the platform did not answer the event within ${ms} ms`));
  }

  #answered(value: T): void {
    clearTimeout(this.#timer);
    this.#resolve(value);
  }

  #failed(error: unknown): void {
    clearTimeout(this.#timer);
    this.#reject(error);
  }
}
