// The status lines every personal page shows above its content: loading, a failed load (in words
// when the platform lacks the ability), and the outcome of the last action.
import { ApiError } from "../api.js";

export interface ActionMessage {
  error?: string;
  done?: string;
}

export function PageStatus(props: {
  loading: boolean;
  loaded: boolean;
  error: unknown;
  /** What a 404 on the page's routes means: the platform has no such ability. */
  missing: string;
  message: ActionMessage | undefined;
}) {
  const { loading, loaded, error, missing, message } = props;
  return (
    <>
      {loading && !loaded && <p aria-live="polite">Loading…</p>}
      {error instanceof Error && (
        <p className="error" role="alert">
          {error instanceof ApiError && error.status === 404 ? missing : error.message}
        </p>
      )}
      {message?.error && (
        <p className="error" role="alert">
          {message.error}
        </p>
      )}
      {message?.done && (
        <p className="notice" aria-live="polite">
          {message.done}
        </p>
      )}
    </>
  );
}
