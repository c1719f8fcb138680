// NLU tester: what the platform's recognizer makes of an utterance with a saved model.
import type { InteractionModel } from "@clover/protocol";
import { useEffect, useState } from "react";
import { api, type Language, listExtensions } from "../api.js";
import { useLoad } from "../hooks.js";
import { Recognize } from "../model/Recognize.js";
import { linkProps } from "../router.js";
import { EmptyState } from "./EmptyState.js";

export function NluTester() {
  const { value: extensions, error } = useLoad(listExtensions, "");
  const [id, setId] = useState("");
  const [language, setLanguage] = useState<Language>("en");
  const [model, setModel] = useState<InteractionModel>();
  const [modelError, setModelError] = useState<string>();
  const withModels = (extensions ?? []).filter((x) => x.languages.length > 0);
  const current = withModels.find((x) => x.id === id);
  useEffect(() => {
    if (!id && withModels[0]) setId(withModels[0].id);
  }, [id, withModels]);
  useEffect(() => {
    if (current && !current.languages.includes(language)) setLanguage(current.languages[0]!);
  }, [current, language]);
  useEffect(() => {
    setModel(undefined);
    setModelError(undefined);
    if (!current?.languages.includes(language)) return;
    api<InteractionModel>(
      "GET",
      `/api/v1/extensions/${encodeURIComponent(current.id)}/models/${language}`,
    )
      .then(setModel)
      .catch((e: Error) => setModelError(e.message));
  }, [current, language]);

  return (
    <section>
      <h1>NLU tester</h1>
      <p className="hint">
        What the platform understands with an extension's saved model. To try changes before saving,
        use the test box at the bottom of the model editor.
      </p>
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      {extensions && withModels.length === 0 && (
        <EmptyState
          title="No interaction model to test yet"
          action={
            extensions[0] ? (
              <a
                className="button"
                {...linkProps(`/extensions/${encodeURIComponent(extensions[0].id)}/models/en`)}
              >
                Create the model of {extensions[0].displayName}
              </a>
            ) : (
              <a className="button" {...linkProps("/extensions/new")}>
                Create an extension
              </a>
            )
          }
        >
          This page shows which intent and slots the platform recognizes in a sentence, with an
          extension's saved interaction model — the same recognizer devices get. No extension has a
          model yet.
        </EmptyState>
      )}
      {withModels.length > 0 && (
        <div className="row wrap">
          <label>
            Extension{" "}
            <select value={id} onChange={(e) => setId(e.target.value)}>
              {withModels.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.displayName} ({x.id})
                </option>
              ))}
            </select>
          </label>
          <label>
            Language{" "}
            <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              {(current?.languages ?? []).map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {modelError && (
        <p className="error" role="alert">
          {modelError}
        </p>
      )}
      {model && <Recognize key={`${id}/${language}`} model={model} deployed={id} />}
    </section>
  );
}
