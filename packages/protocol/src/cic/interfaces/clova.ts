// Clova (cic.md §9.3): generic results (text, cards, links), extension mode, delegation and
// the downchannel's Hello.
import { type Static, Type } from "@sinclair/typebox";
import { CicEmptyPayload, Id, Str } from "../common.js";
import { type CicMessageOf, cicDirective, cicEvent } from "../envelope.js";
import { CicContentTemplate } from "../templates.js";

const ns = "Clova";

export const CicDelegationPayload = Type.Object({
  delegationId: Id("Id handed back unchanged in Clova.ProcessDelegatedEvent."),
});
export type CicDelegationPayload = Static<typeof CicDelegationPayload>;

export const CicClovaProcessDelegatedEvent = cicEvent(
  ns,
  "ProcessDelegatedEvent",
  CicDelegationPayload,
);
export type CicClovaProcessDelegatedEvent = CicMessageOf<typeof CicClovaProcessDelegatedEvent>;

export const CicClovaHandleDelegatedEvent = cicDirective(
  ns,
  "HandleDelegatedEvent",
  CicDelegationPayload,
  { channel: "down" },
);
export type CicClovaHandleDelegatedEvent = CicMessageOf<typeof CicClovaHandleDelegatedEvent>;

export const CicClovaHello = cicDirective(ns, "Hello", CicEmptyPayload, {
  channel: "down",
  dialogRequestId: "never",
  description: "First part of every downchannel: the channel is ready (cic.md §2.5).",
});
export type CicClovaHello = CicMessageOf<typeof CicClovaHello>;

export const CicClovaHelp = cicDirective(ns, "Help", CicEmptyPayload, { channel: "resp" });
export type CicClovaHelp = CicMessageOf<typeof CicClovaHelp>;

/** `useDefault` may arrive as the strings "true"/"false" (§9.3, UNSPECIFIED). */
const guideInfo = (useDefault: boolean | "true" | "false") =>
  Type.Object({
    useDefault: Type.Literal(useDefault),
    message:
      useDefault === true || useDefault === "true"
        ? Type.Optional(Str())
        : Str("Custom login prompt; required when useDefault is false."),
  });
export const CicClovaExpectLoginPayload = Type.Object({
  guideInfo: Type.Optional(
    Type.Union([guideInfo(true), guideInfo(false), guideInfo("true"), guideInfo("false")], {
      description: "Only when an extension returns ExpectLogin; clients receive {}.",
    }),
  ),
});
export type CicClovaExpectLoginPayload = Static<typeof CicClovaExpectLoginPayload>;
export const CicClovaExpectLogin = cicDirective(ns, "ExpectLogin", CicClovaExpectLoginPayload, {
  channel: "resp",
});
export type CicClovaExpectLogin = CicMessageOf<typeof CicClovaExpectLogin>;

export const CicExtensionPayload = Type.Object({ extension: Id("Name of the extension.") });
export type CicExtensionPayload = Static<typeof CicExtensionPayload>;
export const CicClovaStartExtension = cicDirective(ns, "StartExtension", CicExtensionPayload, {
  channel: "resp",
});
export type CicClovaStartExtension = CicMessageOf<typeof CicClovaStartExtension>;
export const CicClovaFinishExtension = cicDirective(ns, "FinishExtension", CicExtensionPayload, {
  channel: "resp",
});
export type CicClovaFinishExtension = CicMessageOf<typeof CicClovaFinishExtension>;

export const CicClovaLaunchURIPayload = Type.Object({
  targets: Type.Array(
    Type.Object({
      uri: Id("URI to open (web URL or app scheme)."),
      title: Str(),
      description: Type.Optional(Str()),
      iconImageUrl: Type.Optional(Str()),
      marketUrl: Type.Optional(Str("App-store URL when the app is not installed.")),
      packageName: Type.Optional(Str("App package name.")),
    }),
    { description: "Candidates, best first; the client opens the first that works." },
  ),
});
export type CicClovaLaunchURIPayload = Static<typeof CicClovaLaunchURIPayload>;
export const CicClovaLaunchURI = cicDirective(ns, "LaunchURI", CicClovaLaunchURIPayload, {
  channel: "resp",
});
export type CicClovaLaunchURI = CicMessageOf<typeof CicClovaLaunchURI>;

export const CicClovaRenderSuggestionPayload = Type.Object({
  suggestions: Type.Array(
    Type.Object({
      label: Str("Text to display."),
      query: Str("Query to submit when chosen."),
      meta: Str("Metadata sent along with the query."),
      type: Type.Union([Type.Literal("0"), Type.Literal("1")], {
        description: '"0" suggestion, "1" "more" item.',
      }),
      url: Type.Optional(Str()),
      area: Type.Optional(Str()),
      index: Type.Optional(Str()),
    }),
  ),
  referenceId: Type.Optional(Str()),
  topic: Type.Optional(Str()),
});
export type CicClovaRenderSuggestionPayload = Static<typeof CicClovaRenderSuggestionPayload>;
export const CicClovaRenderSuggestion = cicDirective(
  ns,
  "RenderSuggestion",
  CicClovaRenderSuggestionPayload,
  { channel: "resp" },
);
export type CicClovaRenderSuggestion = CicMessageOf<typeof CicClovaRenderSuggestion>;

export const CicClovaRenderTemplate = cicDirective(ns, "RenderTemplate", CicContentTemplate, {
  channel: "resp",
});
export type CicClovaRenderTemplate = CicMessageOf<typeof CicClovaRenderTemplate>;

export const CicClovaRenderTextPayload = Type.Object({ text: Str("Text to display.") });
export type CicClovaRenderTextPayload = Static<typeof CicClovaRenderTextPayload>;
export const CicClovaRenderText = cicDirective(ns, "RenderText", CicClovaRenderTextPayload, {
  channel: "resp",
});
export type CicClovaRenderText = CicMessageOf<typeof CicClovaRenderText>;

export const CicClova = {
  events: { ProcessDelegatedEvent: CicClovaProcessDelegatedEvent },
  directives: {
    ExpectLogin: CicClovaExpectLogin,
    FinishExtension: CicClovaFinishExtension,
    HandleDelegatedEvent: CicClovaHandleDelegatedEvent,
    Hello: CicClovaHello,
    Help: CicClovaHelp,
    LaunchURI: CicClovaLaunchURI,
    RenderSuggestion: CicClovaRenderSuggestion,
    RenderTemplate: CicClovaRenderTemplate,
    RenderText: CicClovaRenderText,
    StartExtension: CicClovaStartExtension,
  },
} as const;
