// The management API's extension document: one declaration gives the checks and the JSON
// Schema; problems are reported with their JSON path.
import { defineMessage } from "@clover/protocol";
import { type Static, Type } from "@sinclair/typebox";
import { OutboundGuard } from "../cek/outbound-policy.js";
import type { ExtensionInput, ExtensionRecord } from "../store/extensions.js";
import { ApiError } from "./http.js";
import {
  DISPLAY_NAME_PATTERN,
  ENDPOINT_URL_PATTERN,
  EXTENSION_ID_PATTERN,
  HOME_MESSAGE_ID_PATTERN,
  HTTP_URL_PATTERN,
  inWords,
} from "./patterns.js";

export { EXTENSION_ID_PATTERN };

const Names = Type.Object(
  {
    main: Type.String({ minLength: 1 }),
    sub: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 4 })),
  },
  { additionalProperties: false },
);

const AccountLinking = Type.Object(
  {
    authorizationUrl: Type.String({ pattern: HTTP_URL_PATTERN }),
    clientId: Type.String({ minLength: 1 }),
    clientSecret: Type.String({ minLength: 1 }),
    accessTokenUri: Type.String({ pattern: HTTP_URL_PATTERN }),
    refreshTokenUri: Type.Optional(Type.String({ pattern: HTTP_URL_PATTERN })),
    clientAuthentication: Type.Optional(Type.Union([Type.Literal("basic"), Type.Literal("body")])),
    scopes: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  { additionalProperties: false },
);

const Text = Type.String({ minLength: 1, maxLength: 500 });
/** Home-extension settings (cek-home-extension.md §11.1); the API key is issued separately. */
const HomeSettingsDocument = Type.Object(
  {
    notificationsEnabled: Type.Optional(Type.Boolean()),
    messages: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Type.String({ pattern: HOME_MESSAGE_ID_PATTERN }),
            text: Type.Object(
              { en: Type.Optional(Text), ja: Type.Optional(Text), ko: Type.Optional(Text) },
              { additionalProperties: false, minProperties: 1 },
            ),
          },
          { additionalProperties: false },
        ),
        { maxItems: 200 },
      ),
    ),
    testers: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 1000 })),
  },
  { additionalProperties: false },
);

const fields = {
  id: Type.String({ pattern: EXTENSION_ID_PATTERN }),
  type: Type.Optional(Type.Union([Type.Literal("custom"), Type.Literal("home")])),
  home: Type.Optional(Type.Union([HomeSettingsDocument, Type.Null()])),
  // No markup or control characters: the name is shown in the console and spoken.
  displayName: Type.String({
    minLength: 1,
    maxLength: 100,
    pattern: DISPLAY_NAME_PATTERN,
  }),
  endpointUrl: Type.String({ pattern: ENDPOINT_URL_PATTERN, maxLength: 2048 }),
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
  outbound: OutboundGuard = new OutboundGuard({ networks: "public" }),
): { input: ExtensionInput; models: Record<string, unknown> } {
  const checked = ExtensionDocumentMessage.validate(value);
  if (!checked.ok)
    throw new ApiError(
      400,
      "invalid_extension",
      `invalid extension: ${inWords(checked.issues[0]!)}`,
      checked.issues.map((i) => ({ path: i.path, message: inWords(i) })),
    );
  const doc = checked.value;
  if (!allowHttp && !doc.endpointUrl.startsWith("https://"))
    throw new ApiError(400, "invalid_extension", "endpointUrl: must be an https:// URL", [
      { path: "endpointUrl", message: "endpointUrl: must be an https:// URL (§2.1)" },
    ]);
  const urls: [string, string | undefined][] = [
    ["endpointUrl", doc.endpointUrl],
    ["accountLinking.authorizationUrl", doc.accountLinking?.authorizationUrl],
    ["accountLinking.accessTokenUri", doc.accountLinking?.accessTokenUri],
    ["accountLinking.refreshTokenUri", doc.accountLinking?.refreshTokenUri],
  ];
  for (const [path, url] of urls) {
    const refused = url === undefined ? undefined : outbound.refused(url);
    if (refused)
      throw new ApiError(400, "invalid_extension", `${path}: ${refused}`, [
        { path, message: `${path}: ${refused}` },
      ]);
  }
  const type = doc.type ?? "custom";
  const homeIssue = (path: string, message: string) =>
    new ApiError(400, "invalid_extension", `${path}: ${message}`, [{ path, message }]);
  if (type === "home") {
    // A home extension registers no model and must link accounts (cek-home-extension.md §1, §10).
    if (!doc.accountLinking)
      throw homeIssue("accountLinking", "a home extension requires account linking (§10)");
    if (doc.models && Object.keys(doc.models).length > 0)
      throw homeIssue("models", "a home extension registers no interaction model (§1)");
    if (doc.invocationNames && Object.keys(doc.invocationNames).length > 0)
      throw homeIssue("invocationNames", "a home extension is never invoked by name (§1)");
  } else if (doc.home) throw homeIssue("home", "only home extensions have home settings");
  const ids = new Set<string>();
  for (const [i, message] of (doc.home?.messages ?? []).entries()) {
    if (ids.has(message.id)) throw homeIssue(`home.messages.${i}.id`, `${message.id} is repeated`);
    ids.add(message.id);
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
  if (type === "home") {
    input.type = "home";
    input.home = {
      notificationsEnabled: doc.home?.notificationsEnabled ?? true,
      messages: (doc.home?.messages ?? []).map((m) => ({ id: m.id, text: { ...m.text } })),
      testers: doc.home?.testers ?? [],
    };
  }
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
  extra: { languages: string[]; enabledUsers: string[]; invocationNamesInUse?: unknown },
) {
  const { accountLinking, home, ...rest } = record;
  const view: Record<string, unknown> = { ...rest, type: record.type ?? "custom", ...extra };
  if (home) {
    const { notificationKeyHash, ...settings } = home;
    view.home = { ...settings, notificationKeySet: notificationKeyHash !== undefined };
  }
  if (accountLinking) {
    const { clientSecret: _secret, ...linking } = accountLinking;
    view.accountLinking = { ...linking, clientSecretSet: true };
  } else view.accountLinking = null;
  return view;
}

/** Current settings as a document, for PATCH (secret included so it survives the merge). */
export function documentOf(record: ExtensionRecord): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, home, ...rest } = record;
  const document: Record<string, unknown> = {
    ...rest,
    accountLinking: record.accountLinking ?? null,
  };
  if (home) {
    // The key hash is kept by the registry; it is never part of a document.
    const { notificationKeyHash: _hash, ...settings } = home;
    document.home = settings;
  }
  return document;
}
