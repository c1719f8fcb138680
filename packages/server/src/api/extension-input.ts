// The management API's extension document: one declaration gives the checks and the JSON
// Schema; problems are reported with their JSON path.
import { defineMessage } from "@clover/protocol";
import { type Static, Type } from "@sinclair/typebox";
import type { ExtensionInput, ExtensionRecord } from "../store/extensions.js";
import { ApiError } from "./http.js";

/** Reverse-domain extension id (cek-custom-extension.md §9), immutable after creation. */
export const EXTENSION_ID_PATTERN = "^[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)+$";

const Names = Type.Object(
  {
    main: Type.String({ minLength: 1 }),
    sub: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 4 })),
  },
  { additionalProperties: false },
);

const AccountLinking = Type.Object(
  {
    authorizationUrl: Type.String({ pattern: "^https?://" }),
    clientId: Type.String({ minLength: 1 }),
    clientSecret: Type.String({ minLength: 1 }),
    accessTokenUri: Type.String({ pattern: "^https?://" }),
    refreshTokenUri: Type.Optional(Type.String({ pattern: "^https?://" })),
    clientAuthentication: Type.Optional(Type.Union([Type.Literal("basic"), Type.Literal("body")])),
    scopes: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  { additionalProperties: false },
);

const fields = {
  id: Type.String({ pattern: EXTENSION_ID_PATTERN }),
  displayName: Type.String({ minLength: 1, maxLength: 100 }),
  endpointUrl: Type.String({ pattern: "^https?://[^\\s]+$" }),
  invocationNames: Type.Optional(
    Type.Object(
      { en: Type.Optional(Names), ja: Type.Optional(Names), ko: Type.Optional(Names) },
      { additionalProperties: false },
    ),
  ),
  messageVersion: Type.Optional(Type.Union([Type.Literal("1.0"), Type.Literal("0.1.0")])),
  legacyEndRequestType: Type.Optional(Type.Boolean()),
  usesAudioPlayer: Type.Optional(Type.Boolean()),
  enabledForAllUsers: Type.Optional(Type.Boolean()),
  accountLinking: Type.Optional(Type.Union([AccountLinking, Type.Null()])),
  /** Interaction models by language, uploaded with the extension. */
  models: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
};

export const ExtensionDocument = Type.Object(fields, { additionalProperties: false });
export type ExtensionDocument = Static<typeof ExtensionDocument>;
const ExtensionDocumentMessage = defineMessage("management-extension", ExtensionDocument);

/** Checks a document and turns it into registry input (defaults filled in). */
export function parseExtensionDocument(
  value: unknown,
  allowHttp: boolean,
): { input: ExtensionInput; models: Record<string, unknown> } {
  const checked = ExtensionDocumentMessage.validate(value);
  if (!checked.ok)
    throw new ApiError(
      400,
      "invalid_extension",
      `invalid extension: ${checked.issues[0]!.message}`,
      checked.issues.map((i) => ({ path: i.path, message: i.message })),
    );
  const doc = checked.value;
  if (!allowHttp && !doc.endpointUrl.startsWith("https://"))
    throw new ApiError(400, "invalid_extension", "endpointUrl: must be an https:// URL", [
      { path: "endpointUrl", message: "endpointUrl: must be an https:// URL (§2.1)" },
    ]);
  try {
    new URL(doc.endpointUrl);
  } catch {
    throw new ApiError(400, "invalid_extension", `endpointUrl: ${doc.endpointUrl} is not a URL`);
  }
  const invocationNames: ExtensionInput["invocationNames"] = {};
  for (const [language, names] of Object.entries(doc.invocationNames ?? {}))
    if (names) invocationNames[language as "en"] = { main: names.main, sub: names.sub ?? [] };
  const input: ExtensionInput = {
    id: doc.id,
    displayName: doc.displayName,
    endpointUrl: doc.endpointUrl,
    invocationNames,
    messageVersion: doc.messageVersion ?? "1.0",
    legacyEndRequestType: doc.legacyEndRequestType ?? false,
    usesAudioPlayer: doc.usesAudioPlayer ?? false,
    enabledForAllUsers: doc.enabledForAllUsers ?? true,
  };
  if (doc.accountLinking)
    input.accountLinking = {
      ...doc.accountLinking,
      clientAuthentication: doc.accountLinking.clientAuthentication ?? "basic",
      scopes: doc.accountLinking.scopes ?? [],
    };
  return { input, models: doc.models ?? {} };
}

/** The record as the API shows it: the client secret never leaves the server. */
export function extensionView(
  record: ExtensionRecord,
  extra: { languages: string[]; enabledUsers: string[] },
) {
  const { accountLinking, ...rest } = record;
  const view: Record<string, unknown> = { ...rest, ...extra };
  if (accountLinking) {
    const { clientSecret: _secret, ...linking } = accountLinking;
    view.accountLinking = { ...linking, clientSecretSet: true };
  } else view.accountLinking = null;
  return view;
}

/** Current settings as a document, for PATCH (secret included so it survives the merge). */
export function documentOf(record: ExtensionRecord): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...rest } = record;
  return { ...rest, accountLinking: record.accountLinking ?? null };
}
