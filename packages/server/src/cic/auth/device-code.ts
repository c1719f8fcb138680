// The device authorization grant (modelled on OAuth 2.0 RFC 8628) beside cic.md §3's
// authorization code, for devices without a keyboard: the device asks /device/code for a device
// code and a short user code, the user approves the user code on another screen (console or
// API), the device polls /token until then and receives the same tokens as §3.4.
import { randomBytes, randomInt } from "node:crypto";
import type { DeviceGrant, TokenResult } from "./authority.js";
import { AuthError, checkId, hashSecret } from "./secrets.js";
import type { AuthStore, ClientRecord, DeviceCodeRecord } from "./store.js";

/** The user code alphabet: no vowels (no words), no digits (nothing to confuse with O or I). */
export const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
const USER_CODE_LENGTH = 8;
/** RFC 8628 §3.5: each slow_down raises the interval by 5 seconds. */
const SLOW_DOWN_STEP = 5;
/** Polls this much early still count as on time (timer and network jitter). */
const POLL_TOLERANCE_MS = 250;
/** Expired codes are kept this long so late polls still hear expired_token. */
const KEEP_EXPIRED_MS = 3600_000;

export interface DeviceCodeHost {
  requireClient(clientId: string | undefined, clientSecret?: string): Promise<ClientRecord>;
  issue(grant: DeviceGrant): Promise<TokenResult>;
  now(): number;
  ttlSeconds: number;
  intervalSeconds: number;
  /** True when the account must accept the terms of service before a device joins it. */
  needsTerms?(userId: string): Promise<boolean>;
  acceptTerms?(userId: string): Promise<void>;
}

export interface DeviceCodeStart {
  deviceCode: string;
  /** Shown as XXXX-XXXX. */
  userCode: string;
  expiresIn: number;
  interval: number;
}

/** What the approving side sees about a user code. */
export interface DeviceCodeView {
  userCode: string;
  clientId: string;
  clientName: string;
  deviceId: string;
  modelId: string | null;
  status: DeviceCodeRecord["status"];
  userId: string | null;
  expiresIn: number;
}

const display = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** Accepts any case, spaces and dashes (`bcdf ghjk`, `BCDF-GHJK`); undefined when malformed. */
export function normalizeUserCode(value: string): string | undefined {
  const code = value.toUpperCase().replace(/[\s-]/g, "");
  const pattern = new RegExp(`^[${USER_CODE_ALPHABET}]{${USER_CODE_LENGTH}}$`);
  return pattern.test(code) ? code : undefined;
}

export class DeviceCodeFlow {
  constructor(
    private readonly store: AuthStore,
    private readonly host: DeviceCodeHost,
  ) {}

  /** POST /device/code: a new device code for this client and device. */
  async start(params: {
    clientId?: string;
    clientSecret?: string;
    deviceId?: string;
    modelId?: string;
  }): Promise<DeviceCodeStart> {
    if (params.clientId && !params.clientSecret)
      throw new AuthError(400, "invalid_request", "client_secret is required");
    await this.host.requireClient(params.clientId, params.clientSecret);
    checkId("device_id", params.deviceId, true);
    checkId("model_id", params.modelId, false);
    const now = this.host.now();
    let userCode = "";
    for (let attempt = 0; userCode === "" && attempt < 5; attempt++) {
      let candidate = "";
      for (let i = 0; i < USER_CODE_LENGTH; i++)
        candidate += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
      if (!(await this.store.getDeviceCodeByUserCode(hashSecret(candidate)))) userCode = candidate;
    }
    if (userCode === "") throw new Error("no free user code after 5 attempts");
    const deviceCode = `dc_${randomBytes(32).toString("base64url")}`;
    await this.store.putDeviceCode(
      {
        deviceCodeHash: hashSecret(deviceCode),
        userCodeHash: hashSecret(userCode),
        clientId: params.clientId!,
        deviceId: params.deviceId!,
        ...(params.modelId ? { modelId: params.modelId } : {}),
        status: "pending",
        interval: this.host.intervalSeconds,
        expiresAt: now + this.host.ttlSeconds * 1000,
      },
      now - KEEP_EXPIRED_MS,
    );
    return {
      deviceCode,
      userCode: display(userCode),
      expiresIn: this.host.ttlSeconds,
      interval: this.host.intervalSeconds,
    };
  }

