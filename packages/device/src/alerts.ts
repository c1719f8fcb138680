// Alerts kept on the device as cic.md §9.1 asks of a client: SetAlert / DeleteAlert /
// SynchronizeAlert change the local set (each answered with its Succeeded event), alerts ring
// at their time (AlertStarted), a stop button asks the server (RequestAlertStop) and StopAlert
// silences (AlertStopped). Every event carries Alerts.AlertsState (§8.1). Time is injectable:
// `ringDue()` rings what is due now; `start()` also rings on real timers. Assets with an
// http(s) URL (a reminder's spoken text) are downloaded when the alert is set, as §9.1 asks;
// one that cannot be downloaded is skipped when ringing.
import type { CicDirectiveMessage, ContextObject, DeviceClient, EventResponse } from "./client.js";

export interface DeviceAlert {
  token: string;
  type: string;
  scheduledTime: string;
  label?: string;
  assets?: { assetId: string; url: string }[];
  assetPlayOrder?: string[];
}

export interface DeviceAlertsOptions {
  /** Milliseconds since the epoch (tests move it). */
  now?: () => number;
  /** An alert starts ringing. */
  onRing?: (alert: DeviceAlert) => void;
  /** A ringing alert stopped. */
  onStop?: (alert: DeviceAlert) => void;
  /** Every answer to an event this keeper sent (speech, cards, the booked actions). */
  onResponse?: (event: string, response: EventResponse) => void;
  /** Fail SetAlert for these types (to try SetAlertFailed). */
  refuseTypes?: readonly string[];
  /** More context objects to send with every event (e.g. Device.Display). */
  context?: () => ContextObject[];
  /** Downloads an asset (default: fetch, 10 s, at most 8 MiB). */
  fetchAsset?: (url: string) => Promise<Uint8Array>;
}

/** A downloaded asset of an alert, in play order. */
export interface AlertAsset {
  assetId: string;
  url: string;
  /** The audio, or undefined for the device's built-in bell and assets that failed. */
  audio?: Uint8Array;
}

const ASSET_LIMIT = 8 * 1024 * 1024;

