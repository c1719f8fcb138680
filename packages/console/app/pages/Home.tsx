// Home: a user's Clova Home extensions (linked or not), the appliances they discovered by room
// with their actions and last known state, discovery on demand and unlinking; and for each
// home extension its notification API key and pre-registered messages (§11).
import { useState } from "react";
import "./personal.css";
import { ApiError, api } from "../api.js";
import { useLoad } from "../hooks.js";
import { linkProps } from "../router.js";
import { useConsoleUser } from "../user.js";
import { type ActionMessage, PageStatus } from "./PageStatus.js";
import { UserPicker } from "./UserPicker.js";

interface Link {
  extensionId: string;
  displayName: string;
  linked: boolean;
  discoveredAt: string | null;
  devices: number;
  scenes: number;
}

interface Appliance {
  extensionId: string;
  applianceId: string;
  name: string;
  types: string[];
  room: string | null;
  tags: string[];
  isIr: boolean;
  actions: string[];
  state?: Record<string, unknown> | null;
}

interface Devices {
  rooms: { room: string | null; devices: Appliance[] }[];
  scenes: { extensionId: string; sceneId: string; friendlyName?: string }[];
}

interface HomeMessage {
  id: string;
  text: Partial<Record<"en" | "ja" | "ko", string>>;
}

interface HomeExtension {
  id: string;
  displayName: string;
  type?: "custom" | "home";
  home?: {
    notificationsEnabled: boolean;
    messages: HomeMessage[];
    testers: string[];
    notificationKeySet: boolean;
  };
}

const home = (userId: string) => `/api/v1/home/users/${encodeURIComponent(userId)}`;
const ext = (id: string) => `/api/v1/extensions/${encodeURIComponent(id)}`;

async function loadHome(userId: string) {
  const [links, devices] = await Promise.all([
    api<{ links: Link[] }>("GET", `${home(userId)}/links`).then((r) => r.links),
    api<Devices>("GET", `${home(userId)}/devices?state=1`),
  ]);
  return { links, devices };
}

/** Last known state from HealthCheck, in words. */
function stateText(state: Record<string, unknown> | null | undefined, isIr: boolean): string {
  if (isIr) return "infrared: no state";
  if (!state) return "state unknown";
  const parts: string[] = [];
  if (state["isReachable"] === false) parts.push("unreachable");
  if (typeof state["isTurnOn"] === "boolean") parts.push(state["isTurnOn"] ? "on" : "off");
  for (const [key, value] of Object.entries(state))
    if (!["isReachable", "isTurnOn"].includes(key) && ["string", "number"].includes(typeof value))
      parts.push(`${key} ${value}`);
  return parts.join(" · ") || "reachable";
}

