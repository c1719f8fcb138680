// Settings (cic.md §9.7): a device's settings are an opaque map of strings, stored as last
// reported (Settings.Report) and shown to the management API; Settings.Update and
// ExpectReport come from the app (routes.ts). RequestVersionSpec is answered from a
// configurable table (CLOVER_SETTINGS_VERSION_SPECS, a JSON array of rows) or the built-in one.
import { readFileSync } from "node:fs";
import type { Reaction, VersionSpec } from "./device-side.js";
import { object, part } from "./parts.js";

/** The built-in table: one row for every client, offering the TTS voice choice. */
export const BUILT_IN_VERSION_SPECS: VersionSpec[] = [
  {
    clientId: "*",
    clientName: "Clover device",
    deviceVersion: "0.0.0",
    os: "",
    specVersion: "20261204000000",
    spec: {
      voiceType: {
        name: "Voice",
        list: [
          { key: "V001", name: "Standard" },
          { key: "V002", name: "Slow" },
        ],
        default: { key: "V001", name: "Standard" },
      },
    },
  },
];

/** Reads a version-spec table; throws naming the row and field at fault. */
export function loadVersionSpecs(file: string): VersionSpec[] {
  const rows = JSON.parse(readFileSync(file, "utf8")) as unknown;
  if (!Array.isArray(rows)) throw new Error(`${file}: expected a JSON array of version specs`);
  rows.forEach((row, index) => {
    for (const field of ["clientId", "clientName", "deviceVersion", "os", "specVersion"])
      if (typeof (row as Record<string, unknown>)?.[field] !== "string")
        throw new Error(`${file}: [${index}].${field} must be a string`);
    if (!/^\d{14}$/.test((row as VersionSpec).specVersion))
      throw new Error(`${file}: [${index}].specVersion must be a YYYYMMDDhhmmss timestamp`);
    if (!object((row as VersionSpec).spec))
      throw new Error(`${file}: [${index}].spec must be an object`);
  });
  return rows as VersionSpec[];
}

export const settingsReactions: Record<string, Reaction> = {
  "Settings.Report": async (event, side) => {
    const configuration = object(event.payload["configuration"]);
    if (!configuration) return [];
    const strings = Object.fromEntries(
      Object.entries(configuration).filter(([, value]) => typeof value === "string"),
    ) as Record<string, string>;
    const known = side.remember(event.grant, event.deviceKey);
    known.settings = strings;
    await side.options.store?.saveSettings(
      event.deviceKey,
      event.grant.userId,
      event.grant.deviceId,
      strings,
      side.now(),
    );
    return [];
  },
  "Settings.RequestVersionSpec": (event, side) => {
    const table = side.options.versionSpecs ?? BUILT_IN_VERSION_SPECS;
    const rows = table.filter((row) => row.clientId === event.grant.clientId);
    const candidates = rows.length > 0 ? rows : table.filter((row) => row.clientId === "*");
    const row = candidates.sort((a, b) => b.specVersion.localeCompare(a.specVersion))[0];
    if (!row) return [];
    const { clientId: _clientId, ...payload } = row;
    return [part("Settings", "UpdateVersionSpec", payload, event.dialogRequestId)];
  },
};
