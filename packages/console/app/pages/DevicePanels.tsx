// The simulator's device state beside the conversation: who the device acts for (and the
// login the assistant asks for), alerts kept and ringing, the player, volume and Bluetooth,
// notifications and the last PIMS card. Everything here is the state of the device itself
// (cic/behaviour.ts), changed by directives as a real device would be.
import { useEffect, useState } from "react";
import "./personal.css";
import type { DeviceAlert } from "../../../device/src/alerts.js";
import { useSimulated } from "../cic/behaviour.js";
import { createAccount, currentBrowserDevice, simulatorAccount } from "../cic/device.js";
import { setConsoleUser } from "../user.js";
import { PimsCard, pimsTemplate } from "./PimsCard.js";
import { startRinging } from "./ring.js";

const when = (iso: string) => {
  const at = new Date(iso);
  return Number.isNaN(at.getTime())
    ? iso
    : at.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
};

export function DevicePanels() {
  const simulated = useSimulated();
  if (!simulated) return null;
  const reference = simulated.reference;
  const cards = reference.screen.cards.filter((c) => pimsTemplate(String(c["type"] ?? "")));
  const lastCard = cards[cards.length - 1];
  return (
    <aside className="device-panels" aria-label="Device">
      <AccountPanel loginRequested={reference.loginRequested} />
      <AlertsPanel alerts={simulated.alerts.all} ringing={simulated.ringing} />
      <PlayerPanel />
      <ControlsPanel />
      <NotificationsPanel />
      {lastCard && (
        <section className="panel" aria-label="Screen">
          <h2>Screen</h2>
          <PimsCard payload={lastCard} />
        </section>
      )}
      <section className="panel" aria-label="Device events">
        <details>
          <summary>Events the device sent ({simulated.sent.length})</summary>
          <ol className="small mono sent-events">
            {simulated.sent.map((line, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a log without ids
              <li key={n}>{line}</li>
            ))}
          </ol>
        </details>
      </section>
      {simulated.problems.length > 0 && (
        <p className="error" role="alert">
          {simulated.problems[0]}
        </p>
      )}
    </aside>
  );
}

