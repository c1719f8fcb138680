// A device that behaves like a real one for every CIC interface (cic.md §9, §12): it keeps a
// player queue and reports playback, applies DeviceControl to its own state and reports the
// result, shows notifications, renders cards and the player screen, keeps its settings,
// answers the server's state requests, speaks what it is asked, and honours ExpectLogin.
// Every event it sends carries its full context (§8). `clover device` and the tests use it.
// Plain TypeScript without Node APIs: the console's simulator runs the same class in a browser,
// over its own CIC transport.
import type { CicDirectiveMessage, ContextObject, DeviceClient, EventResponse } from "./client.js";
import { type DeviceEvent, ReferencePlayer } from "./player.js";

/** What the device needs of a CIC client: DeviceClient, or the browser's fetch transport. */
export type CicTransport = Pick<DeviceClient, "sendEvent" | "openDownchannel">;

export interface ReferenceDeviceOptions {
  /** `none` for a speaker, or a screen class (cic.md §8.7). */
  display?: "none" | "s100" | "m100" | "l100" | "xl100";
  /** The DeviceControl actions the device can perform, per feature (cic.md §8.6). */
  actions?: Partial<Record<Feature, string[]>>;
  settings?: Record<string, string>;
  location?: { latitude: string; longitude: string };
  /** Called with every directive the device receives (the terminal prints them). */
  onDirective?: (directive: CicDirectiveMessage, channel: "response" | "downchannel") => void;
  /** Called once a directive changed the device's state, before the events it causes. */
  onApplied?: (directive: CicDirectiveMessage, events: DeviceEvent[]) => void;
  /** Called with every event the device sent and its answer. */
  onEvent?: (event: DeviceEvent, response: EventResponse) => void;
  /** More context objects sent with every event (e.g. Alerts.AlertsState of DeviceAlerts). */
  extraContext?: () => ContextObject[];
}

type Feature = "volume" | "bluetooth" | "screenbrightness" | "wifi" | "power" | "flashlight";

const DEFAULT_ACTIONS: Record<Feature, string[]> = {
  volume: ["Decrease", "Increase", "SetValue"],
  bluetooth: [
    "TurnOff",
    "TurnOn",
    "BtConnect",
    "BtDisconnect",
    "BtStartPairing",
    "BtStopPairing",
    "BtPlay",
    "BtRescan",
    "BtDelete",
  ],
  screenbrightness: [],
  wifi: [],
  power: ["TurnOff", "TurnOn"],
  flashlight: [],
};

export interface BluetoothDevice {
  name: string;
  address: string;
  connected: boolean;
  role: "sink" | "source";
  /** Service classes the device offers (cic.md §8.6, required in the context); when left out
   * the context derives them from the role: a sink of ours is an audio source, and back. */
  availableServiceClassList?: string[];
}

/** The Bluetooth service classes a paired device offers, as the context must list them. */
function serviceClasses(device: BluetoothDevice): string[] {
  return (
    device.availableServiceClassList ?? [
      device.role === "sink" ? "AudioSource" : "AudioSink",
      "AVRemoteControl",
    ]
  );
}

export class ReferenceDevice<Client extends CicTransport = DeviceClient> {
  readonly player = new ReferencePlayer();
  volume = { value: 5, min: 0, max: 10, muted: false, beforeMute: 5 };
  brightness = { value: 50, min: 0, max: 100 };
  power: "active" | "idle" = "active";
  bluetooth = {
    state: "on" as "on" | "off",
    pairing: "off" as "on" | "off",
    scanning: "off" as "on" | "off",
    connecting: "off" as "on" | "off",
    btlist: [] as BluetoothDevice[],
    scanlist: [] as Omit<BluetoothDevice, "connected">[],
  };
  settings: Record<string, string>;
  /** Notifier state: the indicator light, and what was announced. */
  indicator = false;
  readonly notifications: string[] = [];
  /** Texts shown (RenderText), cards (RenderTemplate), the player screen, suggestions. */
  readonly screen: {
    text: string[];
    cards: Record<string, unknown>[];
    player?: Record<string, unknown>;
    playlist?: Record<string, unknown>;
    suggestions?: unknown[];
  } = { text: [], cards: [] };
  /** Speak tokens played (each answered by SpeechStarted/SpeechFinished). */
  readonly spoken: string[] = [];
  /** Extension mode shown (Clova.StartExtension / FinishExtension). */
  extensionMode: string | undefined;
  /** Set by Clova.ExpectLogin: the device asks the user to log in. */
  loginRequested = false;
  helpShown = false;
  readonly launched: string[] = [];
  /** Other devices' states received through DeviceControl.SynchronizeState. */
  readonly peers = new Map<string, Record<string, unknown> | undefined>();
  /** Every event sent, in order ("Namespace.Name"). */
  readonly sent: string[] = [];
  private readonly actions: Record<Feature, string[]>;
  private lastDialogRequestId: string | undefined;
  private readonly pending: Promise<void>[] = [];

