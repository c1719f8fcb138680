// The extensions of the home benchmark, in their own process (own core), both on the SDK with
// signature verification: a custom extension ("bakery bot") at /custom, a Clova Home extension
// at /home and its token endpoint at /oauth/token. The access token names the home:
//   "small"  a kitchen light, a bedroom lamp, a plug (the home turn)
//   "big"    500 appliances in 50 rooms (recognition)
//   "group"  20 hall lights, each answering after its own delay (the group command)
// The parent sends { publicKey } and gets { port } back.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApplianceInfoObject } from "@clover/protocol";
import {
  createExtension,
  createHomeExtension,
  toHomeNodeListener,
  toNodeListener,
} from "../../packages/sdk/src/index.js";
import { bigHome, groupDelays, groupHome, smallHome } from "./homes.js";

const { publicKey } = await new Promise<{ publicKey: string }>((resolve) =>
  process.once("message", (m) => resolve(m as { publicKey: string })),
);
const verification = { publicKey };

const custom = createExtension({ verification, allowMissingApplicationId: true })
  .onIntent("StoreHours", (ctx) => {
    ctx.say("We open at seven.").endSession();
  })
  .onIntent("OrderBread", (ctx) => {
    ctx.say("One loaf, coming up.").endSession();
  });

const homes: Record<string, ApplianceInfoObject[]> = {
  small: smallHome(),
  big: bigHome(),
  group: groupHome(),
};
const delays = groupDelays();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const home = createHomeExtension({ verification })
  .onDiscover((req) => ({
    discoveredAppliances: homes[req.payload.accessToken] ?? [],
    customCommands: [],
  }))
  .on(["TurnOnRequest", "TurnOffRequest"], async (req) => {
    const delay = delays.get(req.payload.appliance.applianceId);
    if (delay) await sleep(delay);
    return {};
  });

const customListener = toNodeListener(custom);
const homeListener = toHomeNodeListener(home);

const server = createServer((req, res) => {
  if (req.url === "/custom") return customListener(req, res);
  if (req.url === "/home") return homeListener(req, res);
  if (req.url === "/oauth/token") {
    // Authorization code = the home's name; the token is the same word (no expiry).
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const form = new URLSearchParams(body);
      const code = form.get("code") ?? form.get("refresh_token") ?? "";
      const text = JSON.stringify({
        access_token: code,
        refresh_token: code,
        token_type: "Bearer",
      });
      res.writeHead(200, { "content-type": "application/json" }).end(text);
    });
    return;
  }
  res.writeHead(404).end();
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () =>
  process.send?.({ port: (server.address() as AddressInfo).port }),
);
process.on("disconnect", () => process.exit(0));
