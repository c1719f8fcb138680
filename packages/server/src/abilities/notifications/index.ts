// Notifications as an ability: "read my notifications" speaks the unread ones and clears the
// indicator; the management and push routes create them (routes.ts); delivery in notifier.ts.
import type { Language } from "../../assistant/turn.js";
import type { Ability } from "../ability.js";
import type { AbilityServices } from "../services.js";
import { Notifier } from "./notifier.js";
import { handleNotificationRoutes } from "./routes.js";

export { NOTIFICATION_LIMITS, type NotificationInput, Notifier, notifyUser } from "./notifier.js";

const PHRASES: Record<Language, string[]> = {
  en: [
    "read my notifications",
    "what are my notifications",
    "do i have any notifications",
    "any new notifications",
    "check my notifications",
    "read the notification",
    "did i get a notification",
    "have i got any new notifications",
  ],
  ja: [
    "通知を読んで",
    "通知を教えて",
    "新しい通知はある",
    "通知はありますか",
    "通知を確認して",
    // 通知 arrives (来る, 届く), and its everyday synonym お知らせ
    "通知が来てる",
    "通知届いてる",
    "新しい通知が届いてますか",
    "お知らせはある",
    "お知らせを読んで",
    // read aloud (読み上げる), and "anything?" (何か)
    "お知らせを読み上げて",
    "何か新しいお知らせある",
    "新しいお知らせを教えて",
  ],
  ko: [
    "알림 읽어 줘",
    "알림 알려 줘",
    "새 알림 있어",
    "알림 확인해 줘",
    // 알림 is also an alarm's word: a notification is one that came (온, 받은, 도착한, 새로)
    "온 알림 읽어 줘",
    "받은 알림 확인해 줘",
    "도착한 알림 있어",
    "새로 온 알림 알려 줘",
    "새 알림 확인",
    "알림 온 거 있어",
  ],
};

const SAY: Record<string, Record<Language, string>> = {
  none: {
    en: "You have no new notifications.",
    ja: "新しい通知はありません。",
    ko: "새 알림이 없어요.",
  },
  login: {
    en: "Please log in to hear your notifications.",
    ja: "通知を聞くにはログインしてください。",
    ko: "알림을 들으려면 로그인해 주세요.",
  },
};

export interface NotificationsAbility extends Ability {
  readonly notifier: Notifier;
}

export function notificationsAbility(services: AbilityServices): NotificationsAbility {
  const notifier = new Notifier(services);
  return {
    id: "ability:notifications",
    notifier,
    models: Object.fromEntries(
      (Object.keys(PHRASES) as Language[]).map((language) => [
        language,
        {
          language,
          intents: [{ name: "ReadNotificationsIntent", slots: [], utterances: PHRASES[language] }],
        },
      ]),
    ),
    async handle(turn) {
      if (turn.recognition.intent !== "ReadNotificationsIntent") return undefined;
      const language = turn.device.language;
      if (turn.device.guest)
        return {
          speech: [{ type: "PlainText", lang: language, value: SAY["login"]![language] }],
          directives: [
            {
              namespace: "Clova",
              name: "ExpectLogin",
              messageId: crypto.randomUUID(),
              payload: {},
            },
          ],
        };
      const unread = await notifier.unread(turn.device.userId);
      if (unread.length === 0)
        return { speech: [{ type: "PlainText", lang: language, value: SAY["none"]![language] }] };
      await notifier.markRead(turn.device.userId);
      return {
        speech: unread.map((n) => ({
          type: "PlainText",
          lang: n.language as Language,
          value: n.text,
        })),
      };
    },
    handleHttp: (req, res, url) =>
      handleNotificationRoutes(notifier, services.admin, req, res, url),
  };
}
