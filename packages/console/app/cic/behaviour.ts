// What makes the simulator a device (cic.md §8, §9): the reference device of @clover/device
// (player queue and playback reports, DeviceControl on its own volume/Bluetooth state,
// Notifier, cards and the player screen, ExpectLogin) and its alert keeper (SetAlert,
// DeleteAlert, ringing, AlertStarted/AlertStopped), the very classes `clover device` runs,
// here over the browser's CIC transport. The panels read its state through `useSimulated()`.
import { useSyncExternalStore } from "react";
import type { DeviceAlert } from "../../../device/src/alerts.js";
import { DeviceAlerts } from "../../../device/src/alerts.js";
import type {
  CicDirectiveMessage,
  ContextObject,
  EventResponse,
} from "../../../device/src/client.js";
import { type CicTransport, ReferenceDevice } from "../../../device/src/reference-device.js";

/** The CIC calls the simulated device makes (BrowserDevice implements them with fetch). */
export interface BrowserTransport {
  sendEvent(
    event: { namespace: string; name: string; payload: Record<string, unknown> },
    options?: { context?: ContextObject[]; dialogRequestId?: string },
  ): Promise<EventResponse>;
  sendText(
    text: string,
    options?: { context?: ContextObject[]; dialogRequestId?: string },
  ): Promise<EventResponse>;
}

/** How often playback time moves and due alerts are checked. */
const TICK_MS = 500;

export class SimulatedDevice {
  readonly reference: ReferenceDevice<CicTransport>;
  readonly alerts: DeviceAlerts;
  /** Alerts ringing now (shown with Stop and Snooze). */
  ringing: DeviceAlert[] = [];
  /** Notifications delivered (Notifier.Notify), newest first. */
  notifications: { at: number; text: string }[] = [];
  /** The events the device sent by itself, newest first ("Alerts.AlertStarted 204"). */
  sent: string[] = [];
  /** Problems the device ran into (an event refused…), newest first. */
  problems: string[] = [];
  private notifying = false;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private ticker: ReturnType<typeof setInterval> | undefined;
  private lastTick = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(transport: BrowserTransport) {
    const client = {
      sendEvent: transport.sendEvent,
      sendText: transport.sendText,
      openDownchannel: () => Promise.reject(new Error("the simulator opens its own downchannel")),
    };
    this.reference = new ReferenceDevice(client, {
      display: "m100",
      onDirective: (directive, channel) => this.noticed(directive, channel),
    });
    this.alerts = new DeviceAlerts(client, {
      context: () => this.reference.context(),
      // The answers to Alerts events carry speech and cards (the confirmation after
      // SetAlertSucceeded): the device shows and plays them too.
      onResponse: (_event, response) =>
        this.reference.receive(
          response.directives.filter((d) => d.header.namespace !== "Alerts"),
          "response",
        ),
      onRing: (alert) => {
        this.ringing = [...this.ringing.filter((a) => a.token !== alert.token), alert];
        this.changed();
      },
      onStop: (alert) => {
        this.ringing = this.ringing.filter((a) => a.token !== alert.token);
        this.changed();
      },
    });
  }

  /** Every context object of the device: the reference device's and Alerts.AlertsState. */
  context(): ContextObject[] {
    return [...this.reference.context(), this.alerts.state()];
  }

  /** Applies directives (an answer's, or pushed on the downchannel), one batch at a time. */
  receive(directives: CicDirectiveMessage[], channel: "response" | "downchannel"): Promise<void> {
    const next = this.queue.then(async () => {
      try {
        await this.reference.receive(directives, channel);
        await this.alerts.handle(directives);
      } catch (error) {
        this.problem((error as Error).message);
      }
      this.changed();
    });
    this.queue = next;
    return next;
  }

  /** Rings due alerts on real timers and lets playback time pass while playing. */
  start(): void {
    this.alerts.start();
    this.lastTick = performance.now();
    this.ticker = setInterval(() => {
      const now = performance.now();
      const elapsed = Math.round(now - this.lastTick);
      this.lastTick = now;
      if (this.reference.player.activity !== "PLAYING") return;
      this.queue = this.queue.then(() =>
        this.reference.advance(elapsed).then(
          () => this.changed(),
          (error: Error) => this.problem(error.message),
        ),
      );
    }, TICK_MS);
  }

  stop(): void {
    this.alerts.stop();
    clearInterval(this.ticker);
    this.ringing = [];
  }

  /** A button on the device (PlaybackController.*CommandIssued and the like). */
  press(name: string, payload: Record<string, unknown> = {}, namespace = "PlaybackController") {
    return this.run(() => this.reference.press(name, payload, namespace).then(() => {}));
  }

  /** The alert's stop button: RequestAlertStop; the server answers StopAlert. */
  stopAlert(token: string) {
    return this.run(() => this.alerts.pressStop(token).then(() => {}));
  }

  /** Volume/mute/Bluetooth changed on the device itself, then reported (DeviceControl). */
  setVolume(value: number) {
    const v = this.reference.volume;
    v.value = Math.max(v.min, Math.min(v.max, value));
    return this.report();
  }

  toggleMute() {
    this.reference.volume.muted = !this.reference.volume.muted;
    return this.report();
  }

  toggleBluetooth() {
    const bt = this.reference.bluetooth;
    bt.state = bt.state === "on" ? "off" : "on";
    if (bt.state === "off") for (const d of bt.btlist) d.connected = false;
    return this.report();
  }

  private report() {
    this.changed();
    return this.run(() =>
      this.reference
        .send({ namespace: "DeviceControl", name: "ReportState", payload: {} })
        .then(() => {}),
    );
  }

  /** Runs device work after what is already queued (one event at a time, in order). */
  run(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work).then(
      () => this.changed(),
      (error: Error) => this.problem(error.message),
    );
    this.queue = next;
    return next;
  }

  /** Notify comes with its light and tone; the text follows as RenderText on the downchannel. */
  private noticed(directive: CicDirectiveMessage, channel: "response" | "downchannel") {
    const key = `${directive.header.namespace}.${directive.header.name}`;
    if (key === "Notifier.Notify") {
      this.notifying = true;
      this.notifications = [{ at: Date.now(), text: "" }, ...this.notifications].slice(0, 20);
    } else if (key === "Clova.RenderText" && channel === "downchannel" && this.notifying) {
      this.notifying = false;
      const [first, ...rest] = this.notifications;
      if (first)
        this.notifications = [{ ...first, text: String(directive.payload["text"] ?? "") }, ...rest];
    }
  }

  /** Notes an event the device sent and the HTTP status of its answer. */
  noteSent(name: string, status: number): void {
    this.sent = [`${name} ${status}`, ...this.sent].slice(0, 50);
    this.changed();
  }

  private problem(message: string) {
    this.problems = [message, ...this.problems].slice(0, 5);
    this.changed();
  }

  changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = () => this.version;
}

// The simulator's device of this tab, for the panels (set by BrowserDevice).
let current: SimulatedDevice | undefined;
const watchers = new Set<() => void>();
let generation = 0;

export function setSimulated(device: SimulatedDevice | undefined): void {
  current = device;
  generation++;
  for (const w of watchers) w();
}

/** The simulated device of this tab; the component renders again on every change. */
export function useSimulated(): SimulatedDevice | undefined {
  useSyncExternalStore(
    (listener) => {
      watchers.add(listener);
      return () => watchers.delete(listener);
    },
    () => generation,
  );
  useSyncExternalStore(
    (listener) => current?.subscribe(listener) ?? (() => {}),
    () => `${generation}:${current?.snapshot() ?? 0}`,
  );
  return current;
}
