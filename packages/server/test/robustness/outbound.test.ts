// The outbound policy: extension and account-linking URLs never reach link-local or metadata
// addresses, carry no credentials, stay short; loopback and private networks only when allowed
// (checked at registration, and after DNS on every connection).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { guardedLookup, refusedUrl } from "../../src/cek/outbound-policy.js";
import { loadConfig } from "../../src/config/index.js";
import { type CloverServer, startClover } from "../../src/main.js";
import { tempDir } from "../helpers/platform.js";

const ADMIN = "outbound-admin";

describe("outbound policy", () => {
  let server: CloverServer;
  before(async () => {
    server = await startClover({
      config: loadConfig({
        CLOVER_DATA_DIR: tempDir("clover-outbound-"),
        CLOVER_PORT: "0",
        CLOVER_HOST: "127.0.0.1",
        CLOVER_ADMIN_TOKEN: ADMIN,
        CLOVER_LOG_LEVEL: "silent",
      }),
    });
  });
  after(() => server?.close());

  const register = (overrides: Record<string, unknown>) =>
    fetch(`${server.url}/api/v1/extensions`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify({
        id: `com.example.out${Math.floor(Math.random() * 1e9)}`,
        displayName: "Out",
        endpointUrl: "https://example.com/cek",
        ...overrides,
      }),
    });

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
      const response = await register(doc);
      const body = (await response.json()) as { error: { message: string } };
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.match(body.error.message, new RegExp(field.replace(".", "\\.")));
    });
  }

  it("keeps loopback allowed by default and the embedded examples working", async () => {
    assert.equal((await register({ endpointUrl: "http://127.0.0.1:9/cek" })).status, 201);
  });

  it("refuses loopback and private networks when they are not allowed, after DNS too", async () => {
    const strict = { allowPrivateNetworks: false };
    assert.match(refusedUrl("http://10.1.2.3/", strict) ?? "", /private/);
    assert.match(refusedUrl("http://localhost:8080/", strict) ?? "", /loopback/);
    assert.equal(refusedUrl("https://example.com/", strict), undefined);
    const lookup = guardedLookup(strict);
    const error = await new Promise<Error | null>((resolve) =>
      lookup("localhost", {}, (e) => resolve(e)),
    );
    assert.match(String(error?.message), /outbound policy/);
  });
});
