// The extension test endpoint (docs/server.md "Extension test") from the browser.
import { api, type Language } from "../api.js";

export interface TestInfo {
  targets: string[];
  deadlineMs: number;
  publicKeyUrl: string;
  models: Partial<Record<Language, { uploadedAt: string | null }>>;
}

export interface TestResult {
  mode: "model" | "scenario";
  language: Language;
  event: string | null;
  intent?: { name: string; slots: Record<string, string> };
  request?: unknown;
  response?: unknown;
  signature?: { header: string; value: string; verified: boolean; keyId: string };
  durationMs?: number;
  deadlineMs: number;
  error?: { code: string; message: string; status?: number };
  warnings?: string[];
  speech: string[];
  reprompt?: string[];
  directives: string[];
  audioPlayer: boolean;
  scenario?: {
    id: string;
    sessionId: string;
    open: boolean;
    endedBy?: "extension" | "user" | "exit-phrase" | "timeout" | "error";
    attributesBefore: Record<string, unknown>;
    attributesAfter?: Record<string, unknown>;
    reprompted?: boolean;
  };
}

const path = (id: string) => `/api/v1/extensions/${encodeURIComponent(id)}/test`;

export const testInfo = (id: string) => api<TestInfo>("GET", path(id));

export const runTest = (id: string, body: Record<string, unknown>) =>
  api<TestResult>("POST", path(id), { json: body });

/** sessionStorage key the model editor sets while its page holds changes not uploaded. */
export const unsavedKey = (id: string, language: Language) =>
  `clover.console.unsavedModel.${id}.${language}`;
