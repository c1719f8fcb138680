// Management routes of the device side (admin token), what a companion app does:
//   GET  /api/v1/users/{u}/devices                         the user's devices, state, settings
//   GET|PUT /api/v1/users/{u}/profile   {timeZone?, location?{latitude,longitude}}
//   GET|PUT /api/v1/users/{u}/devices/{d}/settings  {configuration}  (PUT → Settings.Update)
//   POST /api/v1/users/{u}/devices/{d}/directives  {namespace, name, payload?}
//        remote control: a cloud-initiated directive pushed on the device's downchannel
//   POST /api/v1/users/{u}/delegations  {deviceId, text}  (Clova.HandleDelegatedEvent)

import type { AdminAuth } from "../../api/auth.js";
import {
  type AnyRequest,
  type AnyResponse,
  ApiError,
  readJsonObject,
  sendError,
  sendJson,
} from "../../api/http.js";
import { deviceIdSegment, userIdSegment } from "../../api/ids.js";
import { delegate } from "./clova.js";
import { pendingPin } from "./device-control.js";
import type { DeviceSide } from "./device-side.js";
import { part } from "./parts.js";
import { isTimeZone } from "./time-zone.js";

const MAX_BODY = 32 * 1024;

/** Directives an app may push to a device (cic.md §9: the `down` channel ones). */
export const REMOTE_DIRECTIVES = new Set([
  "AudioPlayer.ClearQueue",
  "AudioPlayer.ExpectReportPlaybackState",
  "DeviceControl.BtConnect",
  "DeviceControl.BtConnectByPINCode",
  "DeviceControl.BtDelete",
  "DeviceControl.BtDisconnect",
  "DeviceControl.BtRescan",
  "DeviceControl.BtStartPairing",
  "DeviceControl.BtStopPairing",
  "DeviceControl.Decrease",
  "DeviceControl.ExpectReportState",
  "DeviceControl.Increase",
  "DeviceControl.SetValue",
  "DeviceControl.TurnOff",
  "DeviceControl.TurnOn",
  "PlaybackController.ExpectNextCommand",
  "PlaybackController.ExpectPauseCommand",
  "PlaybackController.ExpectPlayCommand",
  "PlaybackController.ExpectPreviousCommand",
  "PlaybackController.ExpectResumeCommand",
  "PlaybackController.ExpectStopCommand",
  "PlaybackController.SetRepeatMode",
  "Settings.ExpectReport",
  "TemplateRuntime.ExpectRequestPlayerInfo",
  "TemplateRuntime.UpdateLike",
  "TemplateRuntime.UpdateSubscribe",
]);

function device(side: DeviceSide, userId: string, deviceId: string) {
  const found = side.device(userId, deviceId);
  if (!found) throw new ApiError(404, "not_found", `user ${userId} has no device ${deviceId}`);
  return found;
}

/** Answers the route (errors in the management API's format); false when not its path. */
export async function handleDeviceSideRoutes(
  side: DeviceSide,
  admin: AdminAuth,
  req: AnyRequest,
  res: AnyResponse,
): Promise<boolean> {
  try {
    return await route(side, admin, req, res);
  } catch (error) {
    req.resume();
    sendError(
      res,
      error instanceof ApiError ? error : new ApiError(500, "internal_error", "the request failed"),
    );
    return true;
  }
}

