// The simulator's device: a CIC client in the browser (cic.md). It logs in through the auth API
// as a guest device, keeps the downchannel open as a streaming fetch, and sends events as
// multipart/form-data; answers are multipart/related with directives and MP3 attachments.
import { api } from "../api.js";
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
): Promise<Record<string, unknown>> {
  const response = await fetch(`${path}?${new URLSearchParams(params)}`, {
    headers: { accept: "application/json" },
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(
      `${path} answered ${response.status}: ${String(body["error_description"] ?? body["error"] ?? "no details")}`,
    );
  return body;
}

/** Guest login (cic.md §3): /authorize for a code, /token for the access token. */
export async function logIn(c: Credentials): Promise<string> {
  const identity = { client_id: c.clientId, device_id: c.deviceId, model_id: "clover-console" };
  const { code } = await authCall("/authorize", {
    ...identity,
    response_type: "code",
    state: crypto.randomUUID(),
    request_vu: "Y",
  });
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
  private context: unknown[] = [
    {
      header: { namespace: "Device", name: "Display" },
      payload: {
        size: "m100",
        orientation: "landscape",
        dpi: 160,
        contentLayer: { width: 640, height: 360 },
      },
    },
  ];

  constructor(
    private readonly accessToken: string,
    private readonly onPushed: (directives: Directive[], attachments: Map<string, Blob>) => void,
    private readonly onClosed: (reason: string) => void,
  ) {}

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
    const parser = new MultipartParser(boundary, (part) => {
      const { directives, attachments } = collect([part]);
      const pushed = directives.filter(
        (d) => !(d.header.namespace === "Clova" && d.header.name === "Hello"),
      );
      if (pushed.length || attachments.size) this.onPushed(pushed, attachments);
    });
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.push(value);
        }
        this.onClosed("the platform closed the downchannel");
      } catch (e) {
        if (!this.abort.signal.aborted)
          this.onClosed(`the downchannel broke: ${(e as Error).message}`);
      }
    })();
  }

  sendText(text: string): Promise<EventResult> {
    return this.send({ namespace: "TextRecognizer", name: "Recognize", payload: { text } });
  }

  /** One utterance of 16 kHz 16-bit mono little-endian PCM (SpeechRecognizer.Recognize). */
  sendSpeech(pcm: Uint8Array, lang: string): Promise<EventResult> {
    return this.send(
      {
        namespace: "SpeechRecognizer",
        name: "Recognize",
        payload: { profile: "CLOSE_TALK", format: "AUDIO_L16_RATE_16000_CHANNELS_1", lang },
      },
      pcm,
    );
  }

  async send(
    event: { namespace: string; name: string; payload: Record<string, unknown> },
    audio?: Uint8Array,
  ): Promise<EventResult> {
    const metadata = {
      context: this.context,
      event: {
        header: {
          namespace: event.namespace,
          name: event.name,
          messageId: crypto.randomUUID(),
          dialogRequestId: crypto.randomUUID(),
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
  }
}
