// Management routes of home control (admin token): a user's linked home extensions and
// devices by room with their actions and state, discovery on demand, unlinking; and the
// notification API key of a home extension (issued and re-issued, shown once, §11.1).

import { randomBytes } from "node:crypto";
import {
  type AnyRequest,
  type AnyResponse,
  ApiError,
  readJson,
  sendError,
  sendJson,
} from "../../api/http.js";
import { idSegment, userIdSegment } from "../../api/ids.js";
import type { AbilityServices } from "../services.js";
import type { HomeAbility } from "./ability.js";
import { hashNotificationKey } from "./notifications.js";

type Cek = NonNullable<AbilityServices["cek"]>;

const USER = /^\/api\/v1\/home\/users\/([^/]+)(\/.*)?$/;
const KEY = /^\/api\/v1\/extensions\/([^/]+)\/notification-key$/;

export async function handleHomeHttp(
  home: HomeAbility,
  services: AbilityServices,
  cek: Cek,
  req: AnyRequest,
  res: AnyResponse,
  url: URL,
): Promise<boolean> {
  const user = USER.exec(url.pathname);
  const key = KEY.exec(url.pathname);
  if (!user && !key) return false;
  try {
    services.admin.check(req);
    if (key) await notificationKey(cek, idSegment(key[1]!, "extensionId"), req, res);
    else await userRoute(home, cek, userIdSegment(user![1]!), user![2] ?? "", req, res, url);
  } catch (error) {
    if (error instanceof ApiError) sendError(res, error);
    else throw error;
  }
  return true;
}

async function notificationKey(cek: Cek, id: string, req: AnyRequest, res: AnyResponse) {
  const record = cek.registry.get(id);
  if (!record) throw new ApiError(404, "not_found", `no extension with id "${id}"`);
  if (record.type !== "home" || !record.home)
    throw new ApiError(409, "not_home", `${id} is not a home extension`);
  if (req.method === "POST") {
    // Issuing again replaces the key: the old one stops working at once.
    const apiKey = randomBytes(24).toString("base64url");
    await cek.registry.setNotificationKeyHash(id, hashNotificationKey(apiKey));
    return sendJson(res, 201, { extensionId: id, notificationApiKey: apiKey });
  }
  if (req.method === "DELETE") {
    await cek.registry.setNotificationKeyHash(id, undefined);
    return sendJson(res, 204, null);
  }
  throw new ApiError(405, "method_not_allowed", `${req.method} is not allowed here`);
}

async function userRoute(
  home: HomeAbility,
  cek: Cek,
  userId: string,
  rest: string,
  req: AnyRequest,
  res: AnyResponse,
  url: URL,
) {
  const method = req.method ?? "GET";
  if (rest === "/devices" && method === "GET") {
    const language = (
      ["en", "ja", "ko"].includes(url.searchParams.get("language") ?? "")
        ? url.searchParams.get("language")
        : "en"
    ) as "en" | "ja" | "ko";
    const vocabulary = await home.vocabulary(userId, language);
    const withState = url.searchParams.get("state") === "1";
    const devices = await Promise.all(
      vocabulary.devices.map(async (d) => ({
        extensionId: d.extensionId,
        applianceId: d.appliance.applianceId,
        name: d.name,
        types: d.types,
        room: d.location ? vocabulary.roomName(d.location) : null,
        location: d.location ?? null,
        tags: d.tags,
        isIr: d.appliance.isIr === true,
        actions: [...d.actions].sort(),
        ...(withState ? { state: (await home.healthCheck(userId, d)) ?? null } : {}),
      })),
    );
    const rooms: Record<string, typeof devices> = {};
    for (const d of devices) {
      const room = d.room ?? "";
      rooms[room] = [...(rooms[room] ?? []), d];
    }
    return sendJson(res, 200, {
      userId,
      devices,
      rooms: Object.entries(rooms).map(([room, list]) => ({ room: room || null, devices: list })),
      scenes: vocabulary.scenes.map((s) => ({ extensionId: s.extensionId, ...s.scene })),
      routines: vocabulary.routines.map((r) => ({ extensionId: r.extensionId, ...r.command })),
    });
  }
  if (rest === "/links" && method === "GET") {
    const discoveries = await home.store.forUser(userId);
    const links = await Promise.all(
      cek.registry.homeExtensions().map(async (e) => {
        const found = discoveries.find((d) => d.extensionId === e.id);
        return {
          extensionId: e.id,
          displayName: e.displayName,
          linked: await cek.linking.isLinked(e.id, userId),
          discoveredAt: found ? new Date(found.discoveredAt).toISOString() : null,
          devices: found?.appliances.length ?? 0,
          scenes: found?.scenes.length ?? 0,
        };
      }),
    );
    return sendJson(res, 200, { userId, links });
  }
  if (rest === "/discover" && method === "POST") {
    const body = (await readJson(req, 4096).catch(() => null)) as { extensionId?: unknown } | null;
    const only = typeof body?.extensionId === "string" ? body.extensionId : undefined;
    const linked = await home.linkedExtensions(userId);
    const targets = linked.filter((e) => only === undefined || e.id === only);
    if (only !== undefined && targets.length === 0)
      throw new ApiError(409, "not_linked", `${userId} has not linked ${only}`);
    const results = [];
    for (const e of targets) {
      const result = await home.discovery.discover(e.id, userId);
      results.push(
        result.ok
          ? { extensionId: e.id, ok: true, devices: result.appliances, scenes: result.scenes }
          : { extensionId: e.id, ok: false, error: result.message },
      );
    }
    return sendJson(res, 200, { userId, results });
  }
  const unlink = /^\/links\/([^/]+)$/.exec(rest);
  if (unlink && method === "DELETE") {
    const extensionId = idSegment(unlink[1]!, "extensionId");
    if (cek.registry.get(extensionId)?.type !== "home")
      throw new ApiError(404, "not_found", `no home extension "${extensionId}"`);
    await cek.linking.unlink(extensionId, userId);
    return sendJson(res, 204, null);
  }
  throw new ApiError(404, "not_found", `no such endpoint: ${method} ${url.pathname}`);
}
