// The extension form's state, and its conversions from the API's view and to the API's
// extension document.
import { type ExtensionView, LANGUAGES } from "../api.js";

export interface Form {
  id: string;
  displayName: string;
  endpointUrl: string;
  names: Record<string, { main: string; sub: string }>;
  messageVersion: "1.0" | "0.1.0";
  usesAudioPlayer: boolean;
  legacyEndRequestType: boolean;
  enabledForAllUsers: boolean;
  linking: boolean;
  link: Record<
    | "authorizationUrl"
    | "clientId"
    | "clientSecret"
    | "accessTokenUri"
    | "refreshTokenUri"
    | "scopes",
    string
  >;
  clientAuthentication: "basic" | "body";
}

export const EMPTY: Form = {
  id: "",
  displayName: "",
  endpointUrl: "https://",
  names: { en: { main: "", sub: "" }, ja: { main: "", sub: "" }, ko: { main: "", sub: "" } },
  messageVersion: "1.0",
  usesAudioPlayer: false,
  legacyEndRequestType: false,
  enabledForAllUsers: true,
  linking: false,
  link: {
    authorizationUrl: "",
    clientId: "",
    clientSecret: "",
    accessTokenUri: "",
    refreshTokenUri: "",
    scopes: "",
  },
  clientAuthentication: "basic",
};

export function fromView(x: ExtensionView): Form {
  const names: Form["names"] = {};
  for (const lang of LANGUAGES)
    names[lang] = {
      main: x.invocationNames[lang]?.main ?? "",
      sub: (x.invocationNames[lang]?.sub ?? []).join(", "),
    };
  const l = x.accountLinking;
  return {
    ...EMPTY,
    id: x.id,
    displayName: x.displayName,
    endpointUrl: x.endpointUrl,
    names,
    messageVersion: x.messageVersion,
    usesAudioPlayer: x.usesAudioPlayer,
    legacyEndRequestType: x.legacyEndRequestType,
    enabledForAllUsers: x.enabledForAllUsers,
    linking: l !== null,
    link: l
      ? {
          authorizationUrl: l.authorizationUrl,
          clientId: l.clientId,
          clientSecret: "",
          accessTokenUri: l.accessTokenUri,
          refreshTokenUri: l.refreshTokenUri ?? "",
          scopes: l.scopes.join(" "),
        }
      : EMPTY.link,
    clientAuthentication: l?.clientAuthentication ?? "basic",
  };
}

const list = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function toDocument(
  form: Form,
  editing: ExtensionView | undefined,
): Record<string, unknown> {
  const invocationNames: Record<string, unknown> = {};
  for (const [lang, n] of Object.entries(form.names))
    if (n.main.trim()) invocationNames[lang] = { main: n.main.trim(), sub: list(n.sub) };
  const doc: Record<string, unknown> = {
    displayName: form.displayName.trim(),
    endpointUrl: form.endpointUrl.trim(),
    invocationNames,
    messageVersion: form.messageVersion,
    usesAudioPlayer: form.usesAudioPlayer,
    legacyEndRequestType: form.legacyEndRequestType,
    enabledForAllUsers: form.enabledForAllUsers,
  };
  if (!editing) doc.id = form.id.trim();
  if (!form.linking) doc.accountLinking = null;
  // The secret never comes back from the API: keep the stored settings unless one is typed.
  else if (form.link.clientSecret !== "" || !editing?.accountLinking) {
    const l = form.link;
    doc.accountLinking = {
      authorizationUrl: l.authorizationUrl.trim(),
      clientId: l.clientId.trim(),
      clientSecret: l.clientSecret,
      accessTokenUri: l.accessTokenUri.trim(),
      ...(l.refreshTokenUri.trim() ? { refreshTokenUri: l.refreshTokenUri.trim() } : {}),
      clientAuthentication: form.clientAuthentication,
      scopes: l.scopes.split(/\s+/).filter(Boolean),
    };
  }
  return doc;
}
