// Building a model: check it here, compile it here, then upload it; the platform compiles it
// again and answers with its warnings or the errors that refused it.
import { compileModel, type ModelIssue, validateModel } from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import { ApiError, api, type Language } from "../api.js";

export type StepState = "waiting" | "running" | "done" | "failed";
export interface BuildStep {
  label: string;
  state: StepState;
  detail?: string;
}
export interface BuildOutcome {
  ok: boolean;
  issues: ModelIssue[];
}

const tick = () => new Promise((r) => setTimeout(r, 0));

export async function buildModel(
  id: string,
  language: Language,
  model: InteractionModel,
  report: (steps: BuildStep[]) => void,
): Promise<BuildOutcome> {
  const steps: BuildStep[] = [
    { label: "Check the model", state: "running" },
    { label: "Compile the recognizer", state: "waiting" },
    { label: "Upload and compile on the platform", state: "waiting" },
  ];
  const set = (n: number, state: StepState, detail?: string) => {
    steps[n] = { ...steps[n]!, state, ...(detail ? { detail } : {}) };
    report([...steps]);
  };
  report([...steps]);
  await tick();
  const issues = validateModel(model);
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length) {
    set(0, "failed", `${errors.length} error(s); see the messages where they are`);
    return { ok: false, issues };
  }
  set(0, "done", issues.length ? `${issues.length} warning(s)` : "no problems");
  set(1, "running");
  await tick();
  const t0 = performance.now();
  try {
    const recognizer = compileModel(model);
    set(
      1,
      "done",
      `${recognizer.intents.length} intents in ${(performance.now() - t0).toFixed(0)} ms`,
    );
  } catch (e) {
    set(1, "failed", (e as Error).message);
    return { ok: false, issues };
  }
  set(2, "running");
  try {
    const t1 = performance.now();
    const answer = await api<{ warnings: ModelIssue[] }>(
      "PUT",
      `/api/v1/extensions/${encodeURIComponent(id)}/models/${language}`,
      { json: model },
    );
    set(
      2,
      "done",
      `saved in ${(performance.now() - t1).toFixed(0)} ms${answer.warnings.length ? `, ${answer.warnings.length} warning(s)` : ""}`,
    );
    return { ok: true, issues: answer.warnings };
  } catch (e) {
    set(2, "failed", (e as Error).message);
    return { ok: false, issues: e instanceof ApiError ? (e.issues as ModelIssue[]) : [] };
  }
}
