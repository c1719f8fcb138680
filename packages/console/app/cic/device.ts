// The simulator's device: a CIC client in the browser (cic.md). It logs in through the auth API
// as a guest device, keeps the downchannel open as a streaming fetch, and sends events as
// multipart/form-data; answers are multipart/related with directives and MP3 attachments.
import type { EventResponse } from "../../../device/src/client.js";
import { api } from "../api.js";
import { type BrowserTransport, SimulatedDevice, setSimulated } from "./behaviour.js";
import { boundaryOf, eventBody, MultipartParser, type Part, partText } from "./multipart.js";

export interface Directive {
  header: { namespace: string; name: string; messageId: string; dialogRequestId?: string };
  payload: Record<string, unknown>;
}

export interface Credentials {
  clientId: string;
  clientSecret: string;
  deviceId: string;
}

export interface EventResult {
  status: number;
  /** The metadata part as sent. */
  event: unknown;
  directives: Directive[];
  /** Attachments by Content-ID (without angle brackets). */
  attachments: Map<string, Blob>;
  error?: string;
  timings: { headersMs: number; totalMs: number; audioBytes?: number };
}

const CREDENTIALS_KEY = "clover.console.device";
const ACCOUNT_KEY = "clover.console.simulatorAccount";

/** The account the simulator is logged in with (none: a guest device). */
export const simulatorAccount = {
  get: (): { userId: string; accountToken: string } | undefined => {
    const stored = sessionStorage.getItem(ACCOUNT_KEY);
    return stored ? (JSON.parse(stored) as { userId: string; accountToken: string }) : undefined;
  },
  set: (account: { userId: string; accountToken: string } | undefined) =>
    account
      ? sessionStorage.setItem(ACCOUNT_KEY, JSON.stringify(account))
      : sessionStorage.removeItem(ACCOUNT_KEY),
};

/** An account for `userId` (POST /api/v1/accounts, admin token): the simulator logs in with it. */
export async function createAccount(userId: string) {
  return api<{ userId: string; accountToken: string }>("POST", "/api/v1/accounts", {
    json: { userId },
  });
}

/** Device credentials for this browser tab, registered once with the admin token. */
export async function simulatorCredentials(): Promise<Credentials> {
  const stored = sessionStorage.getItem(CREDENTIALS_KEY);
  if (stored) return JSON.parse(stored) as Credentials;
  const client = await api<{ clientId: string; clientSecret: string }>(
    "POST",
    "/api/v1/device-clients",
    {
      json: { name: "Console simulator" },
    },
  );
  const credentials = { ...client, deviceId: `console-${crypto.randomUUID().slice(0, 8)}` };
  sessionStorage.setItem(CREDENTIALS_KEY, JSON.stringify(credentials));
  return credentials;
}

