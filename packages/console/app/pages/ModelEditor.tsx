// The interaction model editor for one extension and language: invocation, intents with their
// examples and slots, custom slot types, built-ins, live validation, JSON and TSV files, build.
import { formatIssue, type ModelIssue } from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import { useEffect, useMemo, useState } from "react";
import type { Language } from "../api.js";
import { unsavedKey } from "../extension-test/api.js";
import { Issues, issuesFor } from "../fields.js";
import { useLoad } from "../hooks.js";
import { Builtins } from "../model/Builtins.js";
import { type BuildStep, buildModel } from "../model/build.js";
import { loadModel, mergeTsvFiles, safeValidate } from "../model/document.js";
import { download, pickFiles } from "../model/files.js";
import { IntentEditor } from "../model/IntentEditor.js";
import { Recognize } from "../model/Recognize.js";
import { SlotTypeEditor } from "../model/SlotTypeEditor.js";
import { linkProps } from "../router.js";

export function ModelEditor({ id, language }: { id: string; language: Language }) {
  const { value, error, setValue } = useLoad(() => loadModel(id, language), `${id}/${language}`);
  const [dirty, setDirty] = useState(false);
  const [steps, setSteps] = useState<BuildStep[]>();
  const [serverIssues, setServerIssues] = useState<ModelIssue[]>([]);
  const [fileIssues, setFileIssues] = useState<ModelIssue[]>([]);
  const model = value?.model;
  const issues = useMemo(() => (model ? safeValidate(model) : []), [model]);
  // The test screen says "upload before testing" while this page holds changes not uploaded.
  useEffect(() => {
    if (dirty) sessionStorage.setItem(unsavedKey(id, language), "1");
    else sessionStorage.removeItem(unsavedKey(id, language));
  }, [dirty, id, language]);
  if (error)
    return (
      <p className="error" role="alert">
        {error.message}
      </p>
    );
  if (!value || !model) return <p aria-live="polite">Loading…</p>;

  const change = (next: InteractionModel) => {
    setValue({ ...value, model: next });
    setDirty(true);
    setServerIssues([]);
  };
  const customTypes = (model.customSlotTypes ?? []).map((t) => t.name);
  const slotTypes = [...customTypes, ...(model.builtinSlotTypes ?? [])];
  const shown = [
    ...issues,
    ...serverIssues.filter((s) => !issues.some((i) => i.message === s.message)),
  ];
  const general = shown.filter((i) => !i.path || !/^(intents|customSlotTypes)\[/.test(i.path));
  const errorCount = issues.filter((i) => i.severity === "error").length;

  async function importJson() {
    const [file] = await pickFiles(".json,application/json");
    if (!file) return;
    try {
      const parsed = JSON.parse(file.text) as InteractionModel;
      change({ ...parsed, language });
      setFileIssues([]);
    } catch (e) {
      setFileIssues([
        {
          severity: "error",
          file: file.name,
          message: `${file.name}: not JSON (${(e as Error).message})`,
        },
      ]);
    }
  }

  async function importTsv(kind: "intent" | "slotType") {
    const files = await pickFiles(".tsv,text/tab-separated-values", true);
    const merged = mergeTsvFiles(model!, kind, files);
    setFileIssues(merged.issues.map((i) => ({ ...i, message: formatIssue(i) })));
    if (merged.model !== model) change(merged.model);
  }

  async function build() {
    setServerIssues([]);
    const outcome = await buildModel(id, language, model!, setSteps);
    setServerIssues(outcome.issues);
    if (outcome.ok) {
      setDirty(false);
      setValue({ ...value!, saved: true });
    }
  }

  const ext = `/extensions/${encodeURIComponent(id)}`;
  return (
    <section className="editor">
      <p className="crumbs">
        <a {...linkProps(ext)}>{value.name}</a> › model ({language})
      </p>
      <div className="row spread toolbar">
        <h1>
          Interaction model <span className="tag">{language}</span>
        </h1>
        <div className="row wrap">
          <button type="button" className="quiet" onClick={() => void importJson()}>
            Import JSON
          </button>
          <button
            type="button"
            className="quiet"
            onClick={() =>
              download(
                `${id}.${language}.json`,
                `${JSON.stringify(model, null, 2)}\n`,
                "application/json",
              )
            }
          >
            Export JSON
          </button>
          <button type="button" className="quiet" onClick={() => void importTsv("intent")}>
            Import intent TSV
          </button>
          <button type="button" className="quiet" onClick={() => void importTsv("slotType")}>
            Import slot type TSV
          </button>
          <button
            type="button"
            onClick={() => void build()}
            disabled={steps?.some((s) => s.state === "running")}
          >
            Build {dirty || !value.saved ? "and save" : "again"}
          </button>
        </div>
      </div>
      <p className="status" aria-live="polite">
        {errorCount ? `${errorCount} error(s) to fix before building.` : "No errors."}{" "}
        {dirty ? "Unsaved changes." : value.saved ? "Saved." : "Not saved yet."}{" "}
        <a {...linkProps(`${ext}/test`)}>Test the extension</a>
        {dirty && " (upload before testing: Build saves the model)"}
      </p>
      {steps && (
        <ol className="build card" aria-label="Build progress">
          {steps.map((s) => (
            <li key={s.label} className={s.state}>
              <span className="state">
                {s.state === "done"
                  ? "✓"
                  : s.state === "failed"
                    ? "✗"
                    : s.state === "running"
                      ? "…"
                      : "·"}
              </span>{" "}
              {s.label}
              {s.detail ? ` — ${s.detail}` : ""}
            </li>
          ))}
        </ol>
      )}
      <Issues issues={[...fileIssues, ...general]} />
      <h2>Invocation</h2>
      <div className="grid2 card">
        <label>
          Main name
          <input
            lang={language}
            value={model.invocation.main}
            onChange={(e) =>
              change({ ...model, invocation: { ...model.invocation, main: e.target.value } })
            }
          />
        </label>
        <label>
          Sub names (comma separated)
          <input
            lang={language}
            defaultValue={(model.invocation.sub ?? []).join(", ")}
            onBlur={(e) =>
              change({
                ...model,
                invocation: {
                  ...model.invocation,
                  sub: e.target.value
                    .split(",")
                    .map((s) => s.trim())
                    .filter(Boolean),
                },
              })
            }
          />
        </label>
        <Issues issues={issuesFor(shown, "invocation")} />
      </div>
      <div className="row spread">
        <h2>Intents ({model.intents.length})</h2>
        <button
          type="button"
          onClick={() =>
            change({
              ...model,
              intents: [
                ...model.intents,
                { name: `NewIntent${model.intents.length + 1}`, slots: [], utterances: [] },
              ],
            })
          }
        >
          Add intent
        </button>
      </div>
      {model.intents.map((intent, n) => (
        <IntentEditor
          // biome-ignore lint/suspicious/noArrayIndexKey: intents are renamed in place; the position is the identity
          key={n}
          intent={intent}
          index={n}
          slotTypes={slotTypes}
          issues={shown.filter((i) => i.path?.startsWith(`intents[${n}]`))}
          onChange={(next) => {
            // A built-in type chosen for a slot is declared with the model (§5).
            const builtins = new Set(model.builtinSlotTypes ?? []);
            for (const s of next.slots ?? []) if (s.type.startsWith("CLOVA.")) builtins.add(s.type);
            change({
              ...model,
              builtinSlotTypes: [...builtins],
              intents: model.intents.map((x, i) => (i === n ? next : x)),
            });
          }}
          onRemove={() => change({ ...model, intents: model.intents.filter((_, i) => i !== n) })}
        />
      ))}
      <div className="row spread">
        <h2>Custom slot types ({customTypes.length})</h2>
        <button
          type="button"
          onClick={() =>
            change({
              ...model,
              customSlotTypes: [
                ...(model.customSlotTypes ?? []),
                { name: `NewType${customTypes.length + 1}`, values: [] },
              ],
            })
          }
        >
          Add slot type
        </button>
      </div>
      {(model.customSlotTypes ?? []).map((t, n) => (
        <SlotTypeEditor
          // biome-ignore lint/suspicious/noArrayIndexKey: slot types are renamed in place; the position is the identity
          key={n}
          type={t}
          index={n}
          issues={shown.filter((i) => i.path?.startsWith(`customSlotTypes[${n}]`))}
          onChange={(next) =>
            change({
              ...model,
              customSlotTypes: (model.customSlotTypes ?? []).map((x, i) => (i === n ? next : x)),
            })
          }
          onRemove={() =>
            change({
              ...model,
              customSlotTypes: (model.customSlotTypes ?? []).filter((_, i) => i !== n),
            })
          }
        />
      ))}
      <h2>Built-ins</h2>
      <Builtins model={model} onChange={change} />
      <h2>Test this model</h2>
      <p className="hint">Recognizes with the model as it is on this page, saved or not.</p>
      <Recognize model={model} />
    </section>
  );
}
