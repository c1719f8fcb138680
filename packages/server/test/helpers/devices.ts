// A device of a running platform: a device client registered through the management API,
// logged in through the auth API, ready to open its downchannel.
import { type ContextObject, DeviceClient, logIn } from "@clover/device";
import { managementApi } from "./management-api.js";

export interface DeviceLogin {
  accessToken: string;
  refreshToken: string;
}

export async function registerClient(
  url: string,
  adminToken: string,
): Promise<{
  clientId: string;
  clientSecret: string;
}> {
  const created = await managementApi(url, adminToken)("POST", "/api/v1/device-clients", {
    name: "test speaker",
  });
  if (created.status !== 201) throw new Error(`device client: ${created.status}`);
  return created.body as { clientId: string; clientSecret: string };
}

export async function loginDevice(
  url: string,
  client: { clientId: string; clientSecret: string },
  deviceId: string,
  modelId = "KS-1",
): Promise<DeviceLogin> {
  const tokens = await logIn({ url, ...client, deviceId, modelId });
  return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
}

/** A device client that says it is a plain speaker (SPEAKER_CONTEXT) unless an event says more. */
export function deviceAt(url: string, login: DeviceLogin): DeviceClient {
  return new DeviceClient({ url, accessToken: login.accessToken, context: SPEAKER_CONTEXT });
}

/** A new device client, logged in as `deviceId`, with its downchannel open. */
export async function connectedDevice(
  url: string,
  adminToken: string,
  deviceId: string,
  modelId?: string,
): Promise<DeviceClient> {
  const login = await loginDevice(url, await registerClient(url, adminToken), deviceId, modelId);
  const device = deviceAt(url, login);
  await device.openDownchannel();
  return device;
}

/**
 * What a plain speaker says it is in every event (cic.md §8): no screen, plays MP3. A device
 * that sends neither is taken to have a Full-HD screen and gets no audio content.
 */
export const SPEAKER_CONTEXT: ContextObject[] = [
  { header: { namespace: "Device", name: "Display" }, payload: { size: "none" } },
  {
    header: { namespace: "Device", name: "Audio" },
    payload: {
      acceptContentType: [{ mimeType: "audio/mpeg", audioCodec: "MP3", fileExtension: "MP3" }],
    },
  },
];
