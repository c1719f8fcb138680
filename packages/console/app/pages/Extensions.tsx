// Extensions: list, enable/disable (for all users), delete with confirmation.
import { useState } from "react";
import { api, type ExtensionView, LANGUAGES, listExtensions } from "../api.js";
import { useLoad } from "../hooks.js";
import { linkProps } from "../router.js";
import { ConfirmDelete } from "./ConfirmDelete.js";
import { EmptyState } from "./EmptyState.js";
import { namesInUse } from "./invocation-names.js";
import { langOf } from "./lang.js";

export function Extensions() {
  const { value: extensions, error, loading, reload } = useLoad(listExtensions, "");
  const [deleting, setDeleting] = useState<ExtensionView>();
  const [actionError, setActionError] = useState<string>();

  async function toggle(extension: ExtensionView) {
    setActionError(undefined);
    try {
      await api("PATCH", `/api/v1/extensions/${encodeURIComponent(extension.id)}`, {
        json: { enabledForAllUsers: !extension.enabledForAllUsers },
      });
      reload();
    } catch (e) {
      setActionError((e as Error).message);
    }
  }

  return (
    <section>
      <div className="row spread">
        <h1>Extensions</h1>
        <a className="button" {...linkProps("/extensions/new")}>
          New extension
        </a>
      </div>
      {loading && !extensions && <p aria-live="polite">Loading…</p>}
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      {actionError && (
        <p className="error" role="alert">
          {actionError}
        </p>
      )}
      {extensions?.length === 0 && (
        <EmptyState
          title="Start with your first extension"
          action={
            <a className="button" {...linkProps("/extensions/new")}>
              Create your first extension
            </a>
          }
        >
          No extensions yet. An extension is your own web service that answers what users ask for by
          its invocation name (“open dice”). Register it here with its endpoint URL and invocation
          name, then give it an interaction model so the platform understands its requests. Run{" "}
          <code>clover init my-extension</code> to scaffold one with tests.
        </EmptyState>
      )}
      {extensions && extensions.length > 0 && (
        <div className="table-wrap">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Invocation names</th>
                <th scope="col">Endpoint</th>
                <th scope="col">Enabled</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {extensions.map((x) => (
                <tr key={x.id}>
                  <td>
                    <a
                      {...linkProps(`/extensions/${encodeURIComponent(x.id)}`)}
                      lang={langOf(x.displayName)}
                    >
                      {x.displayName}
                    </a>
                    <div className="muted mono">{x.id}</div>
                  </td>
                  <td>
                    {LANGUAGES.map((lang) => {
                      const names = namesInUse(x, lang);
                      return (
                        names && (
                          <div key={lang}>
                            <span className="tag">{lang}</span>{" "}
                            <span lang={lang === "en" ? undefined : lang}>{names.main}</span>
                            {names.sub.length > 0 && (
                              <span className="muted"> · {names.sub.join(", ")}</span>
                            )}
                          </div>
                        )
                      );
                    })}
                  </td>
                  <td className="mono break">{x.endpointUrl}</td>
                  <td>
                    <label className="switch">
                      <input
                        type="checkbox"
                        checked={x.enabledForAllUsers}
                        onChange={() => void toggle(x)}
                      />
                      <span>{x.enabledForAllUsers ? "For everyone" : "Off"}</span>
                    </label>
                  </td>
                  <td className="actions">
                    <a {...linkProps(`/extensions/${encodeURIComponent(x.id)}/edit`)}>Edit</a>
                    <button type="button" className="danger quiet" onClick={() => setDeleting(x)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <ConfirmDelete
          extension={deleting}
          onClose={() => setDeleting(undefined)}
          onDeleted={() => {
            setDeleting(undefined);
            reload();
          }}
        />
      )}
    </section>
  );
}
