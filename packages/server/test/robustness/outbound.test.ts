// The outbound policy (docs/security.md "Outbound policy"): extension and account-linking URLs
// never reach link-local or metadata addresses, carry no credentials and stay short; the
// server's default refuses loopback and private networks (CLOVER_EXTENSION_NETWORKS widens it),
// the embedded examples work whatever the policy, and a name that resolves to a refused
// address is refused when it is called, not only when it is registered.
import assert from "node:assert/strict";
import { lookup } from "node:dns/promises";
import { createServer, type Server } from "node:http";
import { hostname } from "node:os";
import { after, before, describe, it } from "node:test";
import { addressClass, OutboundGuard } from "../../src/cek/outbound-policy.js";
import { ConfigError, loadConfig } from "../../src/config/index.js";
import type { CloverServer } from "../../src/main.js";
import { answer, startExtension } from "../helpers/extension-server.js";
import { bakeryModel } from "../helpers/models.js";
import { register, say, startPlatform, tempDir } from "../helpers/platform.js";
import {
  baseOver,
  PROTOCOLS,
  type ProtocolDevice,
  protocolFetch,
  registerDevice,
  startCloverOver,
} from "./protocols.js";

const ADMIN = "outbound-admin";

/** This machine's name and the address it resolves to (loopback or a private network). */
async function localName() {
  const name = hostname();
  const { address } = await lookup(name);
  return { name, address, kind: addressClass(address) };
}

