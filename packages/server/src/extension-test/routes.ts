// The console's extension test screen on the management API (admin token required):
//   GET  /api/v1/extensions/:id/test   test targets, deadline, last model upload per language
//   POST /api/v1/extensions/:id/test   one test: a sentence, an edited request, or a scenario step
// docs/console.md "The extension test" describes the bodies and answers.

import { CEK_PLAYBACK_EVENT_NAMES, type PlaybackEventName } from "@clover/protocol";
import {
  type AnyRequest,
  type AnyResponse,
  ApiError,
  type RequestHandler,
  readJsonObject,
  sendError,
  sendJson,
} from "../api/http.js";
import { checkUserId, idSegment } from "../api/ids.js";
import { MAX_UTTERANCE_CHARS } from "../assistant/limits.js";
import type { Language } from "../assistant/turn.js";
import type { ExtensionRegistry } from "../cek/registry.js";
import type { AdminCheck } from "../cic/auth/admin-routes.js";
import { type ExtensionTester, type ScenarioAction, TestInputError } from "./tester.js";

/** A test body: a sentence, or an edited request of at most a response's size. */
const MAX_BODY = 256 * 1024;
const LANGUAGES: readonly Language[] = ["en", "ja", "ko"];
const ACTIONS: readonly ScenarioAction[] = ["launch", "say", "end", "silence"];
const PATH = /^\/api\/v1\/extensions\/([^/]+)\/test$/;

export interface ExtensionTestRoutes {
  tester: ExtensionTester;
  admin: AdminCheck;
  registry: ExtensionRegistry;
  deadlineMs: number;
}

/** Answers the test paths, hands every other request to `next`. */
export function withExtensionTest(deps: ExtensionTestRoutes, next: RequestHandler): RequestHandler {
  return (req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const match = PATH.exec(path);
    if (!match) return next(req, res);
    route(deps, req, res, match[1]!).catch((error) => {
      const known =
        error instanceof ApiError
          ? error
          : error instanceof TestInputError
            ? new ApiError(error.status, error.code, error.message)
            : new ApiError(500, "internal", "internal error; see the server log");
      sendError(res, known);
    });
  };
}

async function route(
  deps: ExtensionTestRoutes,
  req: AnyRequest,
  res: AnyResponse,
  segment: string,
) {
  deps.admin.check(req);
  const id = idSegment(segment, "extensionId");
  const extension = deps.registry.get(id);
  if (req.method !== "GET" && req.method !== "POST")
    throw new ApiError(405, "method_not_allowed", `${req.method} is not allowed on the test path`);
  if (!extension) throw new ApiError(404, "not_found", `no extension with id ${id}`);
  if (req.method === "GET")
    return sendJson(res, 200, {
      // Clover keeps one version of an extension: what is registered is what devices use.
      targets: ["development"],
      deadlineMs: deps.deadlineMs,
      publicKeyUrl: "/.well-known/signature-public-key.pem",
      models: Object.fromEntries(
        deps.registry.languages(id).map((language) => {
          const at = deps.registry.modelUploadedAt(id, language);
          return [language, { uploadedAt: at === undefined ? null : new Date(at).toISOString() }];
        }),
      ),
    });
  const body = await readJsonObject(req, MAX_BODY);
  const language = languageOf(body, deps.registry.languages(id)[0] ?? "en");
  const userId = body["userId"] === undefined ? undefined : checkUserId(body["userId"]);
  const mode = body["mode"] ?? "model";
  if (mode === "model") {
    const given = ["text", "request", "event"].filter((key) => body[key] !== undefined);
    if (given.length !== 1)
      throw new ApiError(
        400,
        "invalid_body",
        "expected one of text (a sentence to analyze), request (a request message to send again) or event (a playback event)",
      );
    if (given[0] === "event")
      return sendJson(
        res,
        200,
        await deps.tester.playbackEvent(
          extension,
          language,
          playbackEventOf(body["event"]),
          userId,
        ),
      );
    const hasRequest = given[0] === "request";
    if (hasRequest) {
      const request = body["request"];
      if (typeof request !== "object" || request === null || Array.isArray(request))
        throw new ApiError(
          400,
          "invalid_body",
          "request: expected a CEK request message (an object)",
        );
      return sendJson(
        res,
        200,
        await deps.tester.request(extension, language, request as Record<string, unknown>),
      );
    }
    return sendJson(
      res,
      200,
      await deps.tester.sentence(extension, language, textOf(body), userId),
    );
  }
  if (mode !== "scenario")
    throw new ApiError(
      400,
      "invalid_body",
      `mode: expected "model" or "scenario", got ${JSON.stringify(mode)}`,
    );
  const action = body["action"];
  if (typeof action !== "string" || !ACTIONS.includes(action as ScenarioAction))
    throw new ApiError(
      400,
      "invalid_body",
      `action: expected one of ${ACTIONS.map((a) => `"${a}"`).join(", ")}, got ${JSON.stringify(action ?? null)}`,
    );
  const scenarioId = body["scenarioId"];
  if (action !== "launch" && typeof scenarioId !== "string")
    throw new ApiError(400, "invalid_body", `scenarioId: expected the id "launch" answered`);
  return sendJson(
    res,
    200,
    await deps.tester.scenario(extension, language, action as ScenarioAction, {
      ...(typeof scenarioId === "string" ? { scenarioId } : {}),
      ...(action === "say" ? { text: textOf(body) } : {}),
      ...(userId ? { userId } : {}),
    }),
  );
}

function playbackEventOf(value: unknown) {
  const event = (typeof value === "object" && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const name = event["name"];
  if (typeof name !== "string" || !CEK_PLAYBACK_EVENT_NAMES.includes(name as PlaybackEventName))
    throw new ApiError(
      400,
      "invalid_body",
      `event.name: expected one of ${CEK_PLAYBACK_EVENT_NAMES.join(", ")}, got ${JSON.stringify(name ?? null)}`,
    );
  const token = event["token"];
  if (typeof token !== "string" || token === "" || token.length > 1024)
    throw new ApiError(
      400,
      "invalid_body",
      "event.token: expected the stream's token (1-1024 characters) from the AudioPlayer.Play directive",
    );
  const offset = event["offsetInMilliseconds"] ?? 0;
  if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0)
    throw new ApiError(
      400,
      "invalid_body",
      `event.offsetInMilliseconds: expected a whole number of milliseconds >= 0, got ${JSON.stringify(offset)}`,
    );
  return { name: name as PlaybackEventName, token, offsetInMilliseconds: offset };
}

function languageOf(body: Record<string, unknown>, fallback: Language): Language {
  const language = body["language"] ?? fallback;
  if (!LANGUAGES.includes(language as Language))
    throw new ApiError(
      400,
      "invalid_body",
      `language: expected one of "en", "ja", "ko", got ${JSON.stringify(language)}`,
    );
  return language as Language;
}

function textOf(body: Record<string, unknown>): string {
  const text = body["text"];
  if (typeof text !== "string" || text.trim() === "")
    throw new ApiError(400, "invalid_body", "text: expected a non-empty string");
  if (text.length > MAX_UTTERANCE_CHARS)
    throw new ApiError(
      413,
      "payload_too_large",
      `text: longer than ${MAX_UTTERANCE_CHARS} characters (the utterance limit)`,
    );
  return text;
}