  constructor(
    readonly client: Client,
    private readonly options: ReferenceDeviceOptions = {},
  ) {
    this.actions = { ...DEFAULT_ACTIONS, ...options.actions };
    this.settings = { ...options.settings };
    if (options.display && options.display !== "none")
      this.actions.screenbrightness = ["Decrease", "Increase", "SetValue"];
  }

  /** Every context object the device can produce (cic.md §8). */
  context(): ContextObject[] {
    const display = this.options.display ?? "none";
    const ctx = (namespace: string, name: string, payload: Record<string, unknown>) => ({
      header: { namespace, name },
      payload,
    });
    const state: Record<string, unknown> = {
      localTime: new Date().toISOString(),
      volume: {
        actions: this.actions.volume,
        min: this.volume.min,
        max: this.volume.max,
        value: this.volume.value,
        warning: this.volume.max - 1,
      },
      bluetooth: {
        actions: this.actions.bluetooth,
        ...this.bluetooth,
        btlist: this.bluetooth.btlist.map((d) => ({
          ...d,
          availableServiceClassList: serviceClasses(d),
        })),
      },
      power: { actions: this.actions.power, state: this.power },
      soundOutput: {
        type: this.bluetooth.btlist.some((d) => d.connected && d.role === "source")
          ? "bluetooth"
          : "builtin",
      },
    };
    if (display !== "none")
      state["screenBrightness"] = { actions: this.actions.screenbrightness, ...this.brightness };
    return [
      this.player.context(),
      ctx("Speaker", "VolumeState", { volume: this.volume.value, muted: this.volume.muted }),
      ctx(
        "Device",
        "Display",
        display === "none"
          ? { size: "none" }
          : { size: display, orientation: "landscape", dpi: 160 },
      ),
      ctx("Device", "Audio", {
        acceptContentType: [{ mimeType: "audio/mpeg", audioCodec: "MP3", fileExtension: "MP3" }],
      }),
      ctx("Device", "DeviceState", state),
      ...(this.options.location
        ? [
            ctx("Clova", "Location", {
              ...this.options.location,
              refreshedAt: new Date().toISOString(),
            }),
          ]
        : []),
    ];
  }

  /** Opens the downchannel; pushed directives are applied as they come. */
  async connect(): Promise<void> {
    await this.client.openDownchannel((directive) => {
      this.pending.push(this.receive([directive], "downchannel").then(() => {}));
    });
  }

  /** Waits until every pushed directive and the events it caused have been handled. */
  async settle(): Promise<void> {
    while (this.pending.length > 0) await this.pending.shift();
  }

  /** Sends one event with the full context and applies the answer. */
  async send(event: DeviceEvent, dialogRequestId?: string): Promise<EventResponse> {
    this.sent.push(`${event.namespace}.${event.name}`);
    const response = await this.client.sendEvent(event, {
      context: [...this.context(), ...(this.options.extraContext?.() ?? [])],
      ...(dialogRequestId ? { dialogRequestId } : {}),
    });
    this.options.onEvent?.(event, response);
    await this.receive(response.directives, "response");
    return response;
  }

  /** A typed utterance (cic.md §9.12). */
  say(text: string): Promise<EventResponse> {
    const id = globalThis.crypto.randomUUID();
    this.lastDialogRequestId = id;
    return this.send({ namespace: "TextRecognizer", name: "Recognize", payload: { text } }, id);
  }

  /** A button press (PlaybackController.*CommandIssued and the like). */
  press(name: string, payload: Record<string, unknown> = {}, namespace = "PlaybackController") {
    return this.send({ namespace, name, payload });
  }