for (const protocol of PROTOCOLS)
  describe(`outbound policy over ${protocol.name}: the server's default (public addresses only)`, () => {
    let server: CloverServer;
    let device: ProtocolDevice;
    before(async () => {
      server = await startCloverOver(protocol, tempDir("clover-outbound-"), ADMIN);
      assert.equal(server.platform.registry.get("com.clover.example.dice") !== undefined, true);
      ({ device } = await registerDevice(protocol, server.url, ADMIN, {
        name: "speaker",
        deviceId: "outbound-1",
        modelId: "KS-1",
      }));
      await device.openDownchannel();
    });
    after(async () => {
      device?.close();
      await server?.close();
    });

    const post = (path: string, body: unknown) =>
      protocolFetch(protocol, `${baseOver(protocol, server.url)}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const register = (overrides: Record<string, unknown>) =>
      post("/api/v1/extensions", {
        id: `com.example.out${Math.floor(Math.random() * 1e9)}`,
        displayName: "Out",
        endpointUrl: "https://example.com/cek",
        ...overrides,
      });
    const refusal = async (overrides: Record<string, unknown>) => {
      const response = await register(overrides);
      const body = (await response.json()) as { error: { message: string } };
      assert.equal(response.status, 400, JSON.stringify(body));
      return body.error.message;
    };

    for (const [label, doc, field] of [
      ["metadata IPv4", { endpointUrl: "http://169.254.169.254/latest/meta-data" }, "endpointUrl"],
      [
        "metadata IPv4-mapped IPv6",
        { endpointUrl: "http://[::ffff:169.254.169.254]/" },
        "endpointUrl",
      ],
      ["metadata as a decimal number", { endpointUrl: "http://2852039166/" }, "endpointUrl"],
      [
        "metadata name",
        { endpointUrl: "http://metadata.google.internal/computeMetadata/v1/" },
        "endpointUrl",
      ],
      ["IPv6 link-local", { endpointUrl: "http://[fe80::1]/" }, "endpointUrl"],
      ["credentials in the URL", { endpointUrl: "https://user:pass@example.com/" }, "endpointUrl"],
      ["a 20 KB URL", { endpointUrl: `https://example.com/${"a".repeat(20_000)}` }, "endpointUrl"],
      [
        "account linking to metadata",
        {
          accountLinking: {
            authorizationUrl: "https://example.com/auth",
            accessTokenUri: "http://169.254.169.254/token",
            clientId: "c",
            clientSecret: "s",
          },
        },
        "accountLinking.accessTokenUri",
      ],
      ["markup in the display name", { displayName: "<script>alert(1)</script>" }, "displayName"],
      ["a NUL in the display name", { displayName: "a\u0000b" }, "displayName"],
    ] as const) {
      it(`refuses ${label} with 400 naming ${field}`, async () => {
        assert.match(await refusal(doc), new RegExp(field.replace(".", "\\.")));
      });
    }

    for (const url of [
      "http://127.0.0.1:9/cek",
      "http://127.1:9/",
      "http://localhost:9/",
      "http://LOCALHOST.:9/",
      "http://[::1]:9/",
      "http://[::ffff:127.0.0.1]/",
      "http://0x7f000001/",
    ])
      it(`refuses the loopback ${url}, naming the address kind and the setting`, async () => {
        assert.match(
          await refusal({ endpointUrl: url }),
          /^endpointUrl: .* is a loopback address, refused by the outbound policy \(CLOVER_EXTENSION_NETWORKS=public\); set CLOVER_EXTENSION_NETWORKS=loopback/,
        );
      });

    for (const url of ["http://10.1.2.3/", "http://192.168.0.10/", "http://[fd00::1]/"])
      it(`refuses the private-network ${url}, naming the setting`, async () => {
        assert.match(
          await refusal({ endpointUrl: url }),
          /private-network address.*CLOVER_EXTENSION_NETWORKS=private/,
        );
      });

    it("refuses account-linking URLs on loopback the same way", async () => {
      const message = await refusal({
        accountLinking: {
          authorizationUrl: "https://example.com/auth",
          accessTokenUri: "http://localhost:8080/token",
          clientId: "c",
          clientSecret: "s",
        },
      });
      assert.match(message, /^accountLinking\.accessTokenUri: localhost is a loopback address/);
    });

    it("still runs the embedded examples (dice, and the home example with its account linking)", async () => {
      const light = await device.sendText("turn on the kitchen light");
      const said = light.directives.find((d) => d.header.name === "RenderText")?.payload["text"];
      assert.equal(said, "Turned on the kitchen light.");
      const rolled = await device.sendText("ask dice to roll two dice");
      const text = String(
        rolled.directives.find((d) => d.header.name === "RenderText")?.payload["text"],
      );
      assert.match(text, /\d/, text);
    });

    it("refuses at call time a name that resolves to a refused address (no request leaves)", async () => {
      const local = await localName();
      assert.ok(["loopback", "private"].includes(local.kind), `${local.name} → ${local.address}`);
      const extension = await startExtension(() => ({ body: answer("reached") }), undefined, "::");
      const port = new URL(extension.url).port;
      try {
        const created = await register({
          id: "com.example.byname",
          endpointUrl: `http://${local.name}:${port}/cek`,
          invocationNames: { en: { main: "bakery bot" } },
          models: { en: bakeryModel("en") },
        });
        assert.equal(created.status, 201, await created.text());
        const turn = await device.sendText("ask bakery bot what time you open");
        const said = String(
          turn.directives.find((d) => d.header.name === "RenderText")?.payload["text"],
        );
        assert.doesNotMatch(said, /reached/);
        assert.equal(extension.received.length, 0);
      } finally {
        await extension.close();
      }
    });

    it("refuses a token endpoint by name at call time too (account linking)", async () => {
      const local = await localName();
      let calls = 0;
      const tokenServer: Server = createServer((_req, res) => {
        calls++;
        res.writeHead(200, { "content-type": "application/json" }).end('{"access_token":"t"}');
      });
      await new Promise<void>((resolve) => tokenServer.listen(0, "::", resolve));
      const port = (tokenServer.address() as { port: number }).port;
      try {
        const id = "com.example.linkbyname";
        const created = await register({
          id,
          accountLinking: {
            authorizationUrl: "https://example.com/auth",
            accessTokenUri: `http://${local.name}:${port}/token`,
            clientId: "c",
            clientSecret: "s",
          },
        });
        assert.equal(created.status, 201, await created.text());
        const started = await post(`/api/v1/extensions/${id}/account-linking/authorize`, {
          userId: "U-outbound",
        });
        const { state } = (await started.json()) as { state: string };
        const redirect = await protocolFetch(
          protocol,
          `${baseOver(protocol, server.url)}/v1/al/token/?state=${state}&code=abc`,
        );
        const body = (await redirect.json()) as { error: { message: string } };
        assert.equal(redirect.status, 400);
        assert.match(body.error.message, /outbound policy/);
        assert.equal(calls, 0);
      } finally {
        tokenServer.closeAllConnections();
        await new Promise<void>((resolve) => tokenServer.close(() => resolve()));
      }
    });
  });

