// clover ext: manage the platform's extensions through the management API.
import type { Command } from "commander";
import { type ApiIssue, ApiRequestError, type ManagementApi } from "../core/api.js";
import { managementApi, outputOf, withPlatform } from "../core/command.js";
import { CliError, EXIT } from "../core/errors.js";
import { readDocument, readModelDir } from "../core/files.js";
import type { Output } from "../core/output.js";

interface ExtensionView {
  id: string;
  displayName: string;
  endpointUrl: string;
  languages: string[];
  enabledForAllUsers: boolean;
  enabledUsers: string[];
  usesAudioPlayer: boolean;
  warnings?: ApiIssue[];
  [key: string]: unknown;
}

interface DocOptions {
  id?: string;
  name?: string;
  endpoint?: string;
  models?: string;
  audioPlayer?: boolean;
  type?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string[];
}

const withDocOptions = (command: Command) =>
  command
    .option("--id <id>", "extension id, reverse-domain (com.example.dice)")
    .option("--name <displayName>", "display name")
    .option("--endpoint <url>", "the extension's HTTPS endpoint URL")
    .option("--models <dir>", "directory of <language>.json interaction models")
    .option("--audio-player", "the extension plays audio (AudioPlayer)")
    .option(
      "--no-audio-player",
      "the extension does not play audio (its audio directives are dropped)",
    )
    .option("--type <type>", "custom (default) or home (a Clova Home extension, no model)")
    .option("--authorization-url <url>", "account linking: the vendor's login URL")
    .option("--token-url <url>", "account linking: the access token URI")
    .option("--client-id <id>", "account linking: client id")
    .option("--client-secret <secret>", "account linking: client secret")
    .option("--scope <scope...>", "account linking: scopes");

/** The extension document from an optional file plus flags (flags win). */
function documentFrom(file: string | undefined, o: DocOptions): Record<string, unknown> {
  let doc: Record<string, unknown> = {};
  if (file) {
    const value = readDocument(file);
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new CliError(`${file}: expected an extension document (an object)`, EXIT.usage);
    doc = { ...(value as Record<string, unknown>) };
  }
  if (o.id) doc["id"] = o.id;
  if (o.name) doc["displayName"] = o.name;
  if (o.endpoint) doc["endpointUrl"] = o.endpoint;
  if (o.audioPlayer !== undefined) doc["usesAudioPlayer"] = o.audioPlayer;
  if (o.models) doc["models"] = readModelDir(o.models);
  if (o.type) doc["type"] = o.type;
  if (o.authorizationUrl || o.tokenUrl || o.clientId || o.clientSecret) {
    const linking = { ...((doc["accountLinking"] as Record<string, unknown> | undefined) ?? {}) };
    if (o.authorizationUrl) linking["authorizationUrl"] = o.authorizationUrl;
    if (o.tokenUrl) linking["accessTokenUri"] = o.tokenUrl;
    if (o.clientId) linking["clientId"] = o.clientId;
    if (o.clientSecret) linking["clientSecret"] = o.clientSecret;
    if (o.scope) linking["scopes"] = o.scope;
    doc["accountLinking"] = linking;
  }
  return doc;
}

function showWarnings(out: Output, warnings: ApiIssue[] | undefined): void {
  for (const w of warnings ?? [])
    out.warn(
      `${w.language ? `${w.language} model: ` : ""}${w.path ? `${w.path}: ` : ""}${w.message}`,
    );
}

function rethrowWithDetails(error: unknown, out: Output): never {
  const details = (error as { details?: ApiIssue[] }).details ?? [];
  for (const d of details.slice(0, 20))
    out.info(
      `  ${d.language ? `${d.language} model: ` : ""}${d.file ? `${d.file}:${d.line ?? ""}:${d.column ?? ""}` : (d.path ?? "")}: ${d.message}`,
    );
  throw error;
}

function printExtension(out: Output, e: ExtensionView): void {
  const c = out.c;
  out.line(`${c.bold(e.id)}  ${e.displayName}`);
  out.line(`  endpoint   ${e.endpointUrl}`);
  out.line(`  languages  ${e.languages.join(", ") || "none (no model)"}`);
  out.line(
    `  enabled    ${e.enabledForAllUsers ? "for all users" : `for ${e.enabledUsers.length} user(s)`}${e.enabledForAllUsers ? "" : `: ${e.enabledUsers.join(", ")}`}`,
  );
  if (e.usesAudioPlayer) out.line("  audio      AudioPlayer");
  if (e["type"] === "home") out.line("  type       home (Clova Home extension)");
}

