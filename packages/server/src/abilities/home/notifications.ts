// The push API (cek-home-extension.md §11.1): `sendNotification` with the extension's id and
// notification API key; the pre-registered message reaches every device of the user(s) who own
// the appliance over their downchannels through the Notifier, which keeps it (bounded) until
// read, so a device that was offline shows the indicator when it connects.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Logger } from "pino";
import { type AnyRequest, type AnyResponse, readBody } from "../../api/http.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../../api/json-depth.js";
import { utf8Problem } from "../../api/utf8.js";
import type { Language } from "../../assistant/turn.js";
import type { ExtensionRegistry } from "../../cek/registry.js";
import type { HomeNotificationMessage } from "../../store/extensions.js";
import type { HomeStore } from "../../store/home.js";
import { notifyUser } from "../notifications/index.js";
import type { AbilityServices } from "../services.js";
import { SAY } from "./speech/phrases.js";
import { fill } from "./speech/render.js";

export const NOTIFICATION_PATH = "/clovahome/clova-platform/sendNotification";

export interface NotificationLimits {
  /** 4207: per appliance per hour. */
  perDevicePerHour: number;
  /** 4208: per extension per day. */
  perExtensionPerDay: number;
  maxBodyBytes: number;
}

export const DEFAULT_NOTIFICATION_LIMITS: NotificationLimits = {
  perDevicePerHour: 10,
  perExtensionPerDay: 1000,
  maxBodyBytes: 16 * 1024,
};

const ERRORS = {
  4201: "home extension not found",
  4202: "invalid notification API key",
  4203: "empty applianceId",
  4204: "invalid messageId",
  4205: "invalid request body",
  4206: "notifications are disabled for this extension",
  4207: "per-device message limit exceeded",
  4208: "per-extension message limit exceeded",
} as const;
type ErrorCode = keyof typeof ERRORS;

export function hashNotificationKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export class HomeNotifications {
  readonly #counts = new Map<string, number[]>();

  constructor(
    private readonly registry: ExtensionRegistry,
    private readonly store: HomeStore,
    private readonly services: AbilityServices,
    private readonly log: Logger,
    private readonly languageOf: (userId: string) => Language | undefined,
    private readonly limits: NotificationLimits = DEFAULT_NOTIFICATION_LIMITS,
  ) {}

  /** POST /clovahome/clova-platform/sendNotification. */
  async handle(req: AnyRequest, res: AnyResponse): Promise<void> {
    const fail = (code: ErrorCode, detail?: string) =>
      answer(res, 400, code, detail ? `${ERRORS[code]}: ${detail}` : ERRORS[code]);
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === "string" ? value : Array.isArray(value) ? value[0] : undefined;
    };
    const extensionId = header("x-clova-extension-id");
    const secret = header("x-clova-extension-secret");
    const extension = extensionId ? this.registry.get(extensionId) : undefined;
    if (extension?.type !== "home" || !extension.home)
      return fail(
        4201,
        extensionId ? `no home extension "${extensionId}"` : "X-Clova-Extension-Id is missing",
      );
    const keyHash = extension.home.notificationKeyHash;
    if (!secret || !keyHash || !sameHash(hashNotificationKey(secret), keyHash))
      return fail(
        4202,
        secret ? "X-Clova-Extension-Secret does not match" : "X-Clova-Extension-Secret is missing",
      );
    let body: unknown;
    try {
      const bytes = await readBody(req, this.limits.maxBodyBytes);
      const problem = utf8Problem(bytes);
      if (problem) return fail(4205, `the body is not UTF-8: ${problem}`);
      if (nestsDeeperThan(bytes))
        return fail(4205, `the body nests deeper than ${MAX_JSON_DEPTH} levels`);
      body = JSON.parse(bytes.toString("utf8"));
    } catch (error) {
      return fail(4205, (error as Error).message);
    }
    if (typeof body !== "object" || body === null || Array.isArray(body))
      return fail(4205, "expected a JSON object with applianceId and messageId");
    const { applianceId, messageId } = body as { applianceId?: unknown; messageId?: unknown };
    if (applianceId !== undefined && typeof applianceId !== "string")
      return fail(4205, "applianceId: expected a string");
    if (messageId !== undefined && typeof messageId !== "string")
      return fail(4205, "messageId: expected a string");
    if (!applianceId) return fail(4203);
    if (!extension.home.notificationsEnabled) return fail(4206);
    const message = extension.home.messages.find((m) => m.id === messageId);
    if (!messageId || !message)
      return fail(
        4204,
        messageId ? `no message "${messageId}" is registered` : "messageId is missing",
      );
    let owners = await this.store.owners(extension.id, applianceId);
    if (owners.length === 0) return fail(4203, `no user owns appliance "${applianceId}"`);
    // Messages not yet approved reach registered testers only (§11.1).
    if (message.id.startsWith("test-msg-")) {
      owners = owners.filter((u) => extension.home!.testers.includes(u));
      if (owners.length === 0)
        return fail(4204, `${message.id} is a test message and no owner is a registered tester`);
    }
    const now = this.services.clock.now();
    if (
      !this.#allow(
        `device:${extension.id}:${applianceId}`,
        now,
        3_600_000,
        this.limits.perDevicePerHour,
      )
    )
      return fail(4207);
    if (!this.#allow(`extension:${extension.id}`, now, 86_400_000, this.limits.perExtensionPerDay))
      return fail(4208);
    for (const userId of owners) {
      const notice = { extensionId: extension.id, extensionName: extension.displayName, message };
      // Kept until read by the Notifier, so devices offline now see the indicator later.
      const reached = await this.#deliver(userId, notice);
      this.log.info(
        { extensionId: extension.id, applianceId, userId, reached },
        "home notification",
      );
    }
    answer(res, 200);
  }

  /** Through the Notifier (cic.md §9.5): light and tone, the text spoken, kept until read. */
  async #deliver(
    userId: string,
    notice: { extensionId: string; extensionName: string; message: HomeNotificationMessage },
  ): Promise<number> {
    const texts = notice.message.text;
    const preferred = this.languageOf(userId);
    const language =
      (preferred && texts[preferred] ? preferred : (Object.keys(texts)[0] as Language)) ?? "en";
    const text = fill(
      SAY.notice[language],
      { ext: notice.extensionName, text: texts[language] ?? "" },
      language,
    );
    return notifyUser(this.services, userId, { text, language, source: notice.extensionId });
  }

  /** Sliding-window count on this node (4207/4208 figures are configurable, §11.1). */
  #allow(key: string, now: number, windowMs: number, limit: number): boolean {
    const times = (this.#counts.get(key) ?? []).filter((t) => t > now - windowMs);
    if (times.length >= limit) {
      this.#counts.set(key, times);
      return false;
    }
    times.push(now);
    this.#counts.set(key, times);
    return true;
  }
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Flat fields plus a `meta` copy (§11.1 UNSPECIFIED, §14 #22). */
function answer(res: AnyResponse, status: number, code?: ErrorCode, message?: string): void {
  const result = {
    success: code === undefined,
    error: code === undefined ? null : (message ?? ERRORS[code]),
    errorCode: code ?? null,
  };
  const text = JSON.stringify({ ...result, meta: result });
  res.writeHead(status, {
    "content-type": "application/json;charset=UTF-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}