export function Home() {
  const [userId] = useConsoleUser();
  const { value, error, loading, reload } = useLoad(() => loadHome(userId), userId);
  const [message, setMessage] = useState<ActionMessage>();
  const [busy, setBusy] = useState(false);

  async function act(work: () => Promise<string>) {
    setMessage(undefined);
    setBusy(true);
    try {
      setMessage({ done: await work() });
      reload();
    } catch (e) {
      setMessage({ error: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const link = (x: Link) =>
    act(async () => {
      const { authorizationUrl } = await api<{ authorizationUrl: string }>(
        "POST",
        `${ext(x.extensionId)}/account-linking/authorize`,
        { json: { userId } },
      );
      window.open(authorizationUrl, "_blank", "noopener");
      return `Sign in on ${x.displayName}'s page (opened in a new tab), then choose Refresh: its appliances are discovered as soon as the account is linked.`;
    });
  const discover = (x: Link) =>
    act(async () => {
      const { results } = await api<{
        results: { ok: boolean; devices?: number; scenes?: number; error?: string }[];
      }>("POST", `${home(userId)}/discover`, { json: { extensionId: x.extensionId } });
      const r = results[0];
      if (!r?.ok) throw new Error(`Discovery failed: ${r?.error ?? "no answer"}`);
      return `Discovered ${r.devices} appliance${r.devices === 1 ? "" : "s"} and ${r.scenes} scene${r.scenes === 1 ? "" : "s"} at ${x.displayName}.`;
    });
  const unlink = (x: Link) =>
    act(async () => {
      await api("DELETE", `${home(userId)}/links/${encodeURIComponent(x.extensionId)}`);
      return `Unlinked ${x.displayName}: its appliances are removed for ${userId}.`;
    });

  const links = value?.links ?? [];
  const rooms = value?.devices.rooms ?? [];
  const scenes = value?.devices.scenes ?? [];
  return (
    <section>
      <div className="row spread">
        <h1>Home</h1>
        <UserPicker />
      </div>
      <p className="muted">
        The appliances user <strong className="mono">{userId}</strong> controls by voice through
        Clova Home extensions (“turn on the kitchen light”).
      </p>
      <PageStatus
        loading={loading}
        loaded={Boolean(value)}
        error={error}
        missing="This platform has no home control (no /api/v1/home routes)."
        message={message}
      />
      {value && links.length === 0 && (
        <div className="card empty">
          <p>
            <strong>No home extension is registered.</strong> A home extension connects a vendor's
            appliances to the assistant. Register one on the{" "}
            <a {...linkProps("/extensions/new")}>new extension</a> page (type “home”, with account
            linking), or with <code>clover ext add --type home</code>.
          </p>
        </div>
      )}
      {links.length > 0 && (
        <section className="card" aria-label="Home extensions">
          <div className="row spread">
            <h2>Home extensions</h2>
            <button type="button" className="quiet small" onClick={reload} disabled={busy}>
              Refresh
            </button>
          </div>
          <ul className="plain">
            {links.map((x) => (
              <li key={x.extensionId} className="row wrap appliance">
                <strong>{x.displayName}</strong>
                <span className="muted mono small">{x.extensionId}</span>
                {x.linked ? (
                  <>
                    <span className="tag">linked</span>
                    <span className="muted small">
                      {x.discoveredAt
                        ? `${x.devices} appliances, ${x.scenes} scenes, discovered ${new Date(x.discoveredAt).toLocaleString()}`
                        : "not discovered yet"}
                    </span>
                    <button
                      type="button"
                      className="small"
                      disabled={busy}
                      onClick={() => void discover(x)}
                    >
                      Discover again
                    </button>
                    <button
                      type="button"
                      className="small quiet danger"
                      disabled={busy}
                      onClick={() => void unlink(x)}
                    >
                      Unlink
                    </button>
                  </>
                ) : (
                  <>
                    <span className="muted small">not linked</span>
                    <button
                      type="button"
                      className="small"
                      disabled={busy}
                      onClick={() => void link(x)}
                    >
                      Link account
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {value && links.length > 0 && rooms.length === 0 && (
        <div className="card empty">
          <p>
            <strong>No appliances for {userId} yet.</strong>{" "}
            {links.some((l) => l.linked)
              ? "The linked account reported none: add appliances at the vendor, then Discover again."
              : "Link an account above: the vendor's appliances appear here once it is linked."}
          </p>
        </div>
      )}
      {rooms.length > 0 && (
        <section className="card" aria-label="Appliances">
          <h2>Appliances</h2>
          {rooms.map(({ room, devices }) => (
            <section key={room ?? ""} className="room" aria-label={room ?? "No room"}>
              <h3>{room ?? "No room"}</h3>
              <ul className="plain">
                {devices.map((d) => (
                  <li key={`${d.extensionId}:${d.applianceId}`} className="row wrap appliance">
                    <strong className="appliance-name">{d.name}</strong>
                    {d.types.map((t) => (
                      <span key={t} className="tag">
                        {t}
                      </span>
                    ))}
                    <span className="state">{stateText(d.state, d.isIr)}</span>
                    <details>
                      <summary className="small">{d.actions.length} actions</summary>
                      <p className="small mono">{d.actions.join(", ")}</p>
                      {d.tags.length > 0 && <p className="small">Tags: {d.tags.join(", ")}</p>}
                    </details>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {scenes.length > 0 && (
            <p>Scenes: {scenes.map((s) => s.friendlyName ?? s.sceneId).join(", ")}</p>
          )}
        </section>
      )}
      {links.map((x) => (
        <Notifications key={x.extensionId} extensionId={x.extensionId} />
      ))}
    </section>
  );
}

/** A home extension's notification API key (shown once) and its pre-registered messages. */
function Notifications({ extensionId }: { extensionId: string }) {
  const { value, error, reload } = useLoad(
    () => api<HomeExtension>("GET", ext(extensionId)),
    extensionId,
  );
  const [key, setKey] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [id, setId] = useState("msg-");
  const [text, setText] = useState("");
  const settings = value?.home;
  if (error || !value || !settings) return null;

  /** POST issues a new key (shown once), DELETE revokes the current one. */
  async function keyCall(method: "POST" | "DELETE") {
    setProblem(undefined);
    try {
      const r = await api<{ notificationApiKey: string } | undefined>(
        method,
        `${ext(extensionId)}/notification-key`,
      );
      setKey(r?.notificationApiKey);
      reload();
    } catch (e) {
      setProblem((e as Error).message);
    }
  }

  async function saveMessages(messages: HomeMessage[]) {
    setProblem(undefined);
    try {
      const { notificationKeySet: _set, ...rest } = settings!;
      await api("PATCH", ext(extensionId), { json: { home: { ...rest, messages } } });
      reload();
      return true;
    } catch (e) {
      const issues = e instanceof ApiError ? e.issues.map((i) => i.message).join("; ") : "";
      setProblem(`${(e as Error).message}${issues ? ` (${issues})` : ""}`);
      return false;
    }
  }

  return (
    <section className="card" aria-label={`Notifications of ${value.displayName}`}>
      <h2>Notifications from {value.displayName}</h2>
      <p className="muted">
        The extension pushes messages to its users' devices with <code>sendNotification</code>, its
        extension id and this API key.
      </p>
      <div className="row wrap">
        <span>{settings.notificationKeySet ? "An API key is set." : "No API key yet."}</span>
        <button type="button" className="small" onClick={() => void keyCall("POST")}>
          {settings.notificationKeySet ? "Issue a new key" : "Issue an API key"}
        </button>
        {settings.notificationKeySet && (
          <button type="button" className="small" onClick={() => void keyCall("DELETE")}>
            Revoke the key
          </button>
        )}
      </div>
      {key && (
        <p className="secret" role="status">
          New API key (shown once; the previous one stops working now):{" "}
          <code className="notification-key">{key}</code>
        </p>
      )}
      <h3>Pre-registered messages</h3>
      {settings.messages.length === 0 ? (
        <p className="muted">
          None. A message registered here can be sent by its id, in the user's language.
        </p>
      ) : (
        <ul className="plain">
          {settings.messages.map((m) => (
            <li key={m.id} className="row wrap appliance">
              <code>{m.id}</code>
              <span>
                {Object.entries(m.text)
                  .map(([lang, t]) => `${lang}: ${t}`)
                  .join(" · ")}
              </span>
              <button
                type="button"
                className="quiet small danger"
                onClick={() => void saveMessages(settings.messages.filter((x) => x.id !== m.id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="row wrap inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void saveMessages([
            ...settings.messages,
            { id: id.trim(), text: { en: text.trim() } },
          ]).then((ok) => {
            if (ok) {
              setId("msg-");
              setText("");
            }
          });
        }}
      >
        <label>
          Message id <input value={id} onChange={(e) => setId(e.target.value)} size={14} />
        </label>
        <label>
          Text (en) <input value={text} onChange={(e) => setText(e.target.value)} size={30} />
        </label>
        <button type="submit" className="small" disabled={!id.trim() || !text.trim()}>
          Add message
        </button>
      </form>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
