// The server's reaction to every Alerts event (cic.md §9.1, §13.6), and the reconciliation of
// the device's Alerts.AlertsState context (§8.1) with the stored alerts: alerts the device
// confirmed become live, ones it rings are marked ringing, ones it lost are sent again and
// ones the server no longer has are deleted from it. Without the context nothing changes.
import type {
  DeviceEventTurn,
  DeviceInfo,
  PassThroughDirective,
  TurnResult,
} from "../../assistant/turn.js";
import type { AlertRecord, AlertType } from "../../store/alerts.js";
import { ALERT_TYPES } from "../../store/alerts.js";
import { SAY } from "./phrases.js";
import { alertCard, deleteAlert, setAlert, stopAlert, synchronizeAlert } from "./protocol.js";
import type { AlertsService } from "./service.js";

interface AlertInfo {
  token: string;
  type: AlertType;
  scheduledTime?: string;
}

function infos(value: unknown): AlertInfo[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(
    (a): a is AlertInfo =>
      typeof a === "object" &&
      a !== null &&
      typeof a.token === "string" &&
      ALERT_TYPES.includes(a.type as AlertType),
  );
}

/** The device's AlertsState, when it reported one. */
export function alertsState(
  device: DeviceInfo,
): { all: AlertInfo[]; active: AlertInfo[] } | undefined {
  const state = device.context?.["Alerts.AlertsState"];
  const all = infos(state?.["allAlerts"]);
  if (!all) return undefined;
  return { all, active: infos(state?.["activeAlerts"]) ?? [] };
}

/**
 * How long an alert sent to a device may stay unconfirmed before a context without it has it
 * sent again (a device setting several alerts reports them one event at a time).
 */
export const RESEND_AFTER_MS = 60_000;

export class AlertsEvents {
  constructor(private readonly alerts: AlertsService) {}

  async handle(turn: DeviceEventTurn): Promise<TurnResult | undefined> {
    const { device } = turn;
    const reconciled = await this.reconcile(device, tokenOf(turn));
    // SynchronizeAlert's list replaces the device's set (§9.1): the statuses are brought up to
    // date, but a SetAlert or DeleteAlert beside it would push the same change twice.
    const directives = turn.name === "RequestSynchronizeAlert" ? [] : reconciled;
    const answer = await this.#react(turn);
    const all = [...(answer?.directives ?? []), ...directives];
    if (!answer && all.length === 0) return undefined;
    return {
      ...(turn.dialogRequestId === undefined ? {} : { dialogRequestId: turn.dialogRequestId }),
      speech: answer?.speech ?? [],
      ...(answer?.card ? { card: answer.card } : {}),
      directives: all,
      expectSpeech: false,
    };
  }

