// clover model push: checks models here (findings as file:line:column), then uploads each to a
// registered extension, one language at a time (PUT /api/v1/extensions/:id/models/:language).
import { type ApiIssue, ApiRequestError, type ManagementApi } from "../core/api.js";
import { CliError, EXIT } from "../core/errors.js";
import type { Output } from "../core/output.js";
import { loadValid, type TsvDefaults } from "./actions.js";

interface Pushed {
  path: string;
  language: string;
  intents: number;
  slotTypes: number;
  warnings: ApiIssue[];
}

export async function push(
  extensionId: string,
  paths: string[],
  o: TsvDefaults,
  api: ManagementApi,
  out: Output,
): Promise<void> {
  // Every model is checked before any is sent: a mistake in one uploads none.
  const models = paths.map((path) => ({ path, model: loadValid(out, path, o) }));
  const pushed: Pushed[] = [];
  for (const { path, model } of models) {
    const at = `/api/v1/extensions/${encodeURIComponent(extensionId)}/models/${encodeURIComponent(model.language)}`;
    const answer = await out
      .progress(
        `pushing ${model.language}`,
        api.request<{ warnings?: ApiIssue[] }>("PUT", at, model),
      )
      .catch((error) => {
        if (error instanceof ApiRequestError && error.status === 404)
          throw new CliError(
            error.message,
            EXIT.failure,
            `register it first: clover ext add --id ${extensionId} --endpoint <url> --models <dir>`,
          );
        for (const d of ((error as { details?: ApiIssue[] }).details ?? []).slice(0, 20))
          out.info(`  ${model.language} model: ${d.path ? `${d.path}: ` : ""}${d.message}`);
        throw error;
      });
    // The platform's warnings are the NLU's, already printed above with file:line:column.
    pushed.push({
      path,
      language: model.language,
      intents: model.intents.length,
      slotTypes: model.customSlotTypes?.length ?? 0,
      warnings: answer.warnings ?? [],
    });
  }
  out.result({ extensionId, pushed }, () => {
    for (const p of pushed)
      out.line(
        `${out.c.green("✔")} pushed the ${p.language} model of ${extensionId} (${p.intents} intents, ${p.slotTypes} slot types) from ${p.path}`,
      );
  });
}
