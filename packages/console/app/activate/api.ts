// The device activation API (docs/cic.md, device flow) from the browser: the admin token of
// the console sign-in, or an account token the user types, as the Bearer credential.
import type { DeviceCodeView } from "@clover/server";
import { ApiError } from "../api.js";

export type { DeviceCodeView };

const PATH = "/api/v1/device-activations";

async function call<T>(credential: string, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {
    accept: "application/json",
    authorization: `Bearer ${credential}`,
  };
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new ApiError(0, "network", `the platform did not answer: ${(error as Error).message}`);
  }
  const value = (await response.json().catch(() => undefined)) as
    | { error?: { code?: string; message?: string } }
    | undefined;
  if (!response.ok)
    throw new ApiError(
      response.status,
      value?.error?.code ?? "http_error",
      value?.error?.message ?? `${method} ${path} failed with HTTP ${response.status}`,
    );
  return value as T;
}

export const lookUpCode = (credential: string, userCode: string) =>
  call<DeviceCodeView>(credential, "GET", `${PATH}/${encodeURIComponent(userCode)}`);

export const decideCode = (
  credential: string,
  userCode: string,
  decision: "approve" | "deny",
  userId?: string,
  acceptTerms?: boolean,
) =>
  call<DeviceCodeView>(credential, "POST", PATH, {
    userCode,
    decision,
    ...(userId ? { userId } : {}),
    ...(acceptTerms ? { acceptTerms } : {}),
  });

/** The terms of service accounts accept before a device joins them (version null: none). */
export interface Terms {
  version: string | null;
  text: string | null;
}

export async function loadTerms(): Promise<Terms> {
  const response = await fetch("/api/v1/terms", { headers: { accept: "application/json" } });
  if (!response.ok) return { version: null, text: null };
  return (await response.json()) as Terms;
}
