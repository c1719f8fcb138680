// Settings (cic.md §9.7): device settings as opaque string maps, and platform version specs.
import { type Static, Type } from "@sinclair/typebox";
import { CicEmptyPayload, Str } from "../common.js";
import { type CicMessageOf, cicDirective, cicEvent } from "../envelope.js";

const ns = "Settings";

export const CicSettingsConfiguration = Type.Record(Type.String(), Type.String(), {
  description: "Setting keys agreed per product; every value is a string.",
});

export const CicSettingsConfigurationPayload = Type.Object({
  configuration: CicSettingsConfiguration,
});
export type CicSettingsConfigurationPayload = Static<typeof CicSettingsConfigurationPayload>;

export const CicSettingsReport = cicEvent(ns, "Report", CicSettingsConfigurationPayload);
export type CicSettingsReport = CicMessageOf<typeof CicSettingsReport>;
export const CicSettingsRequestVersionSpec = cicEvent(ns, "RequestVersionSpec", CicEmptyPayload);
export type CicSettingsRequestVersionSpec = CicMessageOf<typeof CicSettingsRequestVersionSpec>;

export const CicSettingsExpectReport = cicDirective(ns, "ExpectReport", CicEmptyPayload, {
  channel: "down",
});
export type CicSettingsExpectReport = CicMessageOf<typeof CicSettingsExpectReport>;
export const CicSettingsUpdate = cicDirective(ns, "Update", CicSettingsConfigurationPayload, {
  channel: "down",
});
export type CicSettingsUpdate = CicMessageOf<typeof CicSettingsUpdate>;

const Choice = Type.Object({ key: Str(), name: Str("Label.") });
export const CicSettingsUpdateVersionSpecPayload = Type.Object({
  clientName: Str("Client name as recognised."),
  deviceVersion: Str("Minimum client version the spec applies to."),
  os: Str("Client OS as recognised; may be empty."),
  specVersion: Type.String({ pattern: "^\\d{14}$", description: "Timestamp YYYYMMDDhhmmss." }),
  spec: Type.Object({
    voiceType: Type.Optional(
      Type.Object({ name: Str("Label."), list: Type.Array(Choice), default: Choice }),
    ),
  }),
});
export type CicSettingsUpdateVersionSpecPayload = Static<
  typeof CicSettingsUpdateVersionSpecPayload
>;
export const CicSettingsUpdateVersionSpec = cicDirective(
  ns,
  "UpdateVersionSpec",
  CicSettingsUpdateVersionSpecPayload,
  { channel: "resp" },
);
export type CicSettingsUpdateVersionSpec = CicMessageOf<typeof CicSettingsUpdateVersionSpec>;

export const CicSettings = {
  events: { Report: CicSettingsReport, RequestVersionSpec: CicSettingsRequestVersionSpec },
  directives: {
    ExpectReport: CicSettingsExpectReport,
    Update: CicSettingsUpdate,
    UpdateVersionSpec: CicSettingsUpdateVersionSpec,
  },
} as const;
