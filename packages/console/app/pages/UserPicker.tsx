// "Whose data": the user ID the per-user pages show, changed with a small form.
import { useState } from "react";
import { useConsoleUser } from "../user.js";

export function UserPicker() {
  const [user, setUser] = useConsoleUser();
  const [draft, setDraft] = useState(user);
  return (
    <form
      className="row wrap user-picker"
      onSubmit={(e) => {
        e.preventDefault();
        const next = draft.trim();
        if (next) setUser(next);
      }}
    >
      <label>
        User ID <input value={draft} onChange={(e) => setDraft(e.target.value)} size={16} />
      </label>
      <button type="submit" className="quiet small" disabled={!draft.trim() || draft === user}>
        Show
      </button>
    </form>
  );
}
