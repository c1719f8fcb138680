// The common Clova Home envelope (cek-home-extension.md §3): every request and response is
// `{ header: { messageId, name, namespace, payloadVersion }, payload }`.
import {
  type Static,
  type TLiteral,
  type TObject,
  type TProperties,
  type TSchema,
  type TString,
  Type,
} from "@sinclair/typebox";
import { defineMessage, type MessageCodec } from "../core/codec.js";
import { HomeTimestamp } from "./objects.js";

/** The namespace every Clova Home message carries (§3.1). */
export const HOME_NAMESPACE = "ClovaHome";
/** The payload version of every documented message (§3.1). */
export const HOME_PAYLOAD_VERSION = "1.0";

// One source example spells the namespace `CLOVAHome`: accepted case-insensitively (§14 #3).
const NAMESPACE_PATTERN = "^[Cc][Ll][Oo][Vv][Aa][Hh][Oo][Mm][Ee]$";

/** A message header whose `name` is fixed to one message name. */
export function homeHeader<N extends string>(name: N) {
  return Type.Object(
    {
      messageId: Type.String({
        minLength: 1,
        description: "UUID of this message; not checked against the request's (§3.1).",
      }),
      name: Type.Literal(name),
      namespace: Type.String({
        pattern: NAMESPACE_PATTERN,
        description: 'Always "ClovaHome" (accepted in any letter case).',
      }),
      payloadVersion: Type.String({ minLength: 1, description: 'The string "1.0".' }),
    },
    { description: "Clova Home message header (cek-home-extension.md §3.1)." },
  );
}

/** The header of any Clova Home message (name not fixed). */
export const HomeHeader = Type.Object({
  messageId: Type.String({ minLength: 1 }),
  name: Type.String({ minLength: 1 }),
  namespace: Type.String({ pattern: NAMESPACE_PATTERN }),
  payloadVersion: Type.String({ minLength: 1 }),
});
export type HomeHeader = Static<typeof HomeHeader>;

/** Any Clova Home message: the envelope with an arbitrary payload object. */
export const HomeEnvelope = Type.Object({
  header: HomeHeader,
  payload: Type.Record(Type.String(), Type.Unknown()),
});
export type HomeEnvelope = Static<typeof HomeEnvelope>;

export type HomeMessageSchema<N extends string, P extends TSchema> = TObject<{
  header: TObject<{
    messageId: TString;
    name: TLiteral<N>;
    namespace: TString;
    payloadVersion: TString;
  }>;
  payload: P;
}>;

/** Declares one Clova Home message; its codec (and JSON Schema file) is `home.<name>`. */
export function homeMessage<N extends string, P extends TSchema>(
  name: N,
  payload: P,
): MessageCodec<HomeMessageSchema<N, P>> {
  const schema = Type.Object(
    { header: homeHeader(name), payload },
    { description: `Clova Home ${name} (cek-home-extension.md).` },
  );
  return defineMessage(`home.${name}`, schema);
}

/** A message whose payload is an object with the given members. */
export function homeObjectMessage<N extends string, P extends TProperties>(name: N, payload: P) {
  return homeMessage(name, Type.Object(payload));
}

/** The request form of ApplianceInfoObject (§4.3). */
export const ApplianceInfoRequestObject = Type.Object(
  {
    applianceId: Type.String({ minLength: 1, description: "Exactly as discovered." }),
    additionalApplianceDetails: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: "Echo of the object the extension returned in discovery.",
      }),
    ),
  },
  { description: "ApplianceInfoObject as sent in requests (§4.3)." },
);
export type ApplianceInfoRequestObject = Static<typeof ApplianceInfoRequestObject>;

/** A device-targeted request: `accessToken` + `appliance` + the action's own fields (§5.0). */
export function homeDeviceRequest<N extends string, P extends TProperties>(name: N, extra: P) {
  return homeMessage(name, homeDevicePayload(extra));
}

/** The payload object of a device-targeted request with the given extra members. */
export function homeDevicePayload<P extends TProperties>(extra: P) {
  return Type.Object({
    accessToken: Type.String({ description: "The user's OAuth access token (§3.2)." }),
    appliance: ApplianceInfoRequestObject,
    ...extra,
  });
}

/** A success response or error with the given payload members (all listed explicitly). */
export const homeResponse = homeObjectMessage;

/** A `Get…Response`: the given members plus the optional `applianceResponseTimestamp` (§3.4). */
export function homeQueryResponse<N extends string, P extends TProperties>(name: N, payload: P) {
  return homeObjectMessage(name, {
    ...payload,
    applianceResponseTimestamp: Type.Optional(HomeTimestamp),
  });
}
