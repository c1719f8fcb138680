// Notifier (cic.md §9.5): notification lights and sounds, all cloud-initiated.
import { type Static, Type } from "@sinclair/typebox";
import { CicAsset, CicEmptyPayload, Enum, Id } from "../common.js";
import { type CicMessageOf, cicDirective } from "../envelope.js";

const ns = "Notifier";

const notification = {
  light: Enum(["DEFAULT", "NONE"], { description: "DEFAULT lights the notification LED." }),
  assets: Type.Array(CicAsset, { description: "Sounds for this notification." }),
  assetPlayOrder: Type.Array(Id(), { description: "Asset ids in play order." }),
};

export const CicNotifierNotifyPayload = Type.Object(notification);
export type CicNotifierNotifyPayload = Static<typeof CicNotifierNotifyPayload>;
export const CicNotifierNotify = cicDirective(ns, "Notify", CicNotifierNotifyPayload, {
  channel: "down",
});
export type CicNotifierNotify = CicMessageOf<typeof CicNotifierNotify>;

export const CicNotifierSetIndicatorPayload = Type.Object({
  ...notification,
  new: Type.Boolean({ description: "true if a notification has just arrived." }),
});
export type CicNotifierSetIndicatorPayload = Static<typeof CicNotifierSetIndicatorPayload>;
export const CicNotifierSetIndicator = cicDirective(
  ns,
  "SetIndicator",
  CicNotifierSetIndicatorPayload,
  { channel: "down" },
);
export type CicNotifierSetIndicator = CicMessageOf<typeof CicNotifierSetIndicator>;

export const CicNotifierClearIndicator = cicDirective(ns, "ClearIndicator", CicEmptyPayload, {
  channel: "down",
});
export type CicNotifierClearIndicator = CicMessageOf<typeof CicNotifierClearIndicator>;

export const CicNotifier = {
  events: {},
  directives: {
    ClearIndicator: CicNotifierClearIndicator,
    Notify: CicNotifierNotify,
    SetIndicator: CicNotifierSetIndicator,
  },
} as const;