export function registerExt(program: Command): void {
  const ext = program
    .command("ext")
    .description("manage extensions on a platform (management API)");

  withPlatform(
    ext.command("list").alias("ls").description("list the registered extensions"),
  ).action(async (_o, command: Command) => {
    const out = outputOf(command);
    const api = managementApi(command);
    const { extensions } = await out.progress(
      "listing",
      api.request<{ extensions: ExtensionView[] }>("GET", "/api/v1/extensions"),
    );
    out.result(extensions, () => {
      if (extensions.length === 0) return out.line("no extensions (add one with `clover ext add`)");
      const width = Math.max(...extensions.map((e) => e.id.length));
      for (const e of extensions)
        out.line(
          `${e.id.padEnd(width)}  ${(e.languages.join(",") || "-").padEnd(8)}  ${e.endpointUrl}  ${out.c.dim(e.displayName)}`,
        );
    });
  });

  withPlatform(
    withDocOptions(
      ext
        .command("add")
        .description("register an extension from a JSON/YAML document and/or flags")
        .argument("[file]", "extension document (id, displayName, endpointUrl, models…)"),
    ),
  ).action(async (file: string | undefined, o: DocOptions, command: Command) => {
    const out = outputOf(command);
    const doc = documentFrom(file, o);
    if (!doc["displayName"] && typeof doc["id"] === "string") doc["displayName"] = doc["id"];
    const api = managementApi(command);
    const created = await out
      .progress("registering", api.request<ExtensionView>("POST", "/api/v1/extensions", doc))
      .catch((error) => {
        if (error instanceof ApiRequestError && error.status === 409) {
          const id = String(doc["id"] ?? "<id>");
          throw new CliError(
            error.message,
            EXIT.failure,
            `to change it, run \`clover ext update ${id}\` with the same options`,
          );
        }
        return rethrowWithDetails(error, out);
      });
    showWarnings(out, created.warnings);
    out.result(created, () => {
      out.line(`${out.c.green("✔")} added ${created.id}`);
      printExtension(out, created);
    });
  });

  withPlatform(
    ext
      .command("show")
      .description("show one extension, or one of its models with --model")
      .argument("<id>", "extension id")
      .option("--model <language>", "print the interaction model of this language (JSON)"),
  ).action(async (id: string, o: { model?: string }, command: Command) => {
    const out = outputOf(command);
    const api = managementApi(command);
    if (o.model) {
      const model = await api.request(
        "GET",
        `/api/v1/extensions/${encodeURIComponent(id)}/models/${encodeURIComponent(o.model)}`,
      );
      process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
      return;
    }
    const view = await api.request<ExtensionView>(
      "GET",
      `/api/v1/extensions/${encodeURIComponent(id)}`,
    );
    out.result(view, () => printExtension(out, view));
  });

  withPlatform(
    withDocOptions(
      ext
        .command("update")
        .description("change an extension: fields of a document and/or flags (others are kept)")
        .argument("<id>", "extension id")
        .argument("[file]", "extension document with the fields to change"),
    ),
  ).action(async (id: string, file: string | undefined, o: DocOptions, command: Command) => {
    const out = outputOf(command);
    const doc = documentFrom(file, { ...o, id: undefined });
    if (Object.keys(doc).length === 0)
      throw new CliError(
        "nothing to change",
        EXIT.usage,
        "give a document file or flags such as --endpoint",
      );
    const api = managementApi(command);
    const updated = await out
      .progress(
        "updating",
        api.request<ExtensionView>("PATCH", `/api/v1/extensions/${encodeURIComponent(id)}`, doc),
      )
      .catch((error) => rethrowWithDetails(error, out));
    showWarnings(out, updated.warnings);
    out.result(updated, () => {
      out.line(`${out.c.green("✔")} updated ${updated.id}`);
      printExtension(out, updated);
    });
  });

  withPlatform(
    ext.command("rm").alias("remove").description("remove an extension").argument("<id>"),
  ).action(async (id: string, _o, command: Command) => {
    const out = outputOf(command);
    await managementApi(command).request("DELETE", `/api/v1/extensions/${encodeURIComponent(id)}`);
    out.result({ removed: id }, () => out.line(`${out.c.green("✔")} removed ${id}`));
  });

  for (const enable of [true, false])
    withPlatform(
      ext
        .command(enable ? "enable" : "disable")
        .description(
          enable
            ? "enable an extension for all users, or for one with --user"
            : "disable an extension for all users, or for one with --user",
        )
        .argument("<id>")
        .option("--user <userId>", "only for this user account"),
    ).action(async (id: string, o: { user?: string }, command: Command) => {
      const out = outputOf(command);
      const api = managementApi(command);
      await setEnabled(api, id, enable, o.user);
      const what = o.user ? `for ${o.user}` : "for all users";
      out.result({ id, enabled: enable, ...(o.user ? { userId: o.user } : {}) }, () =>
        out.line(`${out.c.green("✔")} ${enable ? "enabled" : "disabled"} ${id} ${what}`),
      );
    });
}

/**
 * Enablement is an allow-list: an extension is enabled for all users, or for the users listed.
 * `--user` adds or removes one user of the list; it cannot carve one user out of "all users".
 */
async function setEnabled(api: ManagementApi, id: string, enable: boolean, user?: string) {
  const base = `/api/v1/extensions/${encodeURIComponent(id)}`;
  if (user && !enable) {
    const current = await api.request<ExtensionView>("GET", base);
    if (current.enabledForAllUsers)
      throw new CliError(
        `${id} is enabled for all users, so ${user} keeps it: one user cannot be left out of "all users"`,
        EXIT.failure,
        `disable it for everyone (\`clover ext disable ${id}\`), then enable it for each user who keeps it (\`clover ext enable ${id} --user <id>\`)`,
      );
  }
  if (user)
    await api.request(enable ? "PUT" : "DELETE", `${base}/users/${encodeURIComponent(user)}`);
  else await api.request("PATCH", base, { enabledForAllUsers: enable });
}
