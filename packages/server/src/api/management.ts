// The management REST API (CLI and console) plus the platform's public endpoints: the
// signing key (cek-custom-extension.md §2.5) and the account-linking redirect (§8.5).
import {
  enableUsedBuiltinSlotTypes,
  exportIntentTsv,
  exportSlotTypeTsv,
  formatIssue,
  importIntentTsv,
  importSlotTypeTsv,
  locateIntentIssues,
  type ModelIssue,
  tsvFileName,
} from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import type { Logger } from "pino";
import type { Language } from "../assistant/turn.js";
import { type AccountLinking, AccountLinkingError, REDIRECT_PATH } from "../cek/account-linking.js";
import { OutboundGuard } from "../cek/outbound-policy.js";
import { type ExtensionRegistry, LANGUAGES, ModelRejectedError } from "../cek/registry.js";
import type { SigningKeyRing } from "../cek/signing-key.js";
import type { AdminAuth } from "./auth.js";
import { documentOf, extensionView, parseExtensionDocument } from "./extension-input.js";
import {
  ApiError,
  type RequestHandler,
  readBody,
  readJson,
  send,
  sendError,
  sendJson,
} from "./http.js";
import { checkUserId } from "./ids.js";
import { type RouteContext, Router } from "./router.js";

export interface ManagementDeps {
  registry: ExtensionRegistry;
  auth: AdminAuth;
  linking: AccountLinking;
  keys: SigningKeyRing;
  log: Logger;
  allowHttpEndpoints: boolean;
  /** Outbound policy for registered URLs (default: public addresses only). */
  outbound?: OutboundGuard;
  maxBodyBytes: number;
  /** SkillEnabled / SkillDisabled to the extension (§6). */
  onEnablement?: (extensionId: string, userId: string, enabled: boolean) => Promise<void>;
}

const PREFIX = "/api/v1";

function languageParam(value: string | undefined): Language {
  if (value && (LANGUAGES as readonly string[]).includes(value)) return value as Language;
  throw new ApiError(404, "not_found", `unknown language "${value}" (expected en, ja or ko)`);
}

function modelIssues(issues: ModelIssue[]) {
  return issues.map((i) => ({ ...i, message: i.message }));
}

