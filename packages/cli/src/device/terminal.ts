// `clover device run`: the reference device (@clover/device ReferenceDevice) in a terminal. It
// keeps a player queue and reports playback as media time passes, applies volume, mute,
// Bluetooth and power, keeps and rings alerts, shows notifications, cards and the player
// screen as text, and prints every change of its state and every event it sends.
import {
  type CicDirectiveMessage,
  type DeviceAlerts,
  type DeviceClient,
  type DeviceEvent,
  type EventResponse,
  ReferenceDevice,
} from "@clover/device";
import type { Output } from "../core/output.js";
import { ALERT_EVENTS_WAIT_MS, AlertWork, keepAlerts, within } from "./alerts.js";
import { nameOf } from "./render.js";
import { changes, directiveLines, stateOf } from "./screen.js";

/** Remote-control buttons (`:next` …) → the PlaybackController event they send. */
export const BUTTONS: Record<string, string> = {
  next: "NextCommandIssued",
  previous: "PreviousCommandIssued",
  pause: "PauseCommandIssued",
  resume: "ResumeCommandIssued",
  play: "PlayCommandIssued",
  stop: "StopCommandIssued",
};

/** Events sent on their own that say nothing new (shown only with --verbose). */
const QUIET = new Set(["SpeechSynthesizer.SpeechStarted", "SpeechSynthesizer.SpeechFinished"]);

export interface TerminalDeviceOptions {
  display?: "none" | "s100" | "m100" | "l100" | "xl100";
  /** Media time per real second (2: the player runs twice as fast). */
  speed?: number;
  verbose?: boolean;
}

export class TerminalDevice {
  readonly device: ReferenceDevice;
  readonly alerts: DeviceAlerts;
  #state: Record<string, string>;
  #ticker: NodeJS.Timeout | undefined;
  #ticking = false;
  readonly #alertWork = new AlertWork();

  constructor(
    private readonly out: Output,
    client: DeviceClient,
    private readonly options: TerminalDeviceOptions = {},
  ) {
    this.alerts = keepAlerts(client, out);
    this.device = new ReferenceDevice(client, {
      ...(options.display ? { display: options.display } : {}),
      extraContext: () => this.alerts.context(),
      onDirective: (directive) => {
        if (directive.header.namespace === "Alerts")
          this.#alertWork.track(this.alerts.handle([directive]));
      },
      onApplied: (directive) => this.applied(directive),
      onEvent: (event, response) => this.sent(event, response),
    });
    this.#state = stateOf(this.device);
  }

  private emit(kind: string, data: Record<string, unknown>, lines: string[]): void {
    if (this.out.json) {
      process.stdout.write(`${JSON.stringify({ kind, ...data })}\n`);
      return;
    }
    for (const line of lines) this.out.line(line);
  }

  private applied(directive: CicDirectiveMessage): void {
    const c = this.out.c;
    const shown = directiveLines(directive);
    if (shown.length > 0)
      this.emit(
        "directive",
        { name: nameOf(directive), payload: directive.payload },
        shown.map((line) =>
          line.startsWith("clova›") ? `${c.cyan("clova›")}${line.slice(6)}` : `       ${line}`,
        ),
      );
    this.showChanges();
  }

  private showChanges(): void {
    const now = stateOf(this.device);
    const changed = changes(this.#state, now);
    this.#state = now;
    if (changed.length > 0)
      this.emit(
        "state",
        { state: now, changed },
        changed.map((line) => `       ${this.out.c.magenta("•")} ${line}`),
      );
  }

  private sent(event: DeviceEvent, response: EventResponse): void {
    const name = `${event.namespace}.${event.name}`;
    if (name === "TextRecognizer.Recognize" || (QUIET.has(name) && !this.options.verbose)) return;
    const status = response.status >= 400 ? this.out.c.red(` ${response.status}`) : "";
    const detail =
      typeof event.payload["offsetInMilliseconds"] === "number"
        ? ` at ${Math.round(event.payload["offsetInMilliseconds"] / 1000)} s`
        : "";
    this.emit("event", { name, payload: event.payload, status: response.status }, [
      `       ${this.out.c.dim(`→ ${name}${detail}`)}${status}`,
    ]);
  }

  /** Opens the downchannel, synchronises the alerts and starts the player's clock. */
  async start(): Promise<void> {
    await this.device.connect();
    await this.alerts.synchronize();
    const speed = this.options.speed ?? 1;
    this.#ticker = setInterval(() => void this.tick(1000 * speed), 1000);
    this.#ticker.unref();
  }

  private async tick(ms: number): Promise<void> {
    if (this.#ticking || this.device.player.activity !== "PLAYING") return;
    this.#ticking = true;
    try {
      await this.device.advance(ms);
      this.showChanges();
    } catch (error) {
      this.out.warn(`player: ${(error as Error).message}`);
    } finally {
      this.#ticking = false;
    }
  }

  /** A typed utterance; its answer is printed as it is applied. */
  async say(text: string): Promise<EventResponse> {
    const response = await this.device.say(text);
    if (response.status >= 400) {
      const description = response.directives[0]?.payload["description"];
      this.emit("error", { status: response.status, description }, [
        this.out.c.red(`✖ ${response.status}${description ? `: ${String(description)}` : ""}`),
      ]);
    } else if (response.status === 204)
      this.emit("silence", {}, [
        `${this.out.c.cyan("clova›")} ${this.out.c.dim("(nothing to say)")}`,
      ]);
    return response;
  }

  /** A remote-control button (`next`, `pause` …). */
  async press(button: string): Promise<EventResponse> {
    const name = BUTTONS[button];
    if (!name) throw new Error(`unknown button ${button}: ${Object.keys(BUTTONS).join(", ")}`);
    return this.device.press(name);
  }

  /** Every field of the device's state. */
  printState(): void {
    const state = stateOf(this.device);
    this.emit(
      "state",
      { state },
      Object.entries(state).map(([key, value]) => `       ${key}: ${value}`),
    );
  }

  /** Waits until pushed directives and the events they caused are done. */
  async settle(): Promise<void> {
    await this.device.settle();
    await this.#alertWork.settled();
  }

  /**
   * Stops ringing and ticking, lets the events already due leave (an AlertStopped for a "stop"
   * just heard), then closes the connection: an event sent after the close would open a new one
   * and keep the process alive until the platform's idle timeout. Waits at most
   * ALERT_EVENTS_WAIT_MS.
   */
  async close(): Promise<void> {
    if (this.#ticker) clearInterval(this.#ticker);
    this.alerts.stop();
    await within(this.settle(), ALERT_EVENTS_WAIT_MS);
    this.device.client.close();
  }
}
