// Deleting an extension asks for its id to be typed (it removes its models and enablements).
import { useEffect, useRef, useState } from "react";
import { api, type ExtensionView } from "../api.js";

export function ConfirmDelete(props: {
  extension: ExtensionView;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { extension } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string>();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function remove() {
    try {
      await api("DELETE", `/api/v1/extensions/${encodeURIComponent(extension.id)}`);
      props.onDeleted();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <dialog ref={dialog} onClose={props.onClose} aria-labelledby="delete-title">
      <h2 id="delete-title">Delete {extension.displayName}?</h2>
      <p>
        This removes the extension, its interaction models and who enabled it. Type{" "}
        <code>{extension.id}</code> to confirm.
      </p>
      <label htmlFor="delete-confirm">Extension id</label>
      <input id="delete-confirm" value={typed} onChange={(e) => setTyped(e.target.value)} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="danger"
          disabled={typed !== extension.id}
          onClick={() => void remove()}
        >
          Delete for good
        </button>
        <button type="button" className="quiet" onClick={props.onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