async function authCall(
  path: string,
  params: Record<string, string>,
  accountToken?: string,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${path}?${new URLSearchParams(params)}`, {
    headers: {
      accept: "application/json",
      ...(accountToken ? { authorization: `Bearer ${accountToken}` } : {}),
    },
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(
      `${path} answered ${response.status}: ${String(body["error_description"] ?? body["error"] ?? "no details")}`,
    );
  return body;
}

/**
 * Login (cic.md §3): /authorize for a code, /token for the access token. With the account the
 * simulator was given (simulatorAccount) the device acts for that user, else as a guest (§3.8).
 */
export async function logIn(c: Credentials): Promise<string> {
  const identity = { client_id: c.clientId, device_id: c.deviceId, model_id: "clover-console" };
  const account = simulatorAccount.get();
  const { code } = await authCall(
    "/authorize",
    {
      ...identity,
      response_type: "code",
      state: crypto.randomUUID(),
      ...(account ? {} : { request_vu: "Y" }),
    },
    account?.accountToken,
  );
  const tokens = await authCall("/token", {
    ...identity,
    grant_type: "authorization_code",
    client_secret: c.clientSecret,
    code: String(code),
  });
  return String(tokens["access_token"]);
}

function collect(parts: Part[]) {
  const directives: Directive[] = [];
  const attachments = new Map<string, Blob>();
  for (const part of parts) {
    const type = part.headers["content-type"] ?? "";
    if (type.startsWith("application/json")) {
      const value = JSON.parse(partText(part)) as { directive?: Directive };
      if (value.directive) directives.push(value.directive);
    } else if (part.headers["content-id"]) {
      const id = part.headers["content-id"].replace(/^<|>$/g, "");
      attachments.set(id, new Blob([part.body as Uint8Array<ArrayBuffer>], { type: "audio/mpeg" }));
    }
  }
  return { directives, attachments };
}

export class BrowserDevice {
  private abort = new AbortController();
  /** The device's behaviour and state (player, volume, alerts, notifications…). */
  readonly simulated: SimulatedDevice;

  constructor(
    private accessToken: string,
    private readonly onPushed: (directives: Directive[], attachments: Map<string, Blob>) => void,
    private readonly onClosed: (reason: string) => void,
  ) {
    // Events the device sends by itself (AlertStarted, PlayStarted, ReportState…) and the
    // speech or cards their answers carry, shown like pushed directives.
    const deviceEvent = async (
      event: { namespace: string; name: string; payload: Record<string, unknown> },
      options: { context?: unknown[]; dialogRequestId?: string } = {},
    ): Promise<EventResponse> => {
      const result = await this.send(event, undefined, options);
      this.simulated.noteSent(`${event.namespace}.${event.name}`, result.status);
      if (result.status >= 400)
        throw new Error(`${event.namespace}.${event.name}: ${result.error ?? result.status}`);
      if (result.directives.some((d) => SHOWN.has(d.header.name)))
        this.onPushed(result.directives, result.attachments);
      return {
        status: result.status,
        directives: result.directives,
        attachments: new Map() as EventResponse["attachments"],
      };
    };
    const transport: BrowserTransport = {
      sendEvent: deviceEvent,
      sendText: (text, options) =>
        deviceEvent({ namespace: "TextRecognizer", name: "Recognize", payload: { text } }, options),
    };
    this.simulated = new SimulatedDevice(transport);
    this.simulated.start();
    setSimulated(this.simulated);
    current = this;
  }

  /** Logs in again (after the simulator was given an account, or back to guest) and reconnects. */
  async reconnect(): Promise<void> {
    this.abort.abort();
    this.abort = new AbortController();
    this.accessToken = await logIn(await simulatorCredentials());
    await this.openDownchannel();
    this.simulated.changed();
  }

  /** Opens the downchannel; resolves once the platform accepted it. */
  async openDownchannel(): Promise<void> {
    const response = await fetch("/v1/directives", {
      headers: { authorization: `Bearer ${this.accessToken}` },
      signal: this.abort.signal,
    });
    const boundary = boundaryOf(response.headers.get("content-type"));
    if (response.status !== 200 || !boundary || !response.body) {
      const text = await response.text().catch(() => "");
      throw new Error(`the downchannel was refused (${response.status}): ${text.slice(0, 300)}`);
    }
    const reader = response.body.getReader();
    const signal = this.abort.signal;
    const parser = new MultipartParser(boundary, (part) => {
      const { directives, attachments } = collect([part]);
      const pushed = directives.filter(
        (d) => !(d.header.namespace === "Clova" && d.header.name === "Hello"),
      );
      // The device answers these by itself; they are not something said to the user.
      const shown = pushed.filter(
        (d) => !QUIET_PUSHES.has(`${d.header.namespace}.${d.header.name}`),
      );
      if (shown.length || attachments.size) this.onPushed(shown, attachments);
      if (pushed.length) void this.simulated.receive(pushed, "downchannel");
    });
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.push(value);
        }
        if (!signal.aborted) this.onClosed("the platform closed the downchannel");
      } catch (e) {
        if (!signal.aborted) this.onClosed(`the downchannel broke: ${(e as Error).message}`);
      }
    })();
    // A device asks for its alerts once connected (cic.md §9.1: RequestSynchronizeAlert).
    void this.simulated.run(() => this.simulated.alerts.synchronize().then(() => {}));
  }

  sendText(text: string): Promise<EventResult> {
    return this.turn({ namespace: "TextRecognizer", name: "Recognize", payload: { text } });
  }

  /** One utterance of 16 kHz 16-bit mono little-endian PCM (SpeechRecognizer.Recognize). */
  sendSpeech(pcm: Uint8Array, lang: string): Promise<EventResult> {
    return this.turn(
      {
        namespace: "SpeechRecognizer",
        name: "Recognize",
        payload: { profile: "CLOSE_TALK", format: "AUDIO_L16_RATE_16000_CHANNELS_1", lang },
      },
      pcm,
    );
  }

  /** A user's request: its answer's directives are then applied by the device. */
  private async turn(
    event: { namespace: string; name: string; payload: Record<string, unknown> },
    audio?: Uint8Array,
  ): Promise<EventResult> {
    const dialogRequestId = crypto.randomUUID();
    this.simulated.reference.beginDialog(dialogRequestId);
    const result = await this.send(event, audio, { dialogRequestId });
    void this.simulated.receive(result.directives, "response");
    return result;
  }

  async send(
    event: { namespace: string; name: string; payload: Record<string, unknown> },
    audio?: Uint8Array,
    options: { context?: unknown[]; dialogRequestId?: string } = {},
  ): Promise<EventResult> {
    const metadata = {
      context: withDeviceContext(options.context, this.simulated.context()),
      event: {
        header: {
          namespace: event.namespace,
          name: event.name,
          messageId: crypto.randomUUID(),
          // Only a user's request opens a dialog (cic.md §4): the device's own events have none.
          ...(options.dialogRequestId ? { dialogRequestId: options.dialogRequestId } : {}),
        },
        payload: event.payload,
      },
    };
    const { body, contentType } = eventBody(metadata, audio);
    const t0 = performance.now();
    const response = await fetch("/v1/events", {
      method: "POST",
      headers: { authorization: `Bearer ${this.accessToken}`, "content-type": contentType },
      body,
    });
    const headersMs = performance.now() - t0;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const totalMs = performance.now() - t0;
    const parts: Part[] = [];
    const boundary = boundaryOf(response.headers.get("content-type"));
    if (boundary) new MultipartParser(boundary, (p) => parts.push(p)).push(bytes);
    const { directives, attachments } = collect(parts);
    const result: EventResult = {
      status: response.status,
      event: metadata,
      directives,
      attachments,
      timings: { headersMs, totalMs, ...(audio ? { audioBytes: audio.length } : {}) },
    };
    if (response.status >= 400) {
      const exception = directives.find((d) => d.header.name === "Exception");
      result.error = String(
        exception?.payload["description"] ??
          (new TextDecoder().decode(bytes).slice(0, 300) || `HTTP ${response.status}`),
      );
    }
    return result;
  }

  close(): void {
    this.abort.abort();
    this.simulated.stop();
    if (current === this) {
      current = undefined;
      setSimulated(undefined);
    }
  }
}

let current: BrowserDevice | undefined;

/** The simulator's connected device in this tab, if any. */
export const currentBrowserDevice = () => current;

/** Directive names a person sees or hears in an answer to the device's own events. */
const SHOWN = new Set(["Speak", "RenderText", "RenderTemplate"]);

/** Downchannel directives not shown as a turn: the ask for the state after every connection
 * (cic.md §13.1), which the device answers with ReportState. */
const QUIET_PUSHES = new Set(["DeviceControl.ExpectReportState"]);

/** The context given with an event, completed with every object of the device's state. */
function withDeviceContext(given: unknown[] | undefined, device: unknown[]): unknown[] {
  const key = (o: unknown) => {
    const h = (o as { header?: { namespace?: string; name?: string } }).header;
    return `${h?.namespace}.${h?.name}`;
  };
  const list = [...(given ?? [])];
  const have = new Set(list.map(key));
  for (const object of device) if (!have.has(key(object))) list.push(object);
  return list;
}
