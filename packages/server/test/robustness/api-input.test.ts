// Malformed URLs and values on the management API are the client's mistake: 400 naming what
// was wrong (before authentication when the URL itself is broken), never a 500.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { CloverServer } from "../../src/main.js";
import { bakeryModel } from "../helpers/models.js";
import { tempDir } from "../helpers/platform.js";
import { baseOver, PROTOCOLS, type Protocol, protocolFetch, startCloverOver } from "./protocols.js";

const ADMIN = "api-input-admin";

/** One request with its target sent as written (a URL parser would normalize it). */
async function raw(
  protocol: Protocol,
  server: CloverServer,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
) {
  const answer = await protocolFetch(protocol, baseOver(protocol, server.url), {
    method,
    path,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  return { status: answer.status, body: answer.text() };
}

for (const protocol of PROTOCOLS)
  describe(`management API input over ${protocol.name}`, () => {
    let server: CloverServer;
    const dataDir = tempDir("clover-api-input-");
    const auth = { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" };

    before(async () => {
      server = await startCloverOver(protocol, dataDir, ADMIN, {
        CLOVER_EXTENSION_NETWORKS: "loopback",
      });
    });
    after(() => server?.close());

    for (const path of [
      "/api/v1/extensions/%E0%A4%A",
      "/api/v1/extensions/%E0%A4%A/health",
      "/api/v1/extensions/%ZZ/recognize",
      "/api/v1/device-activations/%E0%A4%A",
    ]) {
      it(`answers 400 to malformed percent-encoding: ${path}`, async () => {
        const method = path.endsWith("recognize") ? "POST" : "GET";
        const anonymous = await raw(protocol, server, method, path);
        assert.ok([400, 401].includes(anonymous.status), `${anonymous.status} ${anonymous.body}`);
        const answer = await raw(protocol, server, method, path, auth, "{}");
        assert.equal(answer.status, 400, answer.body);
        assert.match(answer.body, /percent-encoding/);
      });
    }

    it("answers 400 to a malformed or huge request target", async () => {
      assert.equal((await raw(protocol, server, "GET", "//[")).status, 400);
      assert.equal(
        (await raw(protocol, server, "GET", `/api/v1/extensions?q=${"x".repeat(10_000)}`)).status,
        400,
      );
    });

    for (const [field, value] of [
      ["timeZone", "Not/AZone"],
      ["timeZone", ""],
      ["timeZone", 42],
      ["referenceTime", "garbage"],
      ["referenceTime", 17],
    ] as const) {
      it(`answers 400 to nlu/recognize with ${field} ${JSON.stringify(value)}`, async () => {
        const response = await protocolFetch(
          protocol,
          `${baseOver(protocol, server.url)}/api/v1/nlu/recognize`,
          {
            method: "POST",
            headers: auth,
            body: JSON.stringify({ model: bakeryModel("en"), text: "order bread", [field]: value }),
          },
        );
        const body = response.json() as { error: { message: string } };
        assert.equal(response.status, 400);
        assert.match(body.error.message, new RegExp(field));
      });
    }

    it("answers 400 to a turn log limit that is not a whole number from 1 to 1000", async () => {
      // It was read as 100 (not a number), 1 (below) or 1000 (above) without a word.
      const ask = (limit: string) =>
        raw(protocol, server, "GET", `/api/v1/conversations?limit=${limit}`, auth);
      for (const limit of ["abc", "-5", "0", "2.5", "1001", "1e3", "99999999999999999999"]) {
        const answer = await ask(limit);
        assert.equal(answer.status, 400, `${limit}: ${answer.body}`);
        assert.match(answer.body, /"invalid_query".*limit: expected a whole number from 1 to 1000/);
      }
      for (const limit of ["1", "1000"]) {
        const answer = await ask(limit);
        assert.equal(answer.status, 200, `${limit}: ${answer.body}`);
      }
    });

    it("accepts a lowercase bearer scheme on the management API", async () => {
      const response = await protocolFetch(
        protocol,
        `${baseOver(protocol, server.url)}/api/v1/extensions`,
        {
          headers: { authorization: `bearer ${ADMIN}` },
        },
      );
      assert.equal(response.status, 200);
    });

    it("caps the utterance length of nlu/recognize with 413", async () => {
      const response = await protocolFetch(
        protocol,
        `${baseOver(protocol, server.url)}/api/v1/nlu/recognize`,
        {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ model: bakeryModel("en"), text: "x".repeat(5000) }),
        },
      );
      assert.equal(response.status, 413);
    });
  });

for (const protocol of PROTOCOLS)
  describe(`identifiers over ${protocol.name}`, () => {
    let server: CloverServer;
    const auth = { authorization: `Bearer ${ADMIN}` };
    before(async () => {
      server = await startCloverOver(protocol, tempDir("clover-ids-"), ADMIN, {
        CLOVER_EXTENSION_NETWORKS: "loopback",
      });
    });
    after(() => server?.close());

    for (const [label, userId] of [
      ["a NUL", "a%00b"],
      ["5,000 characters", "u".repeat(5000)],
      ["a path traversal", "..%2F..%2Fetc%2Fpasswd"],
    ] as const) {
      it(`refuses a user id with ${label} (400)`, async () => {
        const answer = await raw(
          protocol,
          server,
          "PUT",
          `/api/v1/extensions/com.clover.example.dice/users/${userId}`,
          auth,
        );
        assert.equal(answer.status, 400, answer.body);
        assert.match(answer.body, /userId/);
      });
    }

    it("refuses an extension id over 200 characters, which no path could name again (400)", async () => {
      const create = (id: string) =>
        raw(
          protocol,
          server,
          "POST",
          "/api/v1/extensions",
          { ...auth, "content-type": "application/json" },
          JSON.stringify({
            id,
            displayName: "Long",
            endpointUrl: "http://127.0.0.1:9/",
          }),
        );
      const long = await create(`com.${"a".repeat(100_000)}`);
      assert.equal(long.status, 400, long.body.slice(0, 300));
      assert.match(long.body, /id: expected an id in reverse-domain form .*at most 200 characters/);
      assert.match(long.body, /\(100004 characters\)/);
      const fits = `com.${"a".repeat(196)}`;
      assert.equal((await create(fits)).status, 201);
      const removed = await raw(protocol, server, "DELETE", `/api/v1/extensions/${fits}`, auth);
      assert.equal(removed.status, 204, removed.body);
    });

    it("accepts an ordinary user id", async () => {
      const answer = await raw(
        protocol,
        server,
        "PUT",
        "/api/v1/extensions/com.clover.example.dice/users/U-123",
        auth,
      );
      assert.equal(answer.status, 200, answer.body);
    });
  });