async function route(
  side: DeviceSide,
  admin: AdminAuth,
  req: AnyRequest,
  res: AnyResponse,
): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const match =
    /^\/api\/v1\/users\/([^/]+)\/(devices|profile|delegations)(?:\/([^/]+)\/(settings|directives))?$/.exec(
      url.pathname,
    );
  if (!match) return false;
  admin.check(req);
  const userId = userIdSegment(match[1]!);
  // The user's devices as every node knows them (shared side memory, when configured).
  await side.load(undefined, userId);
  const what = match[4] ?? match[2]!;
  const deviceId = match[3] ? deviceIdSegment(match[3]) : undefined;
  const store = side.options.store;
  if (what === "devices" && !deviceId) {
    if (req.method !== "GET") throw new ApiError(405, "method_not_allowed", "use GET");
    sendJson(res, 200, {
      devices: side.devicesOf(userId).map((d) => ({
        deviceId: d.deviceId,
        clientId: d.clientId,
        modelId: d.modelId ?? null,
        online: side.online(d.deviceKey),
        deviceState: side.contextOf(d.deviceKey, "Device.DeviceState") ?? null,
        playbackState: side.contextOf(d.deviceKey, "AudioPlayer.PlaybackState") ?? null,
        settings: d.settings ?? null,
        waitingForPin: pendingPin(side, d.deviceKey) ?? null,
      })),
    });
    return true;
  }
  if (what === "profile") {
    if (req.method === "GET") {
      sendJson(res, 200, (await store?.profile(userId)) ?? {});
      return true;
    }
    if (req.method !== "PUT") throw new ApiError(405, "method_not_allowed", "use GET or PUT");
    const body = await readJsonObject(req, MAX_BODY);
    const timeZone = body["timeZone"];
    if (timeZone !== undefined && !isTimeZone(timeZone))
      throw new ApiError(
        400,
        "invalid_body",
        "timeZone: expected an IANA time zone such as Asia/Tokyo",
      );
    const location = body["location"] as Record<string, unknown> | undefined;
    if (
      location !== undefined &&
      (typeof location !== "object" ||
        typeof location?.["latitude"] !== "string" ||
        typeof location?.["longitude"] !== "string")
    )
      throw new ApiError(
        400,
        "invalid_body",
        "location: expected {latitude, longitude} as strings",
      );
    const profile = {
      ...(typeof timeZone === "string" ? { timeZone } : {}),
      ...(location
        ? {
            location: {
              latitude: String(location["latitude"]),
              longitude: String(location["longitude"]),
            },
          }
        : {}),
    };
    await store?.saveProfile(userId, profile, side.now());
    side.forgetProfile(userId);
    sendJson(res, 200, profile);
    return true;
  }
  if (what === "delegations") {
    if (req.method !== "POST") throw new ApiError(405, "method_not_allowed", "use POST");
    const body = await readJsonObject(req, MAX_BODY);
    const target = device(side, userId, String(body["deviceId"] ?? ""));
    if (typeof body["text"] !== "string" || body["text"].trim() === "")
      throw new ApiError(400, "invalid_body", "text: expected what the user asked");
    const delegationId = await delegate(side, target, body["text"]);
    sendJson(res, 202, { delegationId, online: side.online(target.deviceKey) });
    return true;
  }
  const target = device(side, userId, deviceId!);
  if (what === "settings") {
    if (req.method === "GET") {
      const configuration = target.settings ?? (await store?.settings(target.deviceKey)) ?? {};
      sendJson(res, 200, { configuration });
      return true;
    }
    if (req.method !== "PUT") throw new ApiError(405, "method_not_allowed", "use GET or PUT");
    const configuration = (await readJsonObject(req, MAX_BODY))["configuration"];
    if (
      typeof configuration !== "object" ||
      configuration === null ||
      Object.values(configuration).some((v) => typeof v !== "string")
    )
      throw new ApiError(400, "invalid_body", "configuration: expected an object of string values");
    const delivered = await side.push(
      target.deviceKey,
      part("Settings", "Update", { configuration }),
    );
    sendJson(res, 202, { delivered });
    return true;
  }
  if (req.method !== "POST") throw new ApiError(405, "method_not_allowed", "use POST");
  const body = await readJsonObject(req, MAX_BODY);
  const name = `${String(body["namespace"])}.${String(body["name"])}`;
  if (!REMOTE_DIRECTIVES.has(name))
    throw new ApiError(
      400,
      "invalid_body",
      `${name} is not a directive an app may push; allowed: ${[...REMOTE_DIRECTIVES].join(", ")}`,
    );
  const payload = body["payload"] ?? {};
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    throw new ApiError(400, "invalid_body", "payload: expected an object");
  const [namespace, directiveName] = name.split(".") as [string, string];
  const delivered = await side.push(
    target.deviceKey,
    part(namespace, directiveName, payload as Record<string, unknown>),
  );
  sendJson(res, 202, { delivered });
  return true;
}
