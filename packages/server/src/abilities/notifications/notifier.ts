// Notifier (cic.md §9.5): a notification for a user is kept until read and delivered to every
// connected device of the user: Notify (light and tone: "deliver now"), the text spoken and
// shown, then SetIndicator (new: true) while it stays unread. A device that connects later
// gets SetIndicator (new: false) when unread ones wait. Reading them ("read my
// notifications", or the API) sends ClearIndicator. Home pushes and extensions' pushes come
// through notifyUser.
import type { Language, TurnResult } from "../../assistant/turn.js";
import { DeviceSideStore, type StoredNotification } from "../../store/device-side.js";
import type { AbilityServices, DeviceTarget } from "../services.js";

/** Notifications kept per user (the oldest are dropped first) and for how long. */
export const NOTIFICATION_LIMITS = { perUser: 50, keepMs: 7 * 24 * 3600 * 1000 };

export const DEFAULT_TONE = "clova://notifier/sound/default";

export interface NotificationInput {
  text: string;
  language?: Language;
  /** "admin", or the extension that pushed it. */
  source?: string;
}

const directive = (name: string, payload: Record<string, unknown> = {}) => ({
  namespace: "Notifier",
  name,
  messageId: crypto.randomUUID(),
  payload,
});

/** The light-and-tone payload shared by Notify and SetIndicator. */
function signal(): Record<string, unknown> {
  const assetId = crypto.randomUUID();
  return { light: "DEFAULT", assets: [{ assetId, url: DEFAULT_TONE }], assetPlayOrder: [assetId] };
}

const pushed = (
  directives: TurnResult["directives"],
  speech: TurnResult["speech"] = [],
): TurnResult => ({
  speech,
  directives,
  expectSpeech: false,
});

export class Notifier {
  readonly store: DeviceSideStore;

  constructor(private readonly services: Pick<AbilityServices, "database" | "outbox" | "clock">) {
    this.store = new DeviceSideStore(services.database.db);
  }

  /** Keeps the notification and delivers it to the user's connected devices. */
  async notify(
    userId: string,
    input: NotificationInput,
  ): Promise<{ notification: StoredNotification; delivered: number }> {
    const now = this.services.clock.now();
    await this.store.expireNotifications(now - NOTIFICATION_LIMITS.keepMs);
    const notification = await this.store.addNotification(
      {
        userId,
        source: input.source ?? "admin",
        text: input.text,
        language: input.language ?? "en",
        createdAt: now,
      },
      NOTIFICATION_LIMITS.perUser,
    );
    const { outbox } = this.services;
    const delivered = await outbox.toUser(userId, pushed([directive("Notify", signal())]));
    if (delivered > 0) {
      await outbox.toUser(
        userId,
        pushed(
          [],
          [{ type: "PlainText", lang: notification.language as Language, value: input.text }],
        ),
      );
      await outbox.toUser(userId, pushed([directive("SetIndicator", { ...signal(), new: true })]));
    }
    return { notification, delivered };
  }

  async unread(userId: string): Promise<StoredNotification[]> {
    const since = this.services.clock.now() - NOTIFICATION_LIMITS.keepMs;
    return this.store.notifications(userId, { unreadOnly: true, since });
  }

  /** Marks read (one, or all); ClearIndicator once none is left unread. */
  async markRead(userId: string, id?: string): Promise<number> {
    const count = await this.store.markRead(userId, this.services.clock.now(), id);
    if ((await this.unread(userId)).length === 0)
      await this.services.outbox.toUser(userId, pushed([directive("ClearIndicator")]));
    return count;
  }

  /** A device came online: show that unread notifications wait (kept for offline devices). */
  async deviceConnected(target: DeviceTarget): Promise<void> {
    if ((await this.unread(target.userId)).length === 0) return;
    await this.services.outbox.toDevice(
      target,
      pushed([directive("SetIndicator", { ...signal(), new: false })]),
    );
  }
}

/**
 * Notifies a user from anywhere in the platform (Home pushes, abilities): kept until read,
 * delivered to every connected device. Resolves with how many devices got it now.
 */
export async function notifyUser(
  services: Pick<AbilityServices, "database" | "outbox" | "clock">,
  userId: string,
  input: NotificationInput,
): Promise<number> {
  return (await new Notifier(services).notify(userId, input)).delivered;
}