export function createManagementHandler(deps: ManagementDeps): RequestHandler {
  const { registry } = deps;
  const outbound = deps.outbound ?? new OutboundGuard({ networks: "public" });
  const router = new Router();

  const extensionOr404 = (id: string) => {
    const record = registry.get(id);
    if (!record) throw new ApiError(404, "not_found", `no extension with id "${id}"`);
    return record;
  };
  const view = (id: string) =>
    extensionView(extensionOr404(id), {
      languages: registry.languages(id),
      enabledUsers: registry.enabledUsers(id),
      invocationNamesInUse: namesInUse(id),
    });
  /** The names users say per language: the extension's own, else its model's (read-only). */
  const namesInUse = (id: string) => {
    const out: Partial<Record<Language, { main: string; sub: string[]; from: string }>> = {};
    const record = registry.get(id);
    for (const language of LANGUAGES) {
      const [main, ...sub] = registry.invocationNames(id, language);
      if (main === undefined) continue;
      out[language] = {
        main,
        sub,
        from: record?.invocationNames[language] ? "extension" : "model",
      };
    }
    return out;
  };
  /** `locate` maps findings to the uploaded file's lines (TSV uploads, §8.3). */
  const putModel = async (
    id: string,
    language: Language,
    model: unknown,
    locate: (issues: ModelIssue[]) => ModelIssue[] = (issues) => issues,
  ) => {
    try {
      return locate(await registry.putModel(id, language, model as InteractionModel));
    } catch (error) {
      if (error instanceof ModelRejectedError) {
        const issues = locate(error.issues);
        throw new ApiError(
          422,
          "invalid_model",
          // Where and what: "intents[0].utterances[3]: intent OrderTea: …", "Order.tsv:7:1: …".
          `${error.message}: ${formatIssue(issues.find((i) => i.severity === "error") ?? { severity: "error", message: "rejected" })}`,
          modelIssues(issues).map((i) => ({ ...i, language })),
        );
      }
      throw error;
    }
  };
  const putModels = async (id: string, models: Record<string, unknown>) => {
    const warnings: ModelIssue[] = [];
    // Each warning names its model's language (several models are sent at once).
    for (const [language, model] of Object.entries(models))
      for (const w of await putModel(id, languageParam(language), model))
        warnings.push({ ...w, language } as ModelIssue);
    return warnings;
  };
  const save = async (ctx: RouteContext, merge: boolean) => {
    const id = ctx.params.id!;
    const existing = extensionOr404(id);
    const body = await readJson(ctx.req, deps.maxBodyBytes);
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw new ApiError(400, "invalid_extension", "expected a JSON object");
    const doc = { ...(merge ? documentOf(existing) : {}), ...body, id };
    if ("id" in body && (body as { id: unknown }).id !== id)
      throw new ApiError(400, "invalid_extension", "id: the extension id cannot change (§9)");
    const { input, models } = parseExtensionDocument(doc, deps.allowHttpEndpoints, outbound);
    await registry.update(input);
    const warnings = await putModels(id, models);
    sendJson(ctx.res, 200, { ...view(id), warnings: modelIssues(warnings) });
  };

  router
    .add(
      "GET",
      "/.well-known/signature-public-key.pem",
      async ({ res }) =>
        send(res, 200, deps.keys.active.publicKeyPem, "application/x-pem-file", {
          "cache-control": "public, max-age=3600",
        }),
      { public: true },
    )
    .add("GET", REDIRECT_PATH.replace(/\/$/, ""), (ctx) => redirect(ctx), { public: true })
    .add("GET", REDIRECT_PATH, (ctx) => redirect(ctx), { public: true })
    .add("POST", `${PREFIX}/signing-key/rotate`, async ({ res }) => {
      const key = await deps.keys.rotate();
      sendJson(res, 200, { keyId: key.id, publicKey: key.publicKeyPem });
    })
    .add("GET", `${PREFIX}/extensions`, async ({ res }) =>
      sendJson(res, 200, { extensions: registry.list().map((e) => view(e.id)) }),
    )
    .add("POST", `${PREFIX}/extensions`, async ({ req, res }) => {
      const { input, models } = parseExtensionDocument(
        await readJson(req, deps.maxBodyBytes),
        deps.allowHttpEndpoints,
        outbound,
      );
      // Check every model before creating anything, so a refused upload leaves no trace.
      for (const [language, model] of Object.entries(models)) {
        languageParam(language);
        if (typeof model !== "object" || model === null)
          throw new ApiError(400, "invalid_model", `models.${language}: expected an object`);
      }
      if (!(await registry.create(input)))
        throw new ApiError(409, "conflict", `an extension with id "${input.id}" already exists`);
      try {
        const warnings = await putModels(input.id, models);
        sendJson(res, 201, { ...view(input.id), warnings: modelIssues(warnings) });
      } catch (error) {
        await registry.remove(input.id);
        throw error;
      }
    })
    .add("GET", `${PREFIX}/extensions/:id`, async ({ res, params }) =>
      sendJson(res, 200, view(params.id!)),
    )
    .add("PUT", `${PREFIX}/extensions/:id`, (ctx) => save(ctx, false))
    .add("PATCH", `${PREFIX}/extensions/:id`, (ctx) => save(ctx, true))
    .add("DELETE", `${PREFIX}/extensions/:id`, async ({ res, params }) => {
      extensionOr404(params.id!);
      await registry.remove(params.id!);
      sendJson(res, 204, null);
    })
    .add("GET", `${PREFIX}/extensions/:id/models/:language`, async ({ res, params }) => {
      extensionOr404(params.id!);
      const model = registry.model(params.id!, languageParam(params.language));
      if (!model)
        throw new ApiError(404, "not_found", `${params.id} has no ${params.language} model`);
      sendJson(res, 200, model);
    })
    .add("PUT", `${PREFIX}/extensions/:id/models/:language`, async ({ req, res, params }) => {
      extensionOr404(params.id!);
      const language = languageParam(params.language);
      const warnings = await putModel(params.id!, language, await readJson(req, deps.maxBodyBytes));
      sendJson(res, 200, { extensionId: params.id, language, warnings: modelIssues(warnings) });
    })
    .add("DELETE", `${PREFIX}/extensions/:id/models/:language`, async ({ res, params }) => {
      extensionOr404(params.id!);
      if (!(await registry.deleteModel(params.id!, languageParam(params.language))))
        throw new ApiError(404, "not_found", `${params.id} has no ${params.language} model`);
      sendJson(res, 204, null);
    })
    .add("GET", `${PREFIX}/extensions/:id/models/:language/intents/:name`, (ctx) =>
      exportTsv(ctx, "intent"),
    )
    .add("PUT", `${PREFIX}/extensions/:id/models/:language/intents/:name`, (ctx) =>
      importTsv(ctx, "intent"),
    )
    .add("GET", `${PREFIX}/extensions/:id/models/:language/slot-types/:name`, (ctx) =>
      exportTsv(ctx, "slotType"),
    )
    .add("PUT", `${PREFIX}/extensions/:id/models/:language/slot-types/:name`, (ctx) =>
      importTsv(ctx, "slotType"),
    )
    .add("GET", `${PREFIX}/extensions/:id/users`, async ({ res, params }) => {
      extensionOr404(params.id!);
      sendJson(res, 200, { users: registry.enabledUsers(params.id!) });
    })
    .add("PUT", `${PREFIX}/extensions/:id/users/:userId`, async ({ res, params }) => {
      extensionOr404(params.id!);
      const added = await registry.enableUser(params.id!, params.userId!);
      if (added) await deps.onEnablement?.(params.id!, params.userId!, true);
      sendJson(res, 200, { extensionId: params.id, userId: params.userId, enabled: true });
    })
    .add("DELETE", `${PREFIX}/extensions/:id/users/:userId`, async ({ res, params }) => {
      extensionOr404(params.id!);
      const removed = await registry.disableUser(params.id!, params.userId!);
      // §6: disabling deletes the stored token; linking is needed again after re-enabling.
      await deps.linking.unlink(params.id!, params.userId!);
      if (removed) await deps.onEnablement?.(params.id!, params.userId!, false);
      sendJson(res, 204, null);
    })
    .add(
      "POST",
      `${PREFIX}/extensions/:id/account-linking/authorize`,
      async ({ req, res, params }) => {
        const record = extensionOr404(params.id!);
        if (!record.accountLinking)
          throw new ApiError(409, "not_configured", `${record.id} has no account linking settings`);
        const body = (await readJson(req, deps.maxBodyBytes)) as { userId?: unknown } | null;
        const userId = checkUserId(body?.userId);
        const { url, state } = await deps.linking.authorizationUrl(
          record.id,
          record.accountLinking,
          userId,
        );
        sendJson(res, 200, { authorizationUrl: url, state, redirectUri: deps.linking.redirectUri });
      },
    )
    .add(
      "DELETE",
      `${PREFIX}/extensions/:id/account-linking/users/:userId`,
      async ({ res, params }) => {
        extensionOr404(params.id!);
        if (!(await deps.linking.unlink(params.id!, params.userId!)))
          throw new ApiError(
            404,
            "not_found",
            `${params.userId} has no linked account for ${params.id}`,
          );
        sendJson(res, 204, null);
      },
    );

  /** The console's Download button (interaction-model.md §8, §8.3): one intent or slot type. */
  async function exportTsv({ res, params }: RouteContext, kind: "intent" | "slotType") {
    const { id, name } = params as { id: string; name: string };
    extensionOr404(id);
    const language = languageParam(params.language);
    const model = registry.model(id, language);
    if (!model) throw new ApiError(404, "not_found", `${id} has no ${language} model`);
    const what = kind === "intent" ? "custom intent" : "custom slot type";
    const intent = kind === "intent" ? model.intents.find((i) => i.name === name) : undefined;
    const slotType =
      kind === "slotType" ? model.customSlotTypes?.find((t) => t.name === name) : undefined;
    if (!intent && !slotType)
      throw new ApiError(404, "not_found", `the ${language} model of ${id} has no ${what} ${name}`);
    const tsv = intent ? exportIntentTsv(intent) : exportSlotTypeTsv(slotType!);
    send(res, 200, tsv, "text/tab-separated-values; charset=utf-8", {
      "content-disposition": `attachment; filename="${tsvFileName(name)}"`,
    });
  }

  async function importTsv(ctx: RouteContext, kind: "intent" | "slotType") {
    const { id, name } = ctx.params as { id: string; name: string };
    extensionOr404(id);
    const language = languageParam(ctx.params.language);
    const current = registry.model(id, language);
    if (!current)
      throw new ApiError(
        409,
        "no_model",
        `upload the ${language} model (JSON) before importing TSV files into it`,
      );
    const tsv = (await readBody(ctx.req, deps.maxBodyBytes)).toString("utf8");
    const file = ctx.query.get("file") ?? `${name}.tsv`;
    const model: InteractionModel = structuredClone(current);
    let issues: ModelIssue[];
    let locate: ((found: ModelIssue[]) => ModelIssue[]) | undefined;
    if (kind === "intent") {
      const imported = importIntentTsv(name, tsv, file);
      issues = imported.issues;
      if (imported.intent && imported.lines) {
        // Replaced where it stands (a download uploaded again changes nothing), else added.
        const at = model.intents.findIndex((i) => i.name === name);
        const index = at < 0 ? model.intents.length : at;
        model.intents[index] = imported.intent;
        const lines = imported.lines;
        locate = (found) => locateIntentIssues(found, index, file, lines);
      }
    } else {
      const imported = importSlotTypeTsv(name, tsv, file);
      issues = imported.issues;
      if (imported.slotType)
        model.customSlotTypes = [
          ...(model.customSlotTypes ?? []).filter((t) => t.name !== name),
          imported.slotType,
        ];
    }
    issues.push(...(locate ?? ((found: ModelIssue[]) => found))(enableUsedBuiltinSlotTypes(model)));
    const firstError = issues.find((i) => i.severity === "error");
    if (firstError)
      throw new ApiError(
        422,
        "invalid_model",
        // file:line:column and the offending text (interaction-model.md §8.3).
        formatIssue({ file, ...firstError }),
        modelIssues(issues),
      );
    const warnings = await putModel(id, language, model, locate);
    sendJson(ctx.res, 200, {
      extensionId: id,
      language,
      warnings: modelIssues([...issues, ...warnings]),
    });
  }

  async function redirect({ res, query }: RouteContext) {
    const state = query.get("state");
    const code = query.get("code");
    if (!state || !code)
      throw new ApiError(
        400,
        "bad_request",
        `missing ${!state ? "state" : "code"} parameter (§8.5)`,
      );
    try {
      const linked = await deps.linking.completeRedirect(
        state,
        code,
        (id) => registry.get(id)?.accountLinking,
      );
      const name = registry.get(linked.extensionId)?.displayName ?? linked.extensionId;
      send(
        res,
        200,
        `<!doctype html><meta charset="utf-8"><title>Linked</title><p>Your account is now linked to ${escapeHtml(name)}. You can close this page.</p>`,
        "text/html; charset=utf-8",
      );
    } catch (error) {
      if (error instanceof AccountLinkingError) throw new ApiError(400, error.code, error.message);
      throw error;
    }
  }

  return (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      try {
        const { route, params } = router.match(req.method ?? "GET", url.pathname);
        if (!route.public) deps.auth.check(req);
        await route.handler({ req, res, params, query: url.searchParams });
      } catch (error) {
        if (error instanceof ApiError) return sendError(res, error);
        deps.log.error({ err: error, method: req.method, url: req.url }, "management API failure");
        sendError(res, new ApiError(500, "internal", "internal error; see the server log"));
      }
    })();
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
