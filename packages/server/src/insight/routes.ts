// Read-only insight for the console and the CLI (admin token required):
//   GET  /api/v1/conversations?deviceId=&userId=&extensionId=&dialogRequestId=&limit=   newest first
//   GET  /api/v1/extensions/:id/health                         calls, error rate, p50/p99
//   POST /api/v1/extensions/:id/recognize {text, language?}    what the NLU understands
//   POST /api/v1/nlu/recognize {model, text}                   the same for an unsaved model
//                                        (compiled off the main thread, kept: posted-models.ts)
import { validateModel } from "@clover/nlu";
import { type InteractionModel, InteractionModelMessage } from "@clover/protocol";
import {
  type AnyRequest,
  type AnyResponse,
  ApiError,
  readJsonObject,
  sendError,
  sendJson,
} from "../api/http.js";
import { idSegment } from "../api/ids.js";
import { isTimeZone, MAX_UTTERANCE_CHARS } from "../assistant/limits.js";
import type { Language } from "../assistant/turn.js";
import type { ExtensionRegistry } from "../cek/registry.js";
import type { AdminCheck } from "../cic/auth/admin-routes.js";
import type { TurnLog } from "./conversation-log.js";
import { CompileRefused, type PostedModels } from "./posted-models.js";

export interface InsightDependencies {
  log: TurnLog;
  registry: ExtensionRegistry;
  admin: AdminCheck;
  /** Recognizers of posted models: compiled off this thread, kept, limited (posted-models.ts). */
  posted: PostedModels;
}

const MAX_BODY = 2 * 1024 * 1024;
const LANGUAGES = new Set(["en", "ja", "ko"]);

function recognizeOptions(body: Record<string, unknown>) {
  const text = body["text"];
  if (typeof text !== "string" || text.trim() === "")
    throw new ApiError(400, "invalid_body", "text: expected non-empty string");
  if (text.length > MAX_UTTERANCE_CHARS)
    throw new ApiError(
      413,
      "payload_too_large",
      `text: longer than ${MAX_UTTERANCE_CHARS} characters (the utterance limit)`,
    );
  const reference = body["referenceTime"];
  const timeZone = body["timeZone"];
  let referenceTime: Date | undefined;
  if (reference !== undefined) {
    referenceTime = typeof reference === "string" ? new Date(reference) : new Date(Number.NaN);
    if (Number.isNaN(referenceTime.getTime()))
      throw new ApiError(
        400,
        "invalid_body",
        `referenceTime: expected an ISO 8601 date and time, got ${JSON.stringify(reference).slice(0, 100)}`,
      );
  }
  if (timeZone !== undefined && (typeof timeZone !== "string" || !isTimeZone(timeZone)))
    throw new ApiError(
      400,
      "invalid_body",
      `timeZone: expected an IANA time zone such as "Asia/Tokyo", got ${JSON.stringify(timeZone).slice(0, 100)}`,
    );
  return {
    text,
    options: {
      ...(referenceTime ? { referenceTime } : {}),
      ...(typeof timeZone === "string" ? { timeZone } : {}),
    },
  };
}

/** `limit` of the turn log's list: a whole number from 1 to 1000, 100 when not given. */
function limitOf(value: string | null): number {
  if (value === null) return 100;
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > 1000) {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    throw new ApiError(
      400,
      "invalid_query",
      `limit: expected a whole number from 1 to 1000, got ${JSON.stringify(shown)}`,
    );
  }
  return Number(value);
}

async function route(
  deps: InsightDependencies,
  req: AnyRequest,
  res: AnyResponse,
  path: string,
  query: URLSearchParams,
) {
  if (req.method === "GET" && path === "/api/v1/conversations") {
    const filter = {
      limit: limitOf(query.get("limit")),
      ...(query.get("deviceId") ? { deviceId: query.get("deviceId")! } : {}),
      ...(query.get("userId") ? { userId: query.get("userId")! } : {}),
      ...(query.get("extensionId") ? { extensionId: query.get("extensionId")! } : {}),
      ...(query.get("dialogRequestId") ? { dialogRequestId: query.get("dialogRequestId")! } : {}),
    };
    return sendJson(res, 200, { turns: await deps.log.list(filter) });
  }
  const health = /^\/api\/v1\/extensions\/([^/]+)\/health$/.exec(path);
  if (req.method === "GET" && health) {
    const id = idSegment(health[1]!, "extensionId");
    if (!deps.registry.get(id)) throw new ApiError(404, "not_found", `no extension with id ${id}`);
    return sendJson(res, 200, await deps.log.health(id));
  }
  const recognize = /^\/api\/v1\/extensions\/([^/]+)\/recognize$/.exec(path);
  if (req.method === "POST" && recognize) {
    const id = idSegment(recognize[1]!, "extensionId");
    if (!deps.registry.get(id)) throw new ApiError(404, "not_found", `no extension with id ${id}`);
    const body = await readJsonObject(req, MAX_BODY);
    const language = (body["language"] ?? deps.registry.languages(id)[0] ?? "en") as Language;
    if (!LANGUAGES.has(language))
      throw new ApiError(
        400,
        "invalid_body",
        `language: expected one of "en", "ja", "ko", got ${JSON.stringify(language)}`,
      );
    const recognizer = deps.registry.recognizer(id, language);
    if (!recognizer)
      throw new ApiError(404, "not_found", `extension ${id} has no ${language} model`);
    const { text, options } = recognizeOptions(body);
    return sendJson(res, 200, { language, ...recognizer.recognize(text, options) });
  }
  if (req.method === "POST" && path === "/api/v1/nlu/recognize") {
    const body = await readJsonObject(req, MAX_BODY);
    const checked = InteractionModelMessage.validate(body["model"]);
    if (!checked.ok)
      throw new ApiError(400, "invalid_model", "model is not a valid interaction model", [
        ...checked.issues.map((i) => ({ ...i })),
      ]);
    const issues = validateModel(checked.value as InteractionModel).filter(
      (i) => i.severity === "error",
    );
    if (issues.length > 0)
      throw new ApiError(
        400,
        "invalid_model",
        "model has errors",
        issues.map((i) => ({ ...i })),
      );
    const { text, options } = recognizeOptions(body);
    const caller = req.socket?.remoteAddress ?? "unknown";
    const recognizer = await deps.posted.recognizer(checked.value as InteractionModel, caller);
    return sendJson(res, 200, recognizer.recognize(text, options));
  }
  return false;
}

/** Returns true when it answered the request. */
export async function handleInsight(
  deps: InsightDependencies,
  req: AnyRequest,
  res: AnyResponse,
): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const known =
    url.pathname === "/api/v1/conversations" ||
    url.pathname === "/api/v1/nlu/recognize" ||
    /^\/api\/v1\/extensions\/[^/]+\/(health|recognize)$/.test(url.pathname);
  if (!known) return false;
  try {
    deps.admin.check(req);
    const answered = await route(deps, req, res, url.pathname, url.searchParams);
    if (answered === false)
      throw new ApiError(
        405,
        "method_not_allowed",
        `${req.method} is not allowed on ${url.pathname}`,
      );
  } catch (error) {
    if (error instanceof CompileRefused) res.setHeader("retry-after", String(error.retryAfterS));
    sendError(
      res,
      error instanceof ApiError ? error : new ApiError(500, "internal", "internal error"),
    );
  }
  return true;
}
