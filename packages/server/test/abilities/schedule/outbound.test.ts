// CalDAV account URLs under the platform's outbound policy (CLOVER_EXTENSION_NETWORKS, the same
// as extension endpoints): checked when connected through the management API (400 naming
// `url`), on every redirect, after DNS, and again at call time; credentials never in URLs nor
// sent to another origin; every call with a deadline and a size limit. A real Radicale on
// loopback, platforms with the policy at "loopback" and at "public".
import assert from "node:assert/strict";
import { lookup } from "node:dns/promises";
import { readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { calDavFetch } from "../../../src/abilities/schedule/caldav.js";
import { CalendarError } from "../../../src/abilities/schedule/calendar.js";
import { OutboundGuard } from "../../../src/cek/outbound-policy.js";
import { describeWait, stopwatch } from "../../helpers/cpu-wait.js";
import { tempDir } from "../../helpers/platform.js";
import { makeCalendar, type Radicale, startRadicale } from "../../helpers/radicale.js";
import { type CicSchedule, startCicSchedule } from "./cic.js";

const NOW = Date.UTC(2026, 11, 4, 9, 0, 0);

interface ApiError {
  error: { code: string; message: string; issues?: { path: string }[] };
}

/** A local HTTP server answering with `answer`; records the headers it was sent. */
async function local(
  answer: (
    req: import("node:http").IncomingMessage,
    res: import("node:http").ServerResponse,
  ) => void,
) {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    answer(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

/** A name other than localhost that this machine's resolver maps to loopback, if any. */
async function loopbackName(): Promise<string | undefined> {
  let hosts = "";
  try {
    hosts = readFileSync("/etc/hosts", "utf8");
  } catch {}
  const names = hosts
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim().split(/\s+/))
    .filter(([address]) => address?.startsWith("127.") || address === "::1")
    .flatMap(([, ...rest]) => rest)
    .filter((n) => n && n !== "localhost" && !n.endsWith(".localhost"));
  for (const name of [...names, "ip6-localhost", "ip6-loopback"]) {
    const found = await lookup(name).catch(() => undefined);
    if (found && (found.address.startsWith("127.") || found.address === "::1")) return name;
  }
  return undefined;
}

describe("CalDAV URLs under the outbound policy", () => {
  let radicale: Radicale;
  let calendarUrl: string;
  let loopback: CicSchedule;
  let publicOnly: CicSchedule;
  const dataDir = tempDir("clover-caldav-policy-");

  before(async () => {
    radicale = await startRadicale({ alice: "wonderland" });
    calendarUrl = await makeCalendar(radicale, "alice", "personal");
    loopback = await startCicSchedule(NOW, { CLOVER_DATA_DIR: dataDir });
  });
  after(async () => {
    await loopback?.close();
    await publicOnly?.close();
    await radicale?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const connect = (cic: CicSchedule, user: string, url: string, password = "wonderland") =>
    cic.admin(
      "PUT",
      `/api/v1/users/${user}/calendar`,
      JSON.stringify({ url, username: "alice", password }),
    );

  async function refusedAt(response: Response, status: number, message: RegExp) {
    const body = (await response.json()) as ApiError;
    assert.equal(response.status, status, JSON.stringify(body));
    assert.match(body.error.message, message);
    return body;
  }

  it("refuses link-local, metadata, credentials and over-long URLs whatever the policy (400 naming url)", async () => {
    for (const [url, why] of [
      ["http://169.254.169.254/latest/", /link-local/],
      ["http://[::ffff:169.254.169.254]/", /link-local/],
      ["http://metadata.google.internal/computeMetadata/", /metadata/],
      [`http://alice:wonderland@127.0.0.1:${radicale.port}/alice/personal/`, /credentials/],
      [`http://127.0.0.1:${radicale.port}/${"x".repeat(4000)}`, /longer than 2048/],
    ] as const) {
      const body = await refusedAt(await connect(loopback, "U-always", url), 400, why);
      assert.match(body.error.message, /^url: refused by the outbound policy/);
      assert.deepEqual(
        body.error.issues?.map((d) => d.path),
        ["/url"],
      );
    }
  });

  it("loopback policy: connects to Radicale on 127.0.0.1", async () => {
    const answer = await connect(loopback, "U-loop", calendarUrl);
    assert.equal(answer.status, 200, await answer.clone().text());
    assert.equal(((await answer.json()) as { kind: string }).kind, "caldav");
  });

  it("loopback policy: a redirect to a metadata address is refused before it is followed", async () => {
    const redirecting = await local((_req, res) =>
      res.writeHead(301, { location: "http://169.254.169.254/calendars/" }).end(),
    );
    try {
      const body = await refusedAt(
        await connect(loopback, "U-redirect", `${redirecting.url}/dav/`),
        400,
        /the redirect to http:\/\/169\.254\.169\.254: refused by the outbound policy: .*link-local/,
      );
      assert.equal(body.error.code, "calendar_refused");
    } finally {
      await redirecting.close();
    }
  });

  it("credentials are never sent across a redirect to another origin", async () => {
    const elsewhere = await local((_req, res) => res.writeHead(404).end());
    const redirecting = await local((_req, res) =>
      res.writeHead(307, { location: `${elsewhere.url}/dav/` }).end(),
    );
    try {
      const answer = await connect(loopback, "U-cross", `${redirecting.url}/dav/`);
      assert.notEqual(answer.status, 200);
      assert.ok(redirecting.seen.length > 0);
      assert.ok(redirecting.seen.every((h) => h.authorization?.startsWith("Basic ")));
      assert.ok(elsewhere.seen.length > 0, "the redirect was followed");
      assert.ok(
        elsewhere.seen.every((h) => h.authorization === undefined),
        "no credentials to another origin",
      );
    } finally {
      await redirecting.close();
      await elsewhere.close();
    }
  });

  it("public policy: refuses Radicale's loopback URL at registration, naming the setting", async () => {
    // The same data as the loopback platform: its stored account is checked again below.
    await loopback.close();
    loopback = undefined as never;
    publicOnly = await startCicSchedule(NOW, {
      CLOVER_DATA_DIR: dataDir,
      CLOVER_EXTENSION_NETWORKS: "public",
    });
    for (const url of [calendarUrl, `http://localhost:${radicale.port}/alice/personal/`]) {
      const body = await refusedAt(
        await connect(publicOnly, "U-public", url),
        400,
        /url: refused by the outbound policy: .*loopback address.*CLOVER_EXTENSION_NETWORKS=public/,
      );
      assert.equal(body.error.code, "invalid_body");
    }
  });

  it("public policy: an account connected earlier is refused at call time", async () => {
    const answer = await publicOnly.admin(
      "GET",
      "/api/v1/users/U-loop/events?from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z",
    );
    const body = await refusedAt(answer, 400, /url: refused by the outbound policy: .*loopback/);
    assert.equal(body.error.code, "calendar_refused");
  });

  it("public policy: a name that resolves to loopback is refused after DNS", async (t) => {
    const name = await loopbackName();
    if (!name) return t.skip("no name other than localhost resolves to loopback here");
    const body = await refusedAt(
      await connect(publicOnly, "U-dns", `http://${name}:${radicale.port}/alice/personal/`),
      400,
      new RegExp(`url: outbound policy: ${name}: .*loopback`),
    );
    assert.equal(body.error.code, "calendar_refused");
  });
});

describe("every CalDAV call has a deadline and a size limit", () => {
  const guard = new OutboundGuard({ networks: "loopback" });
  const account = (url: string) => ({ url, username: "alice", password: "wonderland" });
  const limits = { timeoutMs: 500, loadTimeoutMs: 500, maxResponseBytes: 64 * 1024 };

  it("a server that never answers fails at the deadline", async () => {
    const silent = await local(() => {});
    try {
      const watch = stopwatch();
      await assert.rejects(
        calDavFetch(account(silent.url), limits, guard)(`${silent.url}/dav/`),
        (error: unknown) =>
          error instanceof CalendarError &&
          error.code === "unreachable" &&
          /no answer within 500 ms/.test(error.message),
      );
      assert.ok(watch.ownMs() < 3000, describeWait(watch.elapsedMs(), watch.waitedMs()));
    } finally {
      await silent.close();
    }
  });

  it("a body that stops half-way fails at the deadline", async () => {
    const stalling = await local((_req, res) => {
      res.writeHead(207, { "content-type": "application/xml" });
      res.write("<d:multistatus>");
    });
    try {
      await assert.rejects(
        calDavFetch(account(stalling.url), limits, guard)(`${stalling.url}/dav/`),
        (error: unknown) =>
          error instanceof CalendarError &&
          /did not finish its answer within 500 ms/.test(error.message),
      );
    } finally {
      await stalling.close();
    }
  });

  it("an answer over the size limit is refused, declared or not", async () => {
    const huge = await local((req, res) => {
      if (req.url === "/declared") res.writeHead(207, { "content-length": String(1 << 20) });
      else res.writeHead(207);
      res.end(Buffer.alloc(1 << 20, 0x20));
    });
    try {
      for (const path of ["/declared", "/chunked"])
        await assert.rejects(
          calDavFetch(account(huge.url), limits, guard)(`${huge.url}${path}`),
          (error: unknown) =>
            error instanceof CalendarError &&
            error.code === "invalid" &&
            /more than 65536/.test(error.message),
        );
    } finally {
      await huge.close();
    }
  });
});