  async #react(turn: DeviceEventTurn): Promise<Omit<TurnResult, "expectSpeech"> | undefined> {
    const { device } = turn;
    const language = device.language;
    const token = tokenOf(turn);
    const type = turn.payload["type"] as AlertType;
    const now = this.alerts.now();
    const store = this.alerts.store;
    switch (turn.name) {
      case "RequestSynchronizeAlert": {
        const alerts = await this.alerts.listFor(device.userId, device.deviceId);
        return { speech: [], directives: [synchronizeAlert(alerts, this.alerts.speechUrl)] };
      }
      case "SetAlertSucceeded": {
        const alert = token ? await store.get(token) : undefined;
        if (!alert || !this.#mine(alert, device)) return undefined;
        await store.setStatus(alert.token, "set", now);
        // Only a voice request is confirmed aloud; silent pushes and next occurrences are not.
        if (alert.status !== "pending") return undefined;
        const sentence = SAY.set(alert, now, language);
        return {
          speech: [{ type: "PlainText", lang: language, value: sentence }],
          card: alertCard(alert, sentence, now, language),
          directives: [],
        };
      }
      case "SetAlertFailed": {
        const alert = token ? await store.get(token) : undefined;
        // A new alert the device could not keep is not kept here either.
        if (
          alert &&
          this.#mine(alert, device) &&
          (alert.status === "pending" || alert.status === "sent")
        )
          await this.alerts.remove(alert.token);
        return {
          speech: [
            {
              type: "PlainText",
              lang: language,
              value: SAY.setFailed(alert?.type ?? type, language),
            },
          ],
          directives: [],
        };
      }
      case "AlertStarted": {
        const alert = token ? await store.get(token) : undefined;
        if (alert && this.#mine(alert, device)) await store.setStatus(alert.token, "ringing", now);
        return undefined;
      }
      case "AlertStopped":
        return this.#stopped(turn, token, type);
      case "RequestAlertStop":
        return token ? { speech: [], directives: [stopAlert({ token, type })] } : undefined;
      case "RequestDeleteAlert": {
        if (!token) return undefined;
        const alert = await store.get(token);
        if (alert && this.#mine(alert, device)) await this.alerts.remove(token);
        return { speech: [], directives: [deleteAlert({ token, type: alert?.type ?? type })] };
      }
      case "DeleteAlertSucceeded": {
        const alert = token ? await store.get(token) : undefined;
        if (
          alert &&
          alert.deviceId === device.deviceId &&
          !alert.repeat &&
          alert.status !== "pending"
        )
          await this.alerts.remove(alert.token);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** AlertStopped: one-shot → DeleteAlert; repeating → SetAlert of the next occurrence;
   * action timer → its action (unless the scheduler ran it already) and DeleteAlert. */
  async #stopped(
    turn: DeviceEventTurn,
    token: string | undefined,
    type: AlertType,
  ): Promise<Omit<TurnResult, "expectSpeech"> | undefined> {
    if (!token) return undefined;
    const { device } = turn;
    const alert = await this.alerts.store.get(token);
    const now = this.alerts.now();
    if (!alert || !this.#mine(alert, device))
      return { speech: [], directives: [deleteAlert({ token, type })] };
    // Moved while it rang (moving sets it "sent", the device's SetAlertSucceeded "set"): it
    // stays, at its new time. One the device reported ringing is done, whatever its time.
    if (alert.status !== "ringing" && alert.scheduledAt > now + 1000 && !alert.repeat) {
      const updated = await this.alerts.update(alert, { status: "sent" });
      return { speech: [], directives: [setAlert(updated, this.alerts.speechUrl)] };
    }
    if (alert.repeat) {
      const next = await this.alerts.update(alert, {
        scheduledAt: this.alerts.nextOf(alert, Math.max(now, alert.scheduledAt)),
        status: "sent",
      });
      return { speech: [], directives: [setAlert(next, this.alerts.speechUrl)] };
    }
    let action: TurnResult | undefined;
    if (alert.type === "ACTIONTIMER") action = await this.alerts.fire(alert.token);
    await this.alerts.remove(alert.token);
    return {
      speech: action?.speech ?? [],
      ...(action?.card ? { card: action.card } : {}),
      directives: [...(action?.directives ?? []), deleteAlert(alert)],
    };
  }

  #mine(alert: AlertRecord, device: DeviceInfo): boolean {
    return (
      alert.userId === device.userId &&
      (alert.deviceId === device.deviceId || alert.deviceId === "*")
    );
  }

  /**
   * Compares the device's AlertsState with the stored alerts; returns the directives that
   * make the device agree (the token of the event itself is left to its own reaction).
   */
  async reconcile(device: DeviceInfo, except?: string): Promise<PassThroughDirective[]> {
    const state = alertsState(device);
    if (!state) return [];
    const now = this.alerts.now();
    const stored = await this.alerts.listFor(device.userId, device.deviceId);
    const onDevice = new Map(state.all.map((a) => [a.token, a]));
    const ringing = new Set(state.active.map((a) => a.token));
    const directives: PassThroughDirective[] = [];
    for (const alert of stored) {
      if (alert.token === except) continue;
      if (ringing.has(alert.token)) {
        if (alert.status !== "ringing")
          await this.alerts.store.setStatus(alert.token, "ringing", now);
      } else if (onDevice.has(alert.token)) {
        if (alert.status === "sent") await this.alerts.store.setStatus(alert.token, "set", now);
      } else if (
        alert.status === "set" ||
        alert.status === "ringing" ||
        (alert.status === "sent" && now - alert.updatedAt >= RESEND_AFTER_MS)
      ) {
        // The device lost an alert it had confirmed (or never confirmed one sent a while ago):
        // give it back, once — its events until it confirms carry a context without it.
        if (alert.status !== "ringing") await this.alerts.store.setStatus(alert.token, "sent", now);
        directives.push(setAlert(alert, this.alerts.speechUrl));
      }
    }
    const known = new Set(stored.map((a) => a.token));
    for (const info of state.all)
      if (
        !known.has(info.token) &&
        info.token !== except &&
        !(await this.alerts.store.get(info.token))
      )
        directives.push(deleteAlert(info));
    return directives;
  }
}

function tokenOf(turn: DeviceEventTurn): string | undefined {
  const token = turn.payload["token"];
  return typeof token === "string" && token !== "" ? token : undefined;
}
