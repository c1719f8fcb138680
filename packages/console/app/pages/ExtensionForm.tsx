// Create or edit an extension: names, invocation names per language, endpoint, message version,
// account linking. The API's issues are shown next to the field they name.
import { useEffect, useState } from "react";
import {
  ApiError,
  type ApiIssue,
  api,
  type ExtensionView,
  getExtension,
  LANGUAGES,
} from "../api.js";
import { Field, issuesFor } from "../fields.js";
import { navigate } from "../router.js";

import { EMPTY, type Form, fromView, toDocument } from "./extension-document.js";

export function ExtensionForm({ id }: { id?: string }) {
  const [form, setForm] = useState<Form>(EMPTY);
  const [editing, setEditing] = useState<ExtensionView>();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!id) return;
    getExtension(id)
      .then((x) => {
        setEditing(x);
        setForm(fromView(x));
      })
      .catch((e: Error) => setError(e.message));
  }, [id]);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const setLink = (key: keyof Form["link"], value: string) =>
    setForm((f) => ({ ...f, link: { ...f.link, [key]: value } }));
  const setName = (lang: string, key: "main" | "sub", value: string) =>
    setForm((f) => ({ ...f, names: { ...f.names, [lang]: { ...f.names[lang]!, [key]: value } } }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setIssues([]);
    try {
      const doc = toDocument(form, editing);
      const saved = editing
        ? await api<ExtensionView>(
            "PATCH",
            `/api/v1/extensions/${encodeURIComponent(editing.id)}`,
            { json: doc },
          )
        : await api<ExtensionView>("POST", "/api/v1/extensions", { json: doc });
      navigate(`/extensions/${encodeURIComponent(saved.id)}`);
    } catch (e) {
      setError((e as Error).message);
      if (e instanceof ApiError) setIssues(e.issues);
    } finally {
      setBusy(false);
    }
  }

  const at = (path: string) => issuesFor(issues, path);
  return (
    <section>
      <h1>{editing ? `Edit ${editing.displayName}` : "New extension"}</h1>
      <form onSubmit={submit} className="card form" noValidate>
        {!editing && (
          <Field
            label="Extension id"
            hint="Reverse domain, e.g. com.example.dice. It cannot change later."
            issues={at("id")}
          >
            {(p) => (
              <input
                {...p}
                value={form.id}
                onChange={(e) => set({ id: e.target.value })}
                required
              />
            )}
          </Field>
        )}
        <Field label="Display name" issues={at("displayName")}>
          {(p) => (
            <input
              {...p}
              value={form.displayName}
              onChange={(e) => set({ displayName: e.target.value })}
              required
            />
          )}
        </Field>
        <Field
          label="Endpoint URL"
          hint="Where the platform sends CEK requests (https:// unless the platform allows http)."
          issues={at("endpointUrl")}
        >
          {(p) => (
            <input
              {...p}
              type="url"
              value={form.endpointUrl}
              onChange={(e) => set({ endpointUrl: e.target.value })}
              required
            />
          )}
        </Field>
        <fieldset>
          <legend>Invocation names</legend>
          {LANGUAGES.map((lang) => (
            <div className="grid2" key={lang}>
              <Field label={`Main (${lang})`} issues={at(`invocationNames.${lang}.main`)}>
                {(p) => (
                  <input
                    {...p}
                    lang={lang}
                    value={form.names[lang]!.main}
                    onChange={(e) => setName(lang, "main", e.target.value)}
                  />
                )}
              </Field>
              <Field
                label={`Sub names (${lang})`}
                hint="Up to 4, comma separated"
                issues={at(`invocationNames.${lang}.sub`)}
              >
                {(p) => (
                  <input
                    {...p}
                    lang={lang}
                    value={form.names[lang]!.sub}
                    onChange={(e) => setName(lang, "sub", e.target.value)}
                  />
                )}
              </Field>
            </div>
          ))}
        </fieldset>
        <div className="grid2">
          <Field label="Message version" issues={at("messageVersion")}>
            {(p) => (
              <select
                {...p}
                value={form.messageVersion}
                onChange={(e) => set({ messageVersion: e.target.value as "1.0" })}
              >
                <option value="1.0">1.0</option>
                <option value="0.1.0">0.1.0</option>
              </select>
            )}
          </Field>
          <div className="checks">
            <label>
              <input
                type="checkbox"
                checked={form.enabledForAllUsers}
                onChange={(e) => set({ enabledForAllUsers: e.target.checked })}
              />{" "}
              Enabled for all users
            </label>
            <label>
              <input
                type="checkbox"
                checked={form.usesAudioPlayer}
                onChange={(e) => set({ usesAudioPlayer: e.target.checked })}
              />{" "}
              Plays audio (AudioPlayer)
            </label>
            <label>
              <input
                type="checkbox"
                checked={form.legacyEndRequestType}
                onChange={(e) => set({ legacyEndRequestType: e.target.checked })}
              />{" "}
              Legacy SessionEndedRequest type
            </label>
          </div>
        </div>
        <fieldset>
          <legend>Account linking</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={form.linking}
              onChange={(e) => set({ linking: e.target.checked })}
            />{" "}
            Users link an account (OAuth 2.0)
          </label>
          {form.linking && (
            <div className="grid2">
              <Field label="Authorization URL" issues={at("accountLinking.authorizationUrl")}>
                {(p) => (
                  <input
                    {...p}
                    type="url"
                    value={form.link.authorizationUrl}
                    onChange={(e) => setLink("authorizationUrl", e.target.value)}
                  />
                )}
              </Field>
              <Field label="Access token URI" issues={at("accountLinking.accessTokenUri")}>
                {(p) => (
                  <input
                    {...p}
                    type="url"
                    value={form.link.accessTokenUri}
                    onChange={(e) => setLink("accessTokenUri", e.target.value)}
                  />
                )}
              </Field>
              <Field label="Client id" issues={at("accountLinking.clientId")}>
                {(p) => (
                  <input
                    {...p}
                    value={form.link.clientId}
                    onChange={(e) => setLink("clientId", e.target.value)}
                  />
                )}
              </Field>
              <Field
                label="Client secret"
                hint={
                  editing?.accountLinking
                    ? "Stored; type a new one to replace it (needed to change these settings)."
                    : undefined
                }
                issues={at("accountLinking.clientSecret")}
              >
                {(p) => (
                  <input
                    {...p}
                    type="password"
                    autoComplete="off"
                    value={form.link.clientSecret}
                    onChange={(e) => setLink("clientSecret", e.target.value)}
                  />
                )}
              </Field>
              <Field
                label="Refresh token URI (optional)"
                issues={at("accountLinking.refreshTokenUri")}
              >
                {(p) => (
                  <input
                    {...p}
                    type="url"
                    value={form.link.refreshTokenUri}
                    onChange={(e) => setLink("refreshTokenUri", e.target.value)}
                  />
                )}
              </Field>
              <Field label="Scopes (space separated)" issues={at("accountLinking.scopes")}>
                {(p) => (
                  <input
                    {...p}
                    value={form.link.scopes}
                    onChange={(e) => setLink("scopes", e.target.value)}
                  />
                )}
              </Field>
              <Field label="Client authentication">
                {(p) => (
                  <select
                    {...p}
                    value={form.clientAuthentication}
                    onChange={(e) => set({ clientAuthentication: e.target.value as "basic" })}
                  >
                    <option value="basic">HTTP Basic</option>
                    <option value="body">In the request body</option>
                  </select>
                )}
              </Field>
            </div>
          )}
        </fieldset>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : editing ? "Save" : "Create extension"}
          </button>
          <button type="button" className="quiet" onClick={() => history.back()}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
