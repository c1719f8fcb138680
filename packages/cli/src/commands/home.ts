// clover home: a user's Clova Home links and devices, discovery on demand, unlinking, and a
// home extension's notification API key (cek-home-extension.md §4, §10, §11).
import type { Command } from "commander";
import { managementApi, outputOf, withPlatform } from "../core/command.js";

interface HomeDeviceView {
  extensionId: string;
  applianceId: string;
  name: string;
  types: string[];
  room: string | null;
  isIr: boolean;
  actions: string[];
  state?: { isReachable?: boolean; isTurnOn?: boolean } | null;
}

const path = (userId: string, rest: string) =>
  `/api/v1/home/users/${encodeURIComponent(userId)}${rest}`;

export function registerHome(program: Command): void {
  const home = program
    .command("home")
    .description("Clova Home: a user's linked home extensions and devices");

  withPlatform(
    home
      .command("devices")
      .description("a user's discovered devices by room, with their actions")
      .argument("<userId>", "the user")
      .option("--state", "ask each device for its state (HealthCheck; not infrared ones)")
      .option("--language <language>", "room names in en, ja or ko", "en"),
  ).action(async (userId: string, o: { state?: boolean; language: string }, command: Command) => {
    const out = outputOf(command);
    const api = managementApi(command);
    const query = `?language=${encodeURIComponent(o.language)}${o.state ? "&state=1" : ""}`;
    const view = await out.progress(
      "listing",
      api.request<{
        rooms: { room: string | null; devices: HomeDeviceView[] }[];
        scenes: { sceneName: string }[];
      }>("GET", path(userId, `/devices${query}`)),
    );
    out.result(view, () => {
      if (view.rooms.length === 0)
        return out.line(
          `no devices for ${userId} (link a home extension, then \`clover home discover\`)`,
        );
      for (const { room, devices } of view.rooms) {
        out.line(out.c.bold(room ?? "(no room)"));
        for (const d of devices) {
          const state = d.state
            ? d.state.isReachable
              ? d.state.isTurnOn
                ? " on"
                : " off"
              : " offline"
            : "";
          out.line(
            `  ${d.name}${out.c.dim(` ${d.types.join(",")}${d.isIr ? " infrared" : ""}${state}`)}`,
          );
          out.line(out.c.dim(`    ${d.actions.join(" ")}`));
        }
      }
      if (view.scenes.length > 0)
        out.line(`scenes: ${view.scenes.map((s) => s.sceneName).join(", ")}`);
    });
  });

  withPlatform(
    home
      .command("discover")
      .description("run discovery now for a user's linked home extensions")
      .argument("<userId>", "the user")
      .option("--extension <id>", "only this home extension"),
  ).action(async (userId: string, o: { extension?: string }, command: Command) => {
    const out = outputOf(command);
    const api = managementApi(command);
    const result = await out.progress(
      "discovering",
      api.request<{
        results: { extensionId: string; ok: boolean; devices?: number; error?: string }[];
      }>("POST", path(userId, "/discover"), o.extension ? { extensionId: o.extension } : {}),
    );
    out.result(result, () => {
      if (result.results.length === 0) out.line(`${userId} has no linked home extension`);
      for (const r of result.results)
        out.line(
          r.ok
            ? `${out.c.green("✔")} ${r.extensionId}: ${r.devices} devices`
            : `${out.c.red("✖")} ${r.extensionId}: ${r.error}`,
        );
    });
  });

  withPlatform(
    home
      .command("links")
      .description("link status of every home extension for a user")
      .argument("<userId>", "the user"),
  ).action(async (userId: string, _o: unknown, command: Command) => {
    const out = outputOf(command);
    const api = managementApi(command);
    const view = await api.request<{
      links: {
        extensionId: string;
        linked: boolean;
        devices: number;
        discoveredAt: string | null;
      }[];
    }>("GET", path(userId, "/links"));
    out.result(view, () => {
      for (const l of view.links)
        out.line(
          `${l.extensionId}  ${l.linked ? out.c.green("linked") : out.c.dim("not linked")}  ${l.devices} devices${l.discoveredAt ? out.c.dim(`  discovered ${l.discoveredAt}`) : ""}`,
        );
    });
  });

  withPlatform(
    home
      .command("link")
      .description("print the login URL that links a user's account (open it in a browser)")
      .argument("<userId>", "the user")
      .argument("<extensionId>", "the home extension"),
  ).action(async (userId: string, extensionId: string, _o: unknown, command: Command) => {
    const out = outputOf(command);
    const api = managementApi(command);
    const started = await api.request<{ authorizationUrl: string }>(
      "POST",
      `/api/v1/extensions/${encodeURIComponent(extensionId)}/account-linking/authorize`,
      { userId },
    );
    out.result(started, () => {
      out.line("Open this within 5 minutes and sign in; discovery runs right after:");
      out.line(started.authorizationUrl);
    });
  });

  withPlatform(
    home
      .command("unlink")
      .description("unlink a user's account; their devices of that extension are removed")
      .argument("<userId>", "the user")
      .argument("<extensionId>", "the home extension"),
  ).action(async (userId: string, extensionId: string, _o: unknown, command: Command) => {
    const out = outputOf(command);
    const api = managementApi(command);
    await api.request("DELETE", path(userId, `/links/${encodeURIComponent(extensionId)}`));
    out.result({ userId, extensionId, unlinked: true }, () =>
      out.line(`${out.c.green("✔")} unlinked ${userId} from ${extensionId}`),
    );
  });

  withPlatform(
    home
      .command("notification-key")
      .description("issue (or re-issue) a home extension's notification API key; shown once")
      .argument("<extensionId>", "the home extension"),
  ).action(async (extensionId: string, _o: unknown, command: Command) => {
    const out = outputOf(command);
    const api = managementApi(command);
    const issued = await api.request<{ notificationApiKey: string }>(
      "POST",
      `/api/v1/extensions/${encodeURIComponent(extensionId)}/notification-key`,
    );
    out.result(issued, () => {
      out.line(
        `notification API key of ${extensionId} (shown once; the previous one stops working):`,
      );
      out.line(issued.notificationApiKey);
    });
  });
}