function AccountPanel({ loginRequested }: { loginRequested: boolean }) {
  const account = simulatorAccount.get();
  const [userId, setUserId] = useState(account?.userId ?? "console");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function switchTo(next: string | undefined) {
    const device = currentBrowserDevice();
    if (!device) return;
    setBusy(true);
    setError(undefined);
    try {
      simulatorAccount.set(next ? await createAccount(next) : undefined);
      if (next) setConsoleUser(next);
      device.simulated.reference.loginRequested = false;
      await device.reconnect();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="panel" aria-label="Account">
      <h2>Account</h2>
      {loginRequested && (
        <p className="notice" role="alert">
          The assistant asked this device to log in (Clova.ExpectLogin): guest devices cannot use
          that. Log in as a user below.
        </p>
      )}
      {account ? (
        <p>
          Logged in as user <strong className="mono">{account.userId}</strong>.{" "}
          <button
            type="button"
            className="quiet small"
            disabled={busy}
            onClick={() => void switchTo(undefined)}
          >
            Use as a guest
          </button>
        </p>
      ) : (
        <form
          className="row wrap"
          onSubmit={(e) => {
            e.preventDefault();
            if (userId.trim()) void switchTo(userId.trim());
          }}
        >
          <span>Guest device (no account).</span>
          <label className="small">
            User ID <input value={userId} onChange={(e) => setUserId(e.target.value)} size={12} />
          </label>
          <button type="submit" className="small" disabled={busy || !userId.trim()}>
            Log in
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function AlertsPanel({ alerts, ringing }: { alerts: DeviceAlert[]; ringing: DeviceAlert[] }) {
  const simulated = useSimulated();
  const ringingNow = ringing.length > 0;
  useEffect(() => (ringingNow ? startRinging() : undefined), [ringingNow]);
  if (!simulated) return null;
  return (
    <section className="panel" aria-label="Alerts on this device">
      <h2>Alerts</h2>
      {ringing.map((alert) => (
        <div key={alert.token} className="ringing" role="alert">
          <strong>
            {alert.type === "TIMER" ? "Timer" : alert.type === "REMINDER" ? "Reminder" : "Alarm"}{" "}
            ringing
          </strong>
          {alert.label ? `: ${alert.label}` : ""}
          <div className="row">
            <button type="button" onClick={() => void simulated.stopAlert(alert.token)}>
              Stop
            </button>
            <button
              type="button"
              className="quiet"
              onClick={() => void currentBrowserDevice()?.sendText("snooze")}
            >
              Snooze
            </button>
          </div>
        </div>
      ))}
      {alerts.length === 0 ? (
        <p className="muted">
          No alerts on this device. Say “set a timer for 10 minutes”, or add one on the Alerts page.
        </p>
      ) : (
        <ul className="plain">
          {alerts.map((a) => (
            <li key={a.token}>
              <span className="tag">{a.type}</span> {when(a.scheduledTime)}
              {a.label ? ` · ${a.label}` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PlayerPanel() {
  const simulated = useSimulated();
  if (!simulated) return null;
  const { player, screen } = simulated.reference;
  const info = screen.player as { playableItems?: Record<string, unknown>[] } | undefined;
  const token = String(player.current?.stream["token"] ?? "");
  const shown =
    info?.playableItems?.find((i) => i["token"] === token) ?? info?.playableItems?.[0] ?? undefined;
  const title = String(shown?.["titleText"] ?? player.current?.audioItem["titleText"] ?? "");
  const artist = String(
    shown?.["titleSubText1"] ?? player.current?.audioItem["titleSubText1"] ?? "",
  );
  const press = (name: string) => void simulated.press(name);
  if (!player.current)
    return (
      <section className="panel" aria-label="Player">
        <h2>Player</h2>
        <p className="muted">Nothing playing. Ask an audio extension to play something.</p>
      </section>
    );
  const seconds = Math.floor(player.offset / 1000);
  return (
    <section className="panel" aria-label="Player">
      <h2>Player</h2>
      <p>
        <strong className="now-playing">{title || "(untitled)"}</strong>
        {artist && <span className="muted"> · {artist}</span>}
      </p>
      <p className="small muted">
        <span className="player-activity">{player.activity}</span> · {Math.floor(seconds / 60)}:
        {String(seconds % 60).padStart(2, "0")} · {player.queue.length} queued · repeat{" "}
        {player.repeatMode === "REPEAT_ONE" ? "one" : "off"}
      </p>
      <div className="row wrap">
        <button type="button" className="small" onClick={() => press("PreviousCommandIssued")}>
          Previous
        </button>
        {player.activity === "PLAYING" ? (
          <button type="button" className="small" onClick={() => press("PauseCommandIssued")}>
            Pause
          </button>
        ) : (
          <button type="button" className="small" onClick={() => press("ResumeCommandIssued")}>
            Resume
          </button>
        )}
        <button type="button" className="small" onClick={() => press("NextCommandIssued")}>
          Next
        </button>
        <button type="button" className="small quiet" onClick={() => press("StopCommandIssued")}>
          Stop
        </button>
      </div>
    </section>
  );
}

function ControlsPanel() {
  const simulated = useSimulated();
  if (!simulated) return null;
  const { volume, bluetooth } = simulated.reference;
  const connected = bluetooth.btlist.filter((d) => d.connected).map((d) => d.name);
  return (
    <section className="panel" aria-label="Device controls">
      <h2>Volume and Bluetooth</h2>
      <div className="row wrap">
        <label>
          Volume{" "}
          <input
            type="range"
            min={volume.min}
            max={volume.max}
            value={volume.value}
            onChange={(e) => void simulated.setVolume(Number(e.target.value))}
          />{" "}
          <output className="volume-value">{volume.value}</output>
        </label>
        <button
          type="button"
          className="small quiet"
          aria-pressed={volume.muted}
          onClick={() => void simulated.toggleMute()}
        >
          {volume.muted ? "Muted" : "Mute"}
        </button>
        <button
          type="button"
          className="small quiet"
          aria-pressed={bluetooth.state === "on"}
          onClick={() => void simulated.toggleBluetooth()}
        >
          Bluetooth {bluetooth.state}
        </button>
      </div>
      {(bluetooth.pairing === "on" || connected.length > 0) && (
        <p className="small muted">
          {bluetooth.pairing === "on" ? "Pairing… " : ""}
          {connected.length > 0 ? `Connected: ${connected.join(", ")}` : ""}
        </p>
      )}
    </section>
  );
}

function NotificationsPanel() {
  const simulated = useSimulated();
  if (!simulated) return null;
  const { indicator } = simulated.reference;
  return (
    <section className="panel" aria-label="Notifications">
      <h2>
        Notifications{" "}
        <span
          className={indicator ? "indicator on" : "indicator"}
          title={indicator ? "unread notifications" : "no unread notifications"}
        >
          {indicator ? "● unread" : "○"}
        </span>
      </h2>
      {simulated.notifications.length === 0 ? (
        <p className="muted">None yet. Notifications from extensions and the API appear here.</p>
      ) : (
        <ul className="plain">
          {simulated.notifications.map((n) => (
            <li key={n.at}>{n.text || "(a tone and the light)"}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
