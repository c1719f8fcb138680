// Clova (cic.md §9.3): delegation from one device of a user to another (HandleDelegatedEvent
// on the target's downchannel → ProcessDelegatedEvent → the directives of the delegated
// request), the extension mode of devices with a screen (StartExtension / FinishExtension
// around an extension's session), and ExpectLogin as delivered to clients (payload {}, the
// extension's guideInfo turned into the spoken prompt).
import type { Language } from "../../assistant/turn.js";
import { hasScreen } from "../device-state.js";
import type { DeviceSide, KnownDevice, Reaction, Shaper } from "./device-side.js";
import { object, part, text } from "./parts.js";

/** How long a delegated request waits for the device to fetch it. */
export const DELEGATION_TTL_MS = 5 * 60_000;

interface Delegation {
  deviceKey: string;
  text: string;
  expiresAt: number;
}

const delegationKey = (id: string) => `delegation:${id}`;
const modeKey = (deviceKey: string) => `mode:${deviceKey}`;

/** Hands a request the user made elsewhere (e.g. in the app) to one of the user's devices. */
export async function delegate(side: DeviceSide, target: KnownDevice, request: string) {
  const delegationId = crypto.randomUUID();
  side.keep(
    delegationKey(delegationId),
    {
      deviceKey: target.deviceKey,
      text: request,
      expiresAt: side.now() + DELEGATION_TTL_MS,
    } satisfies Delegation,
    target.deviceKey,
  );
  await side.push(target.deviceKey, part("Clova", "HandleDelegatedEvent", { delegationId }));
  return delegationId;
}

export const clovaReactions: Record<string, Reaction> = {
  "Clova.ProcessDelegatedEvent": async (event, side) => {
    const id = text(event.payload, "delegationId");
    const delegation = id
      ? (side.memory.get(delegationKey(id)) as Delegation | undefined)
      : undefined;
    if (
      !delegation ||
      delegation.deviceKey !== event.deviceKey ||
      delegation.expiresAt < side.now()
    )
      return [];
    side.forget(delegationKey(id!), event.deviceKey);
    return event.converse(delegation.text);
  },
};

const PROMPT: Record<Language, string> = {
  en: "Please log in with your account to use that.",
  ja: "それを使うには、アカウントでログインしてください。",
  ko: "그 기능을 사용하려면 계정으로 로그인해 주세요.",
};

/** ExpectLogin from an extension: empty payload to the device, guideInfo spoken (§9.3 notes). */
export const expectLogin: Shaper = (_cause, result) => {
  for (const directive of result.directives) {
    if (directive.namespace !== "Clova" || directive.name !== "ExpectLogin") continue;
    const guide = object(directive.payload["guideInfo"]);
    directive.payload = {};
    if (!guide) continue;
    const useDefault = guide["useDefault"] === true || guide["useDefault"] === "true";
    const language = (result.speech[0]?.lang || "en") as Language;
    const message = useDefault ? PROMPT[language] : guide["message"];
    if (typeof message === "string" && message !== "")
      result.speech = [{ type: "PlainText", lang: language, value: message }];
  }
};

/** Devices with a screen show which extension they are in (cic.md §9.3). */
export const extensionMode: Shaper = (cause, result, side) => {
  if (cause.event) return;
  if (!hasScreen(side.contextOf(cause.deviceKey, "Device.Display"))) return;
  const before = side.memory.get(modeKey(cause.deviceKey)) as string | undefined;
  const id = result.extensionId;
  const now = result.expectSpeech && id && !id.startsWith("ability:") ? id : undefined;
  if (before === now) return;
  const make = (name: string, extension: string) => ({
    namespace: "Clova",
    name,
    messageId: crypto.randomUUID(),
    payload: { extension },
  });
  if (before) result.directives.unshift(make("FinishExtension", before));
  if (now) result.directives.push(make("StartExtension", now));
  if (now) side.keep(modeKey(cause.deviceKey), now, cause.deviceKey);
  else side.forget(modeKey(cause.deviceKey), cause.deviceKey);
};
