// What the terminal device shows for each directive it applies and each event it sends: the
// text of cards and of the player screen, notifications, login requests, and the device's own
// state (volume, mute, Bluetooth, power, screen, player) whenever a directive changed it.
import type { CicDirectiveMessage, ReferenceDevice } from "@clover/device";
import { cardSummary, nameOf } from "./render.js";

type Payload = Record<string, unknown>;

const str = (value: unknown) => (typeof value === "string" ? value : "");
/** A template field is `{type, value}` or a plain string. */
const text = (value: unknown) =>
  typeof value === "object" && value !== null ? str((value as Payload)["value"]) : str(value);

/** RenderTemplate as lines: its summary, then the rows of a list template. */
export function cardLines(card: Payload): string[] {
  const lines = [cardSummary(card)];
  for (const [key, value] of Object.entries(card)) {
    if (!Array.isArray(value)) continue;
    for (const item of value.slice(0, 10)) {
      if (typeof item !== "object" || item === null) continue;
      const fields = Object.values(item as Payload)
        .map(text)
        .filter(Boolean);
      if (fields.length > 0) lines.push(`  ${key}: ${fields.join(" · ")}`);
    }
    if (value.length > 10) lines.push(`  … ${value.length - 10} more`);
  }
  return lines;
}

/** RenderPlayerInfo as lines: the item playing (or first), then the list. */
export function playerLines(payload: Payload): string[] {
  const items = (
    Array.isArray(payload["playableItems"]) ? payload["playableItems"] : []
  ) as Payload[];
  const current = str(payload["playingItemToken"]) || str(items[0]?.["token"]);
  const provider = str((payload["provider"] as Payload | undefined)?.["name"]);
  const lines = [`player${provider ? ` (${provider})` : ""}: ${items.length} item(s)`];
  for (const item of items.slice(0, 10)) {
    const mark = str(item["token"]) === current ? "▶" : " ";
    const sub = [str(item["titleSubText1"]), str(item["titleSubText2"])]
      .filter(Boolean)
      .join(" · ");
    lines.push(`  ${mark} ${str(item["titleText"])}${sub ? ` — ${sub}` : ""}`);
  }
  if (items.length > 10) lines.push(`  … ${items.length - 10} more`);
  return lines;
}

/** The lines a directive shows on its own (state changes are shown by `stateOf` diffs). */
export function directiveLines(directive: CicDirectiveMessage): string[] {
  const p = directive.payload;
  switch (nameOf(directive)) {
    case "Clova.RenderText":
      return [`clova› ${str(p["text"])}`];
    case "SpeechSynthesizer.Speak":
      return [];
    case "Clova.RenderTemplate":
      return cardLines(p).map((line, i) => (i === 0 ? `card ${line}` : `     ${line}`));
    case "TemplateRuntime.RenderPlayerInfo":
      return playerLines(p);
    case "Clova.ExpectLogin":
      return [
        `🔑 log in needed: ${text((p["guideInfo"] as Payload | undefined)?.["message"]) || "this request needs an account (clover device login --account-token …)"}`,
      ];
    case "Notifier.Notify": {
      const assets = Array.isArray(p["assets"]) ? (p["assets"] as Payload[]) : [];
      const said = assets.map((a) => str(a["text"]) || str(a["url"])).filter(Boolean);
      return [`🔔 notification${said.length > 0 ? `: ${said.join(" ")}` : ""}`];
    }
    case "Clova.Help":
      return ["help shown"];
    case "Clova.LaunchURI": {
      const targets = Array.isArray(p["targets"]) ? (p["targets"] as Payload[]) : [];
      return [`open ${str(targets[0]?.["uri"])}`];
    }
    case "AudioPlayer.Play": {
      const item = (p["audioItem"] as Payload | undefined) ?? {};
      const stream = (item["stream"] as Payload | undefined) ?? {};
      const title = str(item["title"]) || str(stream["token"]);
      return [`♪ ${str(p["playBehavior"]) || "REPLACE_ALL"} ${title} ${str(stream["url"])}`.trim()];
    }
    case "SpeechRecognizer.ExpectSpeech":
      return ["(listening…)"];
    default: {
      if (directive.header.namespace === "Alerts") return [];
      // Device state directives: the change they make is shown under them.
      const detail =
        typeof p["target"] === "string"
          ? ` ${p["target"]}${p["value"] !== undefined ? ` ${String(p["value"])}` : ""}`
          : Object.keys(p).length > 0
            ? ` ${JSON.stringify(p)}`
            : "";
      return [`${nameOf(directive)}${detail}`];
    }
  }
}

/** The device state a person would notice change, as `label: value` pairs. */
export function stateOf(device: ReferenceDevice): Record<string, string> {
  const bt = device.bluetooth;
  const connected = bt.btlist.filter((d) => d.connected).map((d) => d.name);
  const player = device.player;
  return {
    volume: `${device.volume.value}/${device.volume.max}`,
    muted: device.volume.muted ? "yes" : "no",
    bluetooth: `${bt.state}${bt.pairing === "on" ? ", pairing" : ""}${connected.length > 0 ? `, connected to ${connected.join(", ")}` : ""}`,
    power: device.power,
    brightness: String(device.brightness.value),
    indicator: device.indicator ? "on" : "off",
    player: `${player.activity}${player.current ? ` ${String(player.current.stream["token"] ?? "")}` : ""}, ${player.queue.length} queued`,
    ...(device.extensionMode ? { mode: device.extensionMode } : {}),
  };
}

/** "volume 5/10 → 6/10" lines for what changed. */
export function changes(before: Record<string, string>, after: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((key) => before[key] !== after[key])
    .map((key) => `${key} ${before[key] ?? "—"} → ${after[key] ?? "—"}`);
}
