// "Activate a device": the page a device's verification_uri points at. The user enters the
// code the device shows (prefilled from ?code=), says which account the device joins (a user
// id when signed in with the admin token, else the user's own account token), checks what the
// device is, then approves or denies it.
import { useEffect, useState } from "react";
import { ApiError, token } from "../api.js";
import { Field } from "../fields.js";
import { linkProps } from "../router.js";
import { type DeviceCodeView, decideCode, loadTerms, lookUpCode, type Terms } from "./api.js";
import "./activate.css";

const initialCode = () => new URLSearchParams(location.search).get("code") ?? "";

export function Activate() {
  const admin = token.get();
  const [code, setCode] = useState(initialCode);
  const [userId, setUserId] = useState("");
  const [accountToken, setAccountToken] = useState("");
  const [device, setDevice] = useState<DeviceCodeView>();
  const [done, setDone] = useState<DeviceCodeView>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [terms, setTerms] = useState<Terms>({ version: null, text: null });
  const [termsAccepted, setTermsAccepted] = useState(false);
  const credential = admin ?? accountToken.trim();
  useEffect(() => {
    loadTerms()
      .then(setTerms)
      .catch(() => {});
  }, []);

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401 && !admin
          ? "The platform did not accept this account token."
          : (e as Error).message,
      );
    } finally {
      setBusy(false);
    }
  }

  const check = (event: React.FormEvent) => {
    event.preventDefault();
    void run(async () => setDevice(await lookUpCode(credential, code.trim())));
  };
  const decide = (decision: "approve" | "deny") =>
    run(async () =>
      setDone(
        await decideCode(
          credential,
          code.trim(),
          decision,
          admin ? userId.trim() : undefined,
          decision === "approve" && termsAccepted,
        ),
      ),
    );

  if (done)
    return (
      <section>
        <h1>Activate a device</h1>
        <p className="notice" role="status">
          {done.status === "approved"
            ? `Approved: ${done.clientName} (${done.deviceId}) is linked to ${done.userId}. The device finishes signing in within a few seconds.`
            : `Denied: ${done.clientName} (${done.deviceId}) will not be linked.`}
        </p>
        <button
          type="button"
          onClick={() => {
            setDone(undefined);
            setDevice(undefined);
            setCode("");
          }}
        >
          Activate another device
        </button>
      </section>
    );

  return (
    <section>
      <h1>Activate a device</h1>
      {!device ? (
        <form className="card form" onSubmit={check}>
          <Field
            label="Code shown on the device"
            hint="Eight letters, like BCDF-GHJK; case and dash do not matter."
          >
            {(input) => (
              <input
                {...input}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                required
              />
            )}
          </Field>
          {admin ? (
            <Field label="User ID" hint="The account the device will act for.">
              {(input) => (
                <input
                  {...input}
                  value={userId}
                  onChange={(e) => setUserId(e.target.value)}
                  required
                />
              )}
            </Field>
          ) : (
            <Field
              label="Account token"
              hint="Your account's token (from POST /api/v1/accounts). Administrators can sign in to the console instead and pick any user."
            >
              {(input) => (
                <input
                  {...input}
                  type="password"
                  value={accountToken}
                  onChange={(e) => setAccountToken(e.target.value)}
                  required
                />
              )}
            </Field>
          )}
          <button type="submit" disabled={busy || code.trim() === "" || credential === ""}>
            {busy ? "Checking…" : "Continue"}
          </button>
        </form>
      ) : (
        <div className="card">
          <p>
            <strong>{device.clientName}</strong> wants to act for{" "}
            <strong>{admin ? userId.trim() : "your account"}</strong>.
          </p>
          <dl className="device-facts">
            <dt>Code</dt>
            <dd className="mono">{device.userCode}</dd>
            <dt>Device ID</dt>
            <dd className="mono">{device.deviceId}</dd>
            <dt>Model</dt>
            <dd>{device.modelId ?? "—"}</dd>
            <dt>Code expires in</dt>
            <dd>{Math.ceil(device.expiresIn / 60)} min</dd>
          </dl>
          {device.status !== "pending" && (
            <p className="bad">This code was already {device.status}.</p>
          )}
          {terms.version && (
            <div className="terms">
              <h2>Terms of service (version {terms.version})</h2>
              <p className="terms-text">{terms.text}</p>
              <label>
                <input
                  type="checkbox"
                  checked={termsAccepted}
                  onChange={(e) => setTermsAccepted(e.target.checked)}
                />{" "}
                {admin
                  ? "The account holder has read and accepts the terms of service"
                  : "I have read and accept the terms of service"}
              </label>
              <p className="muted">
                Needed once per account; accounts that already accepted this version are not asked
                again.
              </p>
            </div>
          )}
          <div className="row">
            <button
              type="button"
              disabled={busy || device.status !== "pending" || (!!terms.version && !termsAccepted)}
              onClick={() => void decide("approve")}
            >
              Approve
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy || device.status !== "pending"}
              onClick={() => void decide("deny")}
            >
              Deny
            </button>
            <button type="button" className="quiet" onClick={() => setDevice(undefined)}>
              Back
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!admin && (
        <p className="muted">
          Administrator? <a {...linkProps("/")}>Sign in to the console</a>, then open this page
          again.
        </p>
      )}
    </section>
  );
}