  /** A dialog started elsewhere (the simulator's own turns): its directives are the current ones. */
  beginDialog(dialogRequestId: string): void {
    this.lastDialogRequestId = dialogRequestId;
  }

  /** Lets media time pass and reports what a player reports. */
  async advance(ms: number): Promise<void> {
    for (const event of this.player.advance(ms)) await this.send(event);
  }

  /** Applies directives in order (dropping those of an older dialog, cic.md §7.3). */
  async receive(directives: CicDirectiveMessage[], channel: "response" | "downchannel") {
    for (const directive of directives) {
      const id = directive.header.dialogRequestId;
      if (id && this.lastDialogRequestId && id !== this.lastDialogRequestId) continue;
      this.options.onDirective?.(directive, channel);
      const events = this.apply(directive);
      this.options.onApplied?.(directive, events);
      for (const event of events) await this.send(event);
    }
  }

  private apply(directive: CicDirectiveMessage): DeviceEvent[] {
    const { namespace, name } = directive.header;
    const p = directive.payload;
    const ev = (ns: string, n: string, payload: Record<string, unknown> = {}) => ({
      namespace: ns,
      name: n,
      payload,
    });
    if (
      namespace === "AudioPlayer" ||
      (namespace === "PlaybackController" &&
        !["Mute", "Unmute", "VolumeUp", "VolumeDown"].includes(name) &&
        !name.startsWith("Expect"))
    )
      return this.player.apply(directive);
    switch (`${namespace}.${name}`) {
      case "SpeechSynthesizer.Speak": {
        const token = String(p["token"] ?? "");
        this.spoken.push(token);
        return [
          ev("SpeechSynthesizer", "SpeechStarted", { token }),
          ev("SpeechSynthesizer", "SpeechFinished", { token }),
        ];
      }
      case "Clova.RenderText":
        this.screen.text.push(String(p["text"] ?? ""));
        return [];
      case "Clova.RenderTemplate":
        this.screen.cards.push(p);
        return [];
      case "Clova.RenderSuggestion":
        this.screen.suggestions = Array.isArray(p["suggestions"]) ? p["suggestions"] : [];
        return [];
      case "Clova.Help":
        this.helpShown = true;
        return [];
      case "Clova.LaunchURI": {
        const first = Array.isArray(p["targets"])
          ? (p["targets"][0] as { uri?: string } | undefined)
          : undefined;
        if (first?.uri) this.launched.push(first.uri);
        return [];
      }
      case "Clova.ExpectLogin":
        this.loginRequested = true;
        return [];
      case "Clova.StartExtension":
        this.extensionMode = String(p["extension"] ?? "");
        return [];
      case "Clova.FinishExtension":
        if (this.extensionMode === p["extension"]) this.extensionMode = undefined;
        return [];
      case "Clova.HandleDelegatedEvent":
        return [ev("Clova", "ProcessDelegatedEvent", { delegationId: p["delegationId"] })];
      case "PlaybackController.Mute":
        this.volume.muted = true;
        return [];
      case "PlaybackController.Unmute":
        this.volume.muted = false;
        return [];
      case "PlaybackController.VolumeUp":
        return this.control({
          ...directive,
          header: { ...directive.header, namespace: "DeviceControl", name: "Increase" },
          payload: { target: "volume" },
        });
      case "PlaybackController.VolumeDown":
        return this.control({
          ...directive,
          header: { ...directive.header, namespace: "DeviceControl", name: "Decrease" },
          payload: { target: "volume" },
        });
      case "Notifier.SetIndicator":
      case "Notifier.Notify":
        this.indicator = p["light"] === "DEFAULT" || this.indicator;
        if (name === "Notify") this.notifications.push(JSON.stringify(p["assets"] ?? []));
        return [];
      case "Notifier.ClearIndicator":
        this.indicator = false;
        return [];
      case "Settings.Update":
        Object.assign(this.settings, p["configuration"] as Record<string, string>);
        return [ev("Settings", "Report", { configuration: { ...this.settings } })];
      case "Settings.ExpectReport":
        return [ev("Settings", "Report", { configuration: { ...this.settings } })];
      case "TemplateRuntime.RenderPlayerInfo":
        this.screen.player = p;
        return [];
      case "TemplateRuntime.RenderPlaylist":
        this.screen.playlist = p;
        return [];
      case "TemplateRuntime.ExpectRequestPlayerInfo": {
        const token = this.player.current?.stream["token"];
        return typeof token === "string"
          ? [ev("TemplateRuntime", "RequestPlayerInfo", { token })]
          : [];
      }
      case "TemplateRuntime.UpdateLike":
      case "TemplateRuntime.UpdateSubscribe":
        this.screen.player = {
          ...this.screen.player,
          [name === "UpdateLike" ? "liked" : "subscribed"]: p,
        };
        return [];
      case "DeviceControl.SynchronizeState":
        this.peers.set(
          String(p["deviceId"]),
          p["deviceState"] as Record<string, unknown> | undefined,
        );
        return [];
      case "DeviceControl.ExpectReportState":
        return [ev("DeviceControl", "ReportState")];
      default:
        if (namespace === "PlaybackController" && name.startsWith("Expect")) {
          const pressed = `${name.slice("Expect".length)}Issued`;
          const target = p["target"] as { namespace?: string } | undefined;
          return [
            ev("PlaybackController", pressed, {
              ...(target?.namespace ? { source: { namespace: target.namespace } } : {}),
              ...(p["token"] ? { token: p["token"] } : {}),
              ...(p["handover"] ? { handover: p["handover"] } : {}),
            }),
          ];
        }
        if (namespace === "DeviceControl") return this.control(directive);
        return [];
    }
  }