  /** /token?grant_type=urn:ietf:params:oauth:grant-type:device_code (RFC 8628 §3.4, §3.5). */
  async poll(params: {
    clientId?: string;
    clientSecret?: string;
    deviceCode?: string;
    deviceId?: string;
  }): Promise<TokenResult> {
    // The device code is a 256-bit secret bound to the client, so client_secret may be left
    // out here (RFC 8628 public clients); when it is sent it must match.
    await this.host.requireClient(params.clientId, params.clientSecret);
    if (!params.deviceCode) throw new AuthError(400, "invalid_request", "device_code is required");
    const record = await this.store.getDeviceCode(hashSecret(params.deviceCode));
    if (!record || record.clientId !== params.clientId)
      throw new AuthError(400, "invalid_grant", "device_code is unknown or already used");
    if (params.deviceId && params.deviceId !== record.deviceId)
      throw new AuthError(400, "invalid_grant", "device_id does not match the device code's");
    const now = this.host.now();
    if (record.expiresAt <= now)
      throw new AuthError(400, "expired_token", "device_code expired; request a new one");
    if (record.status === "denied")
      throw new AuthError(400, "access_denied", "the user denied this device");
    if (
      record.lastPolledAt !== undefined &&
      now - record.lastPolledAt < record.interval * 1000 - POLL_TOLERANCE_MS
    ) {
      const interval = record.interval + SLOW_DOWN_STEP;
      await this.store.touchDeviceCode(record.deviceCodeHash, now, interval);
      throw new AuthError(
        400,
        "slow_down",
        `polled too soon; wait ${interval} seconds between polls from now on`,
      );
    }
    await this.store.touchDeviceCode(record.deviceCodeHash, now, record.interval);
    if (record.status === "pending")
      throw new AuthError(
        400,
        "authorization_pending",
        `the user has not approved the code yet; poll again in ${record.interval} seconds`,
      );
    if (!(await this.store.takeDeviceCode(record.deviceCodeHash)))
      throw new AuthError(400, "invalid_grant", "device_code is unknown or already used");
    return this.host.issue({
      userId: record.userId!,
      clientId: record.clientId,
      deviceId: record.deviceId,
      ...(record.modelId ? { modelId: record.modelId } : {}),
      guest: false,
    });
  }

  private async find(userCode: string): Promise<DeviceCodeRecord> {
    const code = normalizeUserCode(userCode);
    if (!code)
      throw new AuthError(
        400,
        "invalid_user_code",
        `userCode: expected ${USER_CODE_LENGTH} letters of ${USER_CODE_ALPHABET}, like BCDF-GHJK`,
      );
    const record = await this.store.getDeviceCodeByUserCode(hashSecret(code));
    if (!record || record.expiresAt <= this.host.now())
      throw new AuthError(
        404,
        "unknown_user_code",
        `user code ${display(code)} is unknown or expired`,
      );
    return record;
  }

  private async view(record: DeviceCodeRecord): Promise<DeviceCodeView> {
    const client = await this.host.requireClient(record.clientId);
    return {
      userCode: "",
      clientId: record.clientId,
      clientName: client.name,
      deviceId: record.deviceId,
      modelId: record.modelId ?? null,
      status: record.status,
      userId: record.userId ?? null,
      expiresIn: Math.max(0, Math.round((record.expiresAt - this.host.now()) / 1000)),
    };
  }

  /** What a user code stands for, so the user can check the device before approving. */
  async describe(userCode: string): Promise<DeviceCodeView> {
    const view = await this.view(await this.find(userCode));
    return { ...view, userCode: display(normalizeUserCode(userCode)!) };
  }

  /** Approves (for `userId`) or denies a pending user code; a code is decided only once. */
  async settle(
    userCode: string,
    decision: "approve" | "deny",
    userId?: string,
    acceptTerms = false,
  ): Promise<DeviceCodeView> {
    const record = await this.find(userCode);
    if (decision === "approve" && !userId)
      throw new AuthError(400, "invalid_request", "userId is required to approve");
    if (decision === "approve" && (await this.host.needsTerms?.(userId!))) {
      if (!acceptTerms)
        throw new AuthError(
          451,
          "terms_not_agreed",
          "the account has not accepted the terms of service: show them (GET /api/v1/terms) and approve with acceptTerms: true",
        );
      await this.host.acceptTerms?.(userId!);
    }
    const status = decision === "approve" ? "approved" : "denied";
    const settled = await this.store.settleDeviceCode(
      record.deviceCodeHash,
      status,
      decision === "approve" ? userId : undefined,
    );
    if (!settled)
      throw new AuthError(409, "already_decided", "this user code was already approved or denied");
    const view = await this.view({
      ...record,
      status,
      ...(decision === "approve" ? { userId: userId! } : {}),
    });
    return { ...view, userCode: display(normalizeUserCode(userCode)!) };
  }
}
