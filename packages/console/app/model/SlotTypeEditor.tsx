// One custom slot type: values, each with synonyms.
import { exportSlotTypeTsv, type ModelIssue, tsvFileName } from "@clover/nlu";
import type { CustomSlotType } from "@clover/protocol";
import { useState } from "react";
import { Issues, issuesFor } from "../fields.js";
import { download } from "./files.js";

interface Props {
  type: CustomSlotType;
  index: number;
  issues: ModelIssue[];
  onChange: (type: CustomSlotType) => void;
  onRemove: () => void;
}

export function SlotTypeEditor({ type, index, issues, onChange, onRemove }: Props) {
  const [value, setValue] = useState("");
  const base = `customSlotTypes[${index}]`;
  const update = (patch: Partial<CustomSlotType>) => onChange({ ...type, ...patch });
  const setSynonyms = (n: number, text: string) =>
    update({
      values: type.values.map((v, i) =>
        i === n
          ? {
              ...v,
              synonyms: text
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : v,
      ),
    });

  return (
    <article className="card" aria-label={`Slot type ${type.name}`}>
      <div className="row spread">
        <input
          aria-label="Slot type name"
          className="title-input"
          value={type.name}
          onChange={(e) => update({ name: e.target.value })}
        />
        <div className="row">
          <label className="small">
            <input
              type="checkbox"
              checked={type.open ?? false}
              onChange={(e) => update({ open: e.target.checked })}
            />{" "}
            Open (also other values)
          </label>
          <button
            type="button"
            className="quiet small"
            onClick={() =>
              download(tsvFileName(type.name), exportSlotTypeTsv(type), "text/tab-separated-values")
            }
          >
            Export TSV
          </button>
          <button type="button" className="quiet small danger" onClick={onRemove}>
            Delete type
          </button>
        </div>
      </div>
      <Issues
        issues={issues.filter(
          (i) => i.path === base || i.path === `${base}.name` || i.path === `${base}.values`,
        )}
      />
      <table className="stack">
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">Synonyms (comma separated)</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {type.values.map((v, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: values are edited in place; the position is the identity
            <tr key={n}>
              <td>
                <input
                  aria-label={`Value ${n + 1}`}
                  value={v.value}
                  onChange={(e) =>
                    update({
                      values: type.values.map((x, i) =>
                        i === n ? { ...x, value: e.target.value } : x,
                      ),
                    })
                  }
                />
                <Issues issues={issuesFor(issues, `${base}.values[${n}]`)} />
              </td>
              <td>
                <input
                  aria-label={`Synonyms of ${v.value}`}
                  defaultValue={(v.synonyms ?? []).join(", ")}
                  onBlur={(e) => setSynonyms(n, e.target.value)}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="quiet small danger"
                  aria-label={`Delete value ${v.value}`}
                  onClick={() => update({ values: type.values.filter((_, i) => i !== n) })}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="row grow"
        onSubmit={(e) => {
          e.preventDefault();
          if (!value.trim()) return;
          update({ values: [...type.values, { value: value.trim(), synonyms: [] }] });
          setValue("");
        }}
      >
        <input
          aria-label={`New value for ${type.name}`}
          placeholder="New value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" disabled={!value.trim()}>
          Add value
        </button>
      </form>
    </article>
  );
}
