// What `clover serve` prints once it listens: the addresses, what is off and how to add it,
// and the admin token (or, on later starts, where it is and how to replace it).
import type { Output } from "../core/output.js";
import { readSettings, settingsFile } from "../core/settings.js";
import { TURN_LOG_PATH } from "./turn-log.js";

export interface BannerInfo {
  url: string;
  port: number;
  data: string;
  extensions: string[];
  /** Where extension calls may go (the outbound policy), one line. */
  outbound: string;
  speech: { tts: boolean; asr: boolean; notes: string[] };
  token: TokenNote;
}

export interface TokenNote {
  /** Set only on the start that generated it. */
  value?: string;
  /** One line: where the token is, or how to get a new one. */
  note: string;
}

/** The admin-token line of the banner. */
export function tokenNote(url: string, generated: string | undefined, saved: boolean): TokenNote {
  const file = settingsFile();
  if (generated)
    return {
      value: generated,
      note: saved
        ? `shown only this once; saved in ${file} for ${url}, where clover commands find it`
        : "shown only this once (not saved: --no-save-token)",
    };
  if (process.env["CLOVER_ADMIN_TOKEN"])
    return { note: "set by CLOVER_ADMIN_TOKEN (or --admin-token)" };
  const known = readSettings().adminTokens?.[url];
  return known
    ? { note: `saved in ${file} for ${url} (clover commands use it)` }
    : {
        note: "made on an earlier start and not kept here; for a new one: clover serve --rotate-admin-token",
      };
}

export function printBanner(out: Output, info: BannerInfo): void {
  const { url } = info;
  const data = {
    url,
    port: info.port,
    cic: `${url}/v1/directives`,
    auth: `${url}/authorize`,
    managementApi: `${url}/api/v1`,
    turnLog: `${url}${TURN_LOG_PATH}`,
    console: `${url}/console/`,
    publicKey: `${url}/.well-known/signature-public-key.pem`,
    extensions: info.extensions,
    extensionCalls: info.outbound,
    speech: info.speech,
    ...(info.token.value ? { adminToken: info.token.value } : {}),
    adminTokenNote: info.token.note,
  };
  out.result(data, () => {
    const c = out.c;
    out.line(`${c.green("●")} Clover is listening on ${c.bold(url)}`);
    out.line(`  console            ${c.bold(data.console)}`);
    out.line(`  CIC (devices)      ${data.cic}  (events: ${url}/v1/events)`);
    out.line(`  auth API           ${data.auth}, ${url}/token`);
    out.line(`  management API     ${data.managementApi}`);
    out.line(`  turn log           ${data.turnLog}  (clover chat --verbose)`);
    out.line(`  signing public key ${data.publicKey}`);
    out.line(`  data               ${info.data}`);
    out.line(`  extensions         ${info.extensions.join(", ") || "none"}`);
    out.line(`  extension calls    ${info.outbound}`);
    const voice = [info.speech.asr ? "recognition" : "", info.speech.tts ? "synthesis" : ""]
      .filter(Boolean)
      .join(" and ");
    out.line(`  speech             ${voice || "off (text only)"}`);
    for (const note of info.speech.notes) out.line(`  ${c.yellow("!")} ${note}`);
    out.line("");
    if (info.token.value) out.line(`  admin token ${c.bold(info.token.value)}`);
    else out.line("  admin token");
    out.line(c.dim(`  ${info.token.note}`));
    out.line("");
    out.line(`  try it: ${c.bold('npx clover chat "ask dice to roll two dice"')}   Ctrl-C stops`);
  });
}
