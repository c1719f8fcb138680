// SkillEnabled / SkillDisabled EventRequests when a user enables or disables an extension
// (cek-custom-extension.md §6). Not sent to 0.1.0 extensions (§12.2), nor to Clova Home
// extensions, which only ever receive Clova Home messages (cek-home-extension.md §2.1). No
// device is involved, so the request names the platform's console as the device.
import { randomUUID } from "node:crypto";
import type { AssistantContext } from "../assistant/context.js";
import { eventTimestamp } from "./request-builder.js";

export async function sendSkillEvent(
  ctx: AssistantContext,
  extensionId: string,
  userId: string,
  enabled: boolean,
): Promise<void> {
  const extension = ctx.registry.get(extensionId);
  if (!extension || extension.type === "home") return;
  await ctx.client.call(
    extension,
    {
      device: {
        clientId: "clover-console",
        deviceId: "clover-console",
        userId,
        language: "en",
        locale: "en-US",
        display: { size: "none" },
      },
      session: { new: true, sessionId: randomUUID(), sessionAttributes: {} },
      body: {
        type: "EventRequest",
        requestId: randomUUID(),
        timestamp: eventTimestamp(),
        locale: "en-US",
        extensionId,
        event: {
          namespace: "ClovaSkill",
          name: enabled ? "SkillEnabled" : "SkillDisabled",
          payload: null,
        },
      },
    },
    { ignoreAnswer: true },
  );
}