describe("outbound policy: CLOVER_EXTENSION_NETWORKS", () => {
  it("answers the same URL the same way each time, until an origin becomes trusted", () => {
    const guard = new OutboundGuard({ networks: "public" });
    const url = "http://127.0.0.1:4312/cek";
    for (let i = 0; i < 3; i++) assert.match(guard.refused(url) ?? "", /loopback address/);
    assert.equal(guard.refused("https://example.com/cek"), undefined);
    guard.trust("http://127.0.0.1:4312");
    assert.equal(guard.refused(url), undefined, "the remembered refusal is forgotten");
    assert.match(guard.refused("http://127.0.0.1:4313/cek") ?? "", /loopback address/);
    assert.match(guard.refused("http://169.254.169.254/") ?? "", /link-local/);
  });

  it("reads public, loopback and private, and the older boolean", () => {
    const networks = (env: Record<string, string>, argv: string[] = []) =>
      loadConfig(env, argv).cek.extensionNetworks;
    assert.equal(networks({}), "public");
    assert.equal(networks({ CLOVER_EXTENSION_NETWORKS: "loopback" }), "loopback");
    assert.equal(networks({}, ["--extension-networks", "private"]), "private");
    assert.equal(networks({ CLOVER_EXTENSION_PRIVATE_NETWORKS: "true" }), "private");
    assert.equal(networks({ CLOVER_EXTENSION_PRIVATE_NETWORKS: "false" }), "public");
    assert.equal(
      networks({ CLOVER_EXTENSION_PRIVATE_NETWORKS: "true", CLOVER_EXTENSION_NETWORKS: "public" }),
      "public",
    );
    assert.equal(
      loadConfig({}, [], { extensionNetworks: "loopback" }).cek.extensionNetworks,
      "loopback",
    );
    assert.throws(
      () => networks({ CLOVER_EXTENSION_NETWORKS: "everything" }),
      (e: unknown) => e instanceof ConfigError && /CLOVER_EXTENSION_NETWORKS/.test(String(e)),
    );
  });

  it("loopback: this machine is reachable, private networks and metadata are not", async () => {
    const platform = await startPlatform({ cek: { extensionNetworks: "loopback" } });
    try {
      const doc = (endpointUrl: string) => ({
        id: `com.example.lo${Math.floor(Math.random() * 1e9)}`,
        displayName: "Lo",
        endpointUrl,
      });
      for (const url of ["http://127.0.0.1:9/", "http://localhost:9/", "http://[::1]:9/"])
        assert.equal((await platform.api("POST", "/api/v1/extensions", doc(url))).status, 201);
      const privateNet = await platform.api("POST", "/api/v1/extensions", doc("http://10.0.0.5/"));
      assert.equal(privateNet.status, 400);
      assert.match(JSON.stringify(privateNet.body), /CLOVER_EXTENSION_NETWORKS=private/);
      const metadata = await platform.api(
        "POST",
        "/api/v1/extensions",
        doc("http://169.254.169.254/"),
      );
      assert.equal(metadata.status, 400);
    } finally {
      await platform.close();
    }
  });

  it("private: a name resolving to this machine is called (the control of the call-time check)", async () => {
    const local = await localName();
    const platform = await startPlatform({ cek: { extensionNetworks: "private" } });
    const extension = await startExtension(() => ({ body: answer("reached") }), undefined, "::");
    try {
      await register(platform, {
        id: "com.example.byname",
        displayName: "By name",
        endpointUrl: `http://${local.name}:${new URL(extension.url).port}/cek`,
        invocationNames: { en: { main: "bakery bot" } },
        models: { en: bakeryModel("en") },
      });
      const result = await platform.assistant.handleTurn(say("ask bakery bot when you open"));
      assert.equal(extension.received.length, 1);
      assert.match(JSON.stringify(result), /reached/);
    } finally {
      await extension.close();
      await platform.close();
    }
  });
});
