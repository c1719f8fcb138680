// The generic event and directive envelopes (cic.md §6.1, §6.2) and the helpers that declare
// one message: envelope + typed payload, one codec named `cic.<Namespace>.<Name>`.
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { defineMessage, type MessageCodec } from "../core/codec.js";
import { ClientId, Id } from "./common.js";

export const CicMessageId = ClientId("Unique id of this message (UUID v4 recommended) (§7.1).");
export const CicDialogRequestId = ClientId(
  "Dialog request id created by the client for a user request (§7.2).",
);

/** One entry of `context[]`: `{header: {namespace, name}, payload}` without messageId (§8). */
export const CicContextEntry = Type.Object({
  header: Type.Object({ namespace: Id(), name: Id() }),
  payload: Type.Object({}),
});
export type CicContextEntry = Static<typeof CicContextEntry>;

export const CicEventHeader = Type.Object({
  namespace: Id("Interface name, e.g. SpeechRecognizer."),
  name: Id("Message name, e.g. Recognize."),
  messageId: CicMessageId,
  dialogRequestId: Type.Optional(CicDialogRequestId),
});
export type CicEventHeader = Static<typeof CicEventHeader>;

/** Any event, payload unchecked (§6.1). */
export const CicEvent = Type.Object(
  {
    context: Type.Array(CicContextEntry, { description: "Client state (§8); may be empty." }),
    event: Type.Object({ header: CicEventHeader, payload: Type.Object({}) }),
  },
  { description: "A CIC event envelope (client → server), cic.md §6.1." },
);
export type CicEvent = Static<typeof CicEvent>;
export const CicEventMessage = defineMessage("cic.event", CicEvent);

export const CicDirectiveHeader = Type.Object({
  namespace: Id("Interface name."),
  name: Id("Message name."),
  messageId: CicMessageId,
  dialogRequestId: Type.Optional(CicDialogRequestId),
});
export type CicDirectiveHeader = Static<typeof CicDirectiveHeader>;

/** Any directive, payload unchecked (§6.2). */
export const CicDirective = Type.Object(
  { directive: Type.Object({ header: CicDirectiveHeader, payload: Type.Object({}) }) },
  { description: "A CIC directive envelope (server → client), cic.md §6.2." },
);
export type CicDirective = Static<typeof CicDirective>;
export const CicDirectiveMessage = defineMessage("cic.directive", CicDirective);

/** Where a directive may travel: in the event response, on the downchannel, or either. */
export type CicChannel = "resp" | "down" | "resp/down";

/** How a message uses the header's dialogRequestId. */
export type CicDialogRule = "required" | "optional" | "never";

export interface CicMessageInfo {
  readonly kind: "event" | "directive";
  readonly namespace: string;
  readonly name: string;
  readonly payload: TSchema;
  readonly dialogRequestId: CicDialogRule;
  /** Directives only (§9 tables). */
  readonly channel?: CicChannel;
  readonly status?: "legacy" | "deprecated";
}

export type CicMessageCodec<T extends TSchema> = MessageCodec<T> & {
  readonly info: CicMessageInfo;
};

/** The full message type a codec accepts. */
export type CicMessageOf<C> = C extends MessageCodec<infer T> ? Static<T> : never;

function header<N extends string, M extends string>(namespace: N, name: M, rule: CicDialogRule) {
  return Type.Object({
    namespace: Type.Literal(namespace),
    name: Type.Literal(name),
    messageId: CicMessageId,
    dialogRequestId: rule === "required" ? CicDialogRequestId : Type.Optional(CicDialogRequestId),
  });
}

interface EventOptions {
  /** `required` for the two Recognize events (§6.1). */
  dialogRequestId?: "required" | "optional";
  status?: "legacy" | "deprecated";
  description?: string;
}

/** Declares an event `namespace.name` with its payload (codec `cic.<ns>.<name>`). */
export function cicEvent<N extends string, M extends string, P extends TSchema>(
  namespace: N,
  name: M,
  payload: P,
  options: EventOptions = {},
) {
  const rule = options.dialogRequestId ?? "optional";
  const schema = Type.Object(
    {
      context: Type.Array(CicContextEntry),
      event: Type.Object({ header: header(namespace, name, rule), payload }),
    },
    { description: options.description ?? `CIC event ${namespace}.${name} (cic.md §9).` },
  );
  const codec = defineMessage(`cic.${namespace}.${name}`, schema);
  const info: CicMessageInfo = {
    kind: "event",
    namespace,
    name,
    payload,
    dialogRequestId: rule,
    ...(options.status ? { status: options.status } : {}),
  };
  return Object.assign(codec, { info });
}

interface DirectiveOptions {
  channel: CicChannel;
  /** `never` for Clova.Hello and System.Exception (§2.5, §6.3). */
  dialogRequestId?: "optional" | "never";
  status?: "legacy" | "deprecated";
  description?: string;
}

/** Declares a directive `namespace.name` with its payload (codec `cic.<ns>.<name>`). */
export function cicDirective<N extends string, M extends string, P extends TSchema>(
  namespace: N,
  name: M,
  payload: P,
  options: DirectiveOptions,
) {
  const rule = options.dialogRequestId ?? "optional";
  const schema = Type.Object(
    { directive: Type.Object({ header: header(namespace, name, "optional"), payload }) },
    { description: options.description ?? `CIC directive ${namespace}.${name} (cic.md §9).` },
  );
  const codec = defineMessage(`cic.${namespace}.${name}`, schema);
  const info: CicMessageInfo = {
    kind: "directive",
    namespace,
    name,
    payload,
    dialogRequestId: rule,
    channel: options.channel,
    ...(options.status ? { status: options.status } : {}),
  };
  return Object.assign(codec, { info });
}

/** Declares a context object `namespace.name` (codec `cic.context.<ns>.<name>`, §8). */
export function cicContext<N extends string, M extends string, P extends TSchema>(
  namespace: N,
  name: M,
  payload: P,
  description: string,
) {
  const schema = Type.Object(
    {
      header: Type.Object({ namespace: Type.Literal(namespace), name: Type.Literal(name) }),
      payload,
    },
    { description },
  );
  const codec = defineMessage(`cic.context.${namespace}.${name}`, schema);
  return Object.assign(codec, { context: { namespace, name }, payload });
}

/** The payload type of an event or directive codec. */
export type CicPayloadOf<C> =
  CicMessageOf<C> extends { event: { payload: infer P } }
    ? P
    : CicMessageOf<C> extends { directive: { payload: infer P } }
      ? P
      : never;
