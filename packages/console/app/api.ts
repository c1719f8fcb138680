// The management API from the browser: admin token (kept in sessionStorage) as a Bearer
// header, errors in the API's own shape `{ error: { code, message, issues? } }`.

const TOKEN_KEY = "clover.console.adminToken";

export interface ApiIssue {
  path?: string;
  message: string;
  severity?: "error" | "warning";
  file?: string;
  line?: number;
  column?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value: string) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

type Body = { json: unknown } | { text: string; type: string } | undefined;

export async function api<T>(method: string, path: string, body?: Body): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const admin = token.get();
  if (admin) headers["authorization"] = `Bearer ${admin}`;
  let payload: string | undefined;
  if (body && "json" in body) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body.json);
  } else if (body) {
    headers["content-type"] = body.type;
    payload = body.text;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
  } catch (error) {
    throw new ApiError(0, "network", `the platform did not answer: ${(error as Error).message}`);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let value: unknown;
  try {
    value = text === "" ? undefined : JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!response.ok) {
    const error = (value as { error?: { code?: string; message?: string; issues?: ApiIssue[] } })
      ?.error;
    if (response.status === 401) window.dispatchEvent(new Event("clover:unauthorized"));
    throw new ApiError(
      response.status,
      error?.code ?? "http_error",
      error?.message ?? `${method} ${path} failed with HTTP ${response.status}`,
      error?.issues ?? [],
    );
  }
  return value as T;
}

export interface ExtensionView {
  id: string;
  displayName: string;
  endpointUrl: string;
  invocationNames: Partial<Record<Language, { main: string; sub: string[] }>>;
  /** The names users say: the extension's own, else its model's (platforms since 0.2). */
  invocationNamesInUse?: Partial<
    Record<Language, { main: string; sub: string[]; from: "extension" | "model" }>
  >;
  messageVersion: "1.0" | "0.1.0";
  legacyEndRequestType: boolean;
  usesAudioPlayer: boolean;
  enabledForAllUsers: boolean;
  accountLinking: null | {
    authorizationUrl: string;
    clientId: string;
    accessTokenUri: string;
    refreshTokenUri?: string;
    clientAuthentication: "basic" | "body";
    scopes: string[];
    clientSecretSet: boolean;
  };
  languages: Language[];
  enabledUsers: string[];
  createdAt?: string;
  updatedAt?: string;
}

export type Language = "en" | "ja" | "ko";
export const LANGUAGES: readonly Language[] = ["en", "ja", "ko"];

export const listExtensions = () =>
  api<{ extensions: ExtensionView[] }>("GET", "/api/v1/extensions").then((r) => r.extensions);
export const getExtension = (id: string) =>
  api<ExtensionView>("GET", `/api/v1/extensions/${encodeURIComponent(id)}`);
