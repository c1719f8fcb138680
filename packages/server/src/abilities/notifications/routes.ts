// Management and push routes of notifications (docs/cic.md, "Notifications"):
//   POST /api/v1/users/{userId}/notifications        {text, language?}   admin token
//   GET  /api/v1/users/{userId}/notifications                            admin token
//   POST /api/v1/users/{userId}/notifications/read   {id?}               admin token
//   POST /api/v1/extensions/{id}/push-key                                admin token → {pushKey}
//   POST /api/v1/extensions/{id}/notifications       {userId, text, language?}  Bearer push key

import type { AdminAuth } from "../../api/auth.js";
import {
  type AnyRequest,
  type AnyResponse,
  ApiError,
  onlyFields,
  readJsonObject,
  sendJson,
} from "../../api/http.js";
import { checkUserId, idSegment, userIdSegment } from "../../api/ids.js";
import type { Language } from "../../assistant/turn.js";
import type { Notifier } from "./notifier.js";

const MAX_BODY = 16 * 1024;
const MAX_TEXT = 1000;
const LANGUAGES = new Set(["en", "ja", "ko"]);

function notification(body: Record<string, unknown>) {
  const text = body["text"];
  if (typeof text !== "string" || text.trim() === "")
    throw new ApiError(400, "invalid_body", "text: expected a non-empty string");
  if (text.length > MAX_TEXT)
    throw new ApiError(400, "invalid_body", `text: at most ${MAX_TEXT} characters`);
  const language = body["language"] ?? "en";
  if (typeof language !== "string" || !LANGUAGES.has(language))
    throw new ApiError(400, "invalid_body", 'language: expected "en", "ja" or "ko"');
  return { text: text.trim(), language: language as Language };
}

function bearer(req: AnyRequest): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ""));
  if (!match)
    throw new ApiError(401, "unauthorized", "Authorization: Bearer <push key> is required");
  return match[1]!;
}

export async function handleNotificationRoutes(
  notifier: Notifier,
  admin: AdminAuth,
  req: AnyRequest,
  res: AnyResponse,
  url: URL,
): Promise<boolean> {
  const user = /^\/api\/v1\/users\/([^/]+)\/notifications(\/read)?$/.exec(url.pathname);
  if (user) {
    admin.check(req);
    const userId = userIdSegment(user[1]!);
    if (user[2]) {
      if (req.method !== "POST") throw new ApiError(405, "method_not_allowed", "use POST");
      const body = await readJsonObject(req, MAX_BODY);
      const id = typeof body["id"] === "string" ? body["id"] : undefined;
      sendJson(res, 200, { read: await notifier.markRead(userId, id) });
      return true;
    }
    if (req.method === "GET") {
      sendJson(res, 200, { notifications: await notifier.unread(userId) });
      return true;
    }
    if (req.method !== "POST") throw new ApiError(405, "method_not_allowed", "use GET or POST");
    const body = await readJsonObject(req, MAX_BODY);
    onlyFields(body, ["text", "language"]);
    const input = notification(body);
    const { notification: stored, delivered } = await notifier.notify(userId, {
      ...input,
      source: "admin",
    });
    sendJson(res, 201, { id: stored.id, delivered });
    return true;
  }
  const extension = /^\/api\/v1\/extensions\/([^/]+)\/(push-key|notifications)$/.exec(url.pathname);
  if (!extension) return false;
  const extensionId = idSegment(extension[1]!, "extensionId");
  if (req.method !== "POST") throw new ApiError(405, "method_not_allowed", "use POST");
  if (extension[2] === "push-key") {
    admin.check(req);
    const pushKey = await notifier.store.issuePushKey(extensionId, Date.now());
    sendJson(res, 201, { extensionId, pushKey });
    return true;
  }
  if (!(await notifier.store.checkPushKey(extensionId, bearer(req))))
    throw new ApiError(401, "unauthorized", `the push key is not valid for ${extensionId}`);
  const body = await readJsonObject(req, MAX_BODY);
  onlyFields(body, ["userId", "text", "language"]);
  // The same user ids as every route (docs/security.md "Identifiers"): one no route could name
  // was stored before, and its notifications could never be read or cleared.
  const userId = checkUserId(body["userId"]);
  const input = notification(body);
  const { notification: stored, delivered } = await notifier.notify(userId, {
    ...input,
    source: extensionId,
  });
  sendJson(res, 201, { id: stored.id, delivered });
  return true;
}
