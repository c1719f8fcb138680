// One extension: settings at a glance, its models per language, endpoint health.
import { useState } from "react";
import { getExtension, LANGUAGES } from "../api.js";
import { useLoad } from "../hooks.js";
import { linkProps, navigate } from "../router.js";
import { ConfirmDelete } from "./ConfirmDelete.js";
import { Health } from "./Health.js";
import { namesInUse } from "./invocation-names.js";
import { langOf } from "./lang.js";

export function ExtensionDetail({ id }: { id: string }) {
  const { value: x, error } = useLoad(() => getExtension(id), id);
  const [deleting, setDeleting] = useState(false);
  if (error)
    return (
      <p className="error" role="alert">
        {error.message}
      </p>
    );
  if (!x) return <p aria-live="polite">Loading…</p>;
  const path = `/extensions/${encodeURIComponent(x.id)}`;
  return (
    <section>
      <div className="row spread">
        <h1 lang={langOf(x.displayName)}>{x.displayName}</h1>
        <div className="row">
          <a className="button" {...linkProps(`${path}/test`)}>
            Test
          </a>
          <a className="button" {...linkProps(`${path}/edit`)}>
            Edit
          </a>
          <button type="button" className="danger" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      </div>
      <dl className="facts card">
        <dt>Id</dt>
        <dd className="mono">{x.id}</dd>
        <dt>Endpoint</dt>
        <dd className="mono break">{x.endpointUrl}</dd>
        <dt>Message version</dt>
        <dd>{x.messageVersion}</dd>
        <dt>Enabled</dt>
        <dd>{x.enabledForAllUsers ? "for all users" : `for ${x.enabledUsers.length} user(s)`}</dd>
        <dt>Account linking</dt>
        <dd>{x.accountLinking ? `yes (${x.accountLinking.authorizationUrl})` : "no"}</dd>
      </dl>
      <h2>Interaction models</h2>
      {x.languages.length === 0 && (
        <p className="notice">
          No interaction model yet: without one the platform cannot tell what users ask this
          extension. Create the model of a language below (or import the JSON your project keeps).
        </p>
      )}
      <ul className="models">
        {LANGUAGES.map((lang) => {
          const names = namesInUse(x, lang);
          return (
            <li key={lang}>
              <a {...linkProps(`${path}/models/${lang}`)}>
                <span className="tag">{lang}</span>{" "}
                {names?.main ?? <span className="muted">no invocation name</span>}
                {" — "}
                {x.languages.includes(lang) ? "edit model" : "create model"}
              </a>
              {names && names.sub.length > 0 && (
                <span className="muted"> (also {names.sub.join(", ")})</span>
              )}
              {names?.from === "model" && <span className="muted small"> · from the model</span>}
            </li>
          );
        })}
      </ul>
      <h2>Endpoint health</h2>
      <Health id={x.id} />
      {deleting && (
        <ConfirmDelete
          extension={x}
          onClose={() => setDeleting(false)}
          onDeleted={() => navigate("/")}
        />
      )}
    </section>
  );
}
