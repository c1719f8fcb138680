// Target resolution (cek-home-extension.md §9.3, §9.4): friendly names first, then room +
// class word, tag + class word, class word alone; only devices that can serve the command are
// candidates; a group runs on every capable member (the others are named as skipped); several
// candidates without a group word make a clarifying question.
import { canServe, type PlanOptions } from "./request.js";
import type { HomeCommand } from "./understand.js";
import type { HomeDevice, HomeVocabulary } from "./vocabulary.js";

export type Resolution =
  /** Nothing the user named exists (or they have no devices). */
  | { kind: "none" }
  /** Devices were named, but none can do this. */
  | { kind: "unable"; devices: HomeDevice[] }
  | { kind: "targets"; devices: HomeDevice[]; skipped: HomeDevice[] }
  | { kind: "ambiguous"; devices: HomeDevice[] };

/** Sensors and hubs answer room questions first (§13.2 "prefer a sensor/hub in that room"). */
const SENSOR_TYPES = ["AIRSENSOR", "SMARTHUB", "THERMOSTAT"];

export function resolveTargets(
  command: HomeCommand,
  vocabulary: HomeVocabulary,
  options: PlanOptions,
): Resolution {
  const named = matching(command, vocabulary);
  if (named.length === 0) return { kind: "none" };
  const able = named.filter((d) => canServe(command, d, options));
  const unable = named.filter((d) => !able.includes(d));
  if (able.length === 0) return { kind: "unable", devices: named };
  // A room alone ("turn off the bedroom"), a tag, "all"/plural: a group (§9.4).
  const group =
    command.group ||
    command.tagged ||
    (command.rooms.length > 0 && command.classes.length === 0 && command.named.length === 0);
  // A group's members that cannot do it are named even when only one member can (§9.4).
  if (able.length === 1) {
    const others = group && command.intent !== "Query" ? unable : [];
    return { kind: "targets", devices: able, skipped: others };
  }
  if (command.intent === "Query" && !command.group) {
    const sensors = able.filter((d) => d.types.some((t) => SENSOR_TYPES.includes(t)));
    if (sensors.length === 1) return { kind: "targets", devices: sensors, skipped: [] };
    return { kind: "ambiguous", devices: able };
  }
  if (group) return { kind: "targets", devices: able, skipped: unable };
  return { kind: "ambiguous", devices: able };
}

/** The devices the utterance points at, before the capability filter. */
function matching(command: HomeCommand, vocabulary: HomeVocabulary): HomeDevice[] {
  const { devices } = vocabulary;
  const inRoom = (d: HomeDevice) =>
    command.rooms.some(
      (code) => d.location === code || d.tags.includes(vocabulary.roomName(code).toLowerCase()),
    );
  const ofClass = (d: HomeDevice) => command.classes.some((c) => d.types.includes(c));
  if (command.named.length > 0) {
    // Every mention narrows ("the desk lamp in the study"); the user's names win (§9.3 step 1).
    let found = [...new Set(command.named.flat())].map((i) => devices[i]!);
    if (command.named.length > 1) {
      const [first, ...rest] = command.named;
      found = first!.filter((i) => rest.every((m) => m.includes(i))).map((i) => devices[i]!);
      if (found.length === 0) found = [...new Set(command.named.flat())].map((i) => devices[i]!);
    }
    if (command.rooms.length > 0) {
      const narrowed = found.filter(inRoom);
      if (narrowed.length > 0) found = narrowed;
    }
    if (command.classes.length > 0) {
      const narrowed = found.filter(ofClass);
      if (narrowed.length > 0) found = narrowed;
    }
    return found;
  }
  if (command.rooms.length > 0 || command.classes.length > 0) {
    return devices.filter(
      (d) =>
        (command.rooms.length === 0 || inRoom(d)) && (command.classes.length === 0 || ofClass(d)),
    );
  }
  // Nothing named ("how humid is it", "set sleep mode"): every device may answer.
  return devices;
}
