// SkillEnabled for extensions enabled for all users (cek-custom-extension.md §6): such an
// extension is "enabled" by every user without a store action, so the platform announces it
// once per user, the first time a device of that user connects (recorded in the database so
// several nodes and restarts announce it once).
import type { AssistantContext } from "../assistant/context.js";
import type { DeviceSideStore } from "../store/device-side.js";
import { sendSkillEvent } from "./skill-events.js";

export async function announceAllUserExtensions(
  ctx: AssistantContext,
  store: DeviceSideStore,
  userId: string,
  now: number,
): Promise<string[]> {
  const announced: string[] = [];
  for (const extension of ctx.registry.list()) {
    if (!extension.enabledForAllUsers) continue;
    if (!(await store.claimSkillEnabled(extension.id, userId, now))) continue;
    announced.push(extension.id);
    await sendSkillEvent(ctx, extension.id, userId, true).catch((error) =>
      ctx.log.warn({ err: error, extensionId: extension.id }, "SkillEnabled was not delivered"),
    );
  }
  return announced;
}
