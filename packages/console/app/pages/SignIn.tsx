// Sign-in with the platform's admin token; it is checked against the management API and kept
// in sessionStorage only (gone when the tab closes).
import { useState } from "react";
import { ApiError, listExtensions, token } from "../api.js";

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    token.set(value.trim());
    try {
      await listExtensions();
      onSignedIn();
    } catch (e) {
      token.clear();
      setError(
        e instanceof ApiError && e.status === 401
          ? "The platform refused this token. Use the admin token it printed at start (CLOVER_ADMIN_TOKEN)."
          : (e as Error).message,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="signin">
      <h1>Clover console</h1>
      <form onSubmit={submit} className="card">
        <label htmlFor="admin-token">Admin token</label>
        <input
          id="admin-token"
          type="password"
          autoComplete="current-password"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "signin-error" : "signin-hint"}
          required
        />
        <p id="signin-hint" className="hint">
          The management API's admin token. It stays in this tab only.
        </p>
        {error && (
          <p id="signin-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || value.trim() === ""}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