  /** DeviceControl directives on the device's own state; ActionExecuted or ActionFailed. */
  private control(directive: CicDirectiveMessage): DeviceEvent[] {
    const command = directive.header.name;
    const p = directive.payload;
    const target =
      typeof p["target"] === "string" ? p["target"] : command.startsWith("Bt") ? "bluetooth" : "";
    const done = (ok: boolean) => [
      {
        namespace: "DeviceControl",
        name: ok ? "ActionExecuted" : "ActionFailed",
        payload: { target, command },
      },
    ];
    const level = (state: { value: number; min: number; max: number }) => {
      const step = p["value"] !== undefined ? Number(p["value"]) : 1;
      if (command === "Increase") state.value = Math.min(state.max, state.value + step);
      else if (command === "Decrease") state.value = Math.max(state.min, state.value - step);
      else if (command === "SetValue")
        state.value = Math.max(state.min, Math.min(state.max, Number(p["value"])));
      else return false;
      return true;
    };
    switch (target) {
      case "volume":
        return done(level(this.volume));
      case "screenbrightness":
        return done(this.actions.screenbrightness.includes(command) && level(this.brightness));
      case "power":
        this.power = command === "TurnOn" ? "active" : "idle";
        return done(true);
      case "bluetooth":
        return done(this.bluetoothCommand(command, p));
      default:
        return done(false);
    }
  }

  private bluetoothCommand(command: string, p: Record<string, unknown>): boolean {
    const bt = this.bluetooth;
    switch (command) {
      case "TurnOn":
      case "TurnOff":
        bt.state = command === "TurnOn" ? "on" : "off";
        if (bt.state === "off") for (const d of bt.btlist) d.connected = false;
        return true;
      case "BtStartPairing":
        bt.pairing = "on";
        bt.scanning = "on";
        return true;
      case "BtStopPairing":
        bt.pairing = "off";
        bt.scanning = "off";
        return true;
      case "BtConnect":
      case "BtConnectByPINCode": {
        const wanted = bt.btlist.find((d) => d.address === p["address"]) ?? bt.btlist[0];
        const scanned = bt.scanlist.find((d) => d.address === p["address"]);
        if (scanned && !wanted) bt.btlist.push({ ...scanned, connected: true });
        else if (wanted) wanted.connected = true;
        else return false;
        bt.pairing = "off";
        return true;
      }
      case "BtDisconnect":
        for (const d of bt.btlist)
          if (!p["address"] || d.address === p["address"]) d.connected = false;
        return true;
      case "BtDelete":
        bt.btlist = bt.btlist.filter((d) => d.address !== p["address"]);
        return true;
      case "BtRescan":
        bt.scanning = "on";
        return true;
      case "BtPlay":
        return bt.btlist.some((d) => d.connected);
      default:
        return false;
    }
  }
}