async function fetchAsset(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`asset ${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > ASSET_LIMIT) throw new Error(`asset ${url}: larger than ${ASSET_LIMIT} bytes`);
  return bytes;
}

const MAX_TIMER_MS = 2_147_000_000;

export class DeviceAlerts {
  readonly #alerts = new Map<string, DeviceAlert>();
  readonly #ringing = new Set<string>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #audio = new Map<string, Map<string, Uint8Array>>();
  readonly #downloads = new Set<Promise<void>>();
  readonly #options: DeviceAlertsOptions;
  #running = false;
  /** Events sent and their answers, in order (for logs and tests). */
  readonly log: { event: string; payload: Record<string, unknown>; response: EventResponse }[] = [];

  constructor(
    private readonly client: DeviceClient,
    options: DeviceAlertsOptions = {},
  ) {
    this.#options = options;
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  get all(): DeviceAlert[] {
    return [...this.#alerts.values()].sort(
      (a, b) => Date.parse(a.scheduledTime) - Date.parse(b.scheduledTime),
    );
  }

  get active(): DeviceAlert[] {
    return this.all.filter((a) => this.#ringing.has(a.token));
  }

  /** An alert's assets in assetPlayOrder, with the audio downloaded for http(s) ones. */
  assets(token: string): AlertAsset[] {
    const alert = this.#alerts.get(token);
    if (!alert?.assets) return [];
    const byId = new Map(alert.assets.map((a) => [a.assetId, a]));
    const audio = this.#audio.get(token);
    return (alert.assetPlayOrder ?? alert.assets.map((a) => a.assetId)).flatMap((id) => {
      const asset = byId.get(id);
      if (!asset) return [];
      const bytes = audio?.get(id);
      return [{ assetId: id, url: asset.url, ...(bytes ? { audio: bytes } : {}) }];
    });
  }

  /** Resolves when every asset download started so far has finished (or failed). */
  async downloaded(): Promise<void> {
    while (this.#downloads.size > 0) await Promise.all([...this.#downloads]);
  }

  /** Alerts.AlertsState (§8.1). */
  state(): ContextObject {
    const info = (a: DeviceAlert) => ({
      token: a.token,
      type: a.type,
      scheduledTime: a.scheduledTime,
    });
    return {
      header: { namespace: "Alerts", name: "AlertsState" },
      payload: { allAlerts: this.all.map(info), activeAlerts: this.active.map(info) },
    };
  }

  context(): ContextObject[] {
    return [this.state(), ...(this.#options.context?.() ?? [])];
  }

  /** Sends an event with the context and acts on the Alerts directives of its answer. */
  async send(
    name: string,
    payload: Record<string, unknown>,
    namespace = "Alerts",
  ): Promise<EventResponse> {
    const response = await this.client.sendEvent(
      { namespace, name, payload },
      { context: this.context() },
    );
    this.log.push({ event: `${namespace}.${name}`, payload, response });
    this.#options.onResponse?.(`${namespace}.${name}`, response);
    await this.handle(response.directives);
    return response;
  }

  /** A typed utterance with the alerts context; the answer's Alerts directives are applied. */
  async sendText(text: string): Promise<EventResponse> {
    const response = await this.client.sendText(text, { context: this.context() });
    this.log.push({ event: "TextRecognizer.Recognize", payload: { text }, response });
    this.#options.onResponse?.("TextRecognizer.Recognize", response);
    await this.handle(response.directives);
    return response;
  }

  /** Acts on every Alerts directive (from an answer or the downchannel); others are ignored. */
  async handle(directives: readonly CicDirectiveMessage[]): Promise<void> {
    for (const directive of directives) {
      if (directive.header.namespace !== "Alerts") continue;
      const payload = directive.payload;
      const token = String(payload["token"] ?? "");
      const type = String(payload["type"] ?? "");
      switch (directive.header.name) {
        case "SetAlert": {
          if (this.#options.refuseTypes?.includes(type)) {
            await this.send("SetAlertFailed", { token, type });
            break;
          }
          this.#put(payload as unknown as DeviceAlert);
          await this.send("SetAlertSucceeded", { token, type });
          break;
        }
        case "DeleteAlert": {
          const had = this.#alerts.has(token);
          this.#remove(token);
          await this.send(had ? "DeleteAlertSucceeded" : "DeleteAlertFailed", { token, type });
          break;
        }
        case "StopAlert": {
          const alert = this.#alerts.get(token);
          if (!alert || !this.#ringing.has(token)) break;
          this.#ringing.delete(token);
          this.#options.onStop?.(alert);
          await this.send("AlertStopped", { token, type });
          break;
        }
        case "SynchronizeAlert": {
          const all = (payload["allAlerts"] as DeviceAlert[] | undefined) ?? [];
          const keep = new Set(all.map((a) => a.token));
          for (const token of [...this.#alerts.keys()]) if (!keep.has(token)) this.#remove(token);
          for (const alert of all) this.#put(alert);
          break;
        }
        default:
          break;
      }
    }
  }

  /** Asks the server for the full list (after connecting, §9.1). */
  synchronize(): Promise<EventResponse> {
    return this.send("RequestSynchronizeAlert", {});
  }

  /** Rings every alert whose time has come (AlertStarted for each). */
  async ringDue(now = this.#now()): Promise<DeviceAlert[]> {
    const due = this.all.filter(
      (a) => !this.#ringing.has(a.token) && Date.parse(a.scheduledTime) <= now,
    );
    for (const alert of due) {
      this.#ringing.add(alert.token);
      this.#options.onRing?.(alert);
      await this.send("AlertStarted", { token: alert.token, type: alert.type });
    }
    return due;
  }

  /** The stop button: the device silences at once and asks the server (RequestAlertStop). */
  async pressStop(token = this.active[0]?.token): Promise<EventResponse | undefined> {
    const alert = token ? this.#alerts.get(token) : undefined;
    if (!alert) return undefined;
    return this.send("RequestAlertStop", { token: alert.token, type: alert.type });
  }

  /** The delete button: the device asks the server (RequestDeleteAlert). */
  async pressDelete(token: string): Promise<EventResponse | undefined> {
    const alert = this.#alerts.get(token);
    if (!alert) return undefined;
    return this.send("RequestDeleteAlert", { token: alert.token, type: alert.type });
  }

  /** Also ring on real timers (a device in use, `clover device`). */
  start(): void {
    this.#running = true;
    for (const alert of this.#alerts.values()) this.#arm(alert);
  }

  stop(): void {
    this.#running = false;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #put(alert: DeviceAlert): void {
    this.#ringing.delete(alert.token);
    this.#alerts.set(alert.token, { ...alert });
    this.#audio.delete(alert.token);
    this.#arm(alert);
    this.#download(alert);
  }

  #download(alert: DeviceAlert): void {
    for (const asset of alert.assets ?? []) {
      if (!/^https?:\/\//i.test(asset.url)) continue;
      const job = (this.#options.fetchAsset ?? fetchAsset)(asset.url)
        .then((bytes) => {
          if (!this.#alerts.get(alert.token)?.assets?.includes(asset)) return;
          const audio = this.#audio.get(alert.token) ?? new Map<string, Uint8Array>();
          audio.set(asset.assetId, bytes);
          this.#audio.set(alert.token, audio);
        })
        .catch(() => {}) // skipped when ringing (§9.1)
        .finally(() => this.#downloads.delete(job));
      this.#downloads.add(job);
    }
  }

  #remove(token: string): void {
    this.#alerts.delete(token);
    this.#audio.delete(token);
    this.#ringing.delete(token);
    clearTimeout(this.#timers.get(token));
    this.#timers.delete(token);
  }

  #arm(alert: DeviceAlert): void {
    clearTimeout(this.#timers.get(alert.token));
    this.#timers.delete(alert.token);
    if (!this.#running) return;
    const delay = Math.max(0, Date.parse(alert.scheduledTime) - this.#now());
    if (delay > MAX_TIMER_MS) return;
    const timer = setTimeout(() => {
      this.#timers.delete(alert.token);
      void this.ringDue().catch(() => {});
    }, delay);
    timer.unref();
    this.#timers.set(alert.token, timer);
  }
}
