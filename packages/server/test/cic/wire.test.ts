// The wire format checked with independent clients: curl (libcurl + nghttp2) over h2c, and
// TLS with ALPN h2 using a throwaway self-signed certificate.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { DeviceClient, logIn, parseMultipart } from "@clover/device";
import { testTls } from "../helpers/tls.js";
import { type Harness, startHarness } from "./harness.js";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "clover-cic-"));

async function curl(args: string[]): Promise<void> {
  try {
    await run("curl", ["-sS", "--http2-prior-knowledge", ...args], { timeout: 15_000 });
  } catch (error) {
    // Exit 28 = --max-time reached: expected, the downchannel never ends on its own.
    if ((error as { code?: number }).code !== 28) throw error;
  }
}

after(() => rmSync(dir, { recursive: true, force: true }));

describe("CIC wire format with curl over h2c", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it("gets Clova.Hello on the downchannel and directives for an event on the same connection", async () => {
    const tokens = await logIn(h.identity());
    const metadata = {
      context: [
        {
          header: { namespace: "Speaker", name: "VolumeState" },
          payload: { volume: 4, muted: false },
        },
      ],
      event: {
        header: {
          namespace: "TextRecognizer",
          name: "Recognize",
          messageId: "m-1",
          dialogRequestId: "d-curl",
        },
        payload: { text: "say from curl" },
      },
    };
    writeFileSync(join(dir, "metadata.json"), JSON.stringify(metadata));
    const auth = `Authorization: Bearer ${tokens.access_token}`;
    await curl([
      "--parallel",
      "--max-time",
      "3",
      "-H",
      auth,
      "-D",
      join(dir, "dc.headers"),
      "-o",
      join(dir, "dc.body"),
      `${h.url}/v1/directives`,
      "--next",
      "-H",
      auth,
      "-F",
      `metadata=@${join(dir, "metadata.json")};type=application/json`,
      "-D",
      join(dir, "ev.headers"),
      "-o",
      join(dir, "ev.body"),
      `${h.url}/v1/events`,
    ]);
    const dcHeaders = readFileSync(join(dir, "dc.headers"), "utf8");
    assert.match(dcHeaders, /^HTTP\/2 200/);
    const dcBoundary = /boundary=([^\s;]+)/.exec(dcHeaders)?.[1];
    assert.ok(dcBoundary);
    const hello = parseMultipart(readFileSync(join(dir, "dc.body")), dcBoundary);
    assert.equal(JSON.parse(hello[0]!.body.toString()).directive.header.name, "Hello");

    const evHeaders = readFileSync(join(dir, "ev.headers"), "utf8");
    assert.match(evHeaders, /^HTTP\/2 200/);
    assert.match(evHeaders, /content-type: multipart\/related; boundary=/);
    const evBoundary = /boundary=([^\s;]+)/.exec(evHeaders)![1]!;
    const parts = parseMultipart(readFileSync(join(dir, "ev.body")), evBoundary);
    const directive = JSON.parse(parts[0]!.body.toString()).directive;
    assert.equal(directive.header.name, "RenderText");
    assert.equal(directive.header.dialogRequestId, "d-curl");
    assert.equal(directive.payload.text, "from curl");
  });

  it("answers GET /ping with 204 and a bad token with 401 and a System.Exception", async () => {
    const tokens = await logIn(h.identity());
    const { stdout } = await run("curl", [
      "-sS",
      "--http2-prior-knowledge",
      "-o",
      "/dev/null",
      "-w",
      "%{http_code}",
      "-H",
      `Authorization: Bearer ${tokens.access_token}`,
      `${h.url}/ping`,
    ]);
    assert.equal(stdout, "204");
    const bad = await run("curl", [
      "-sS",
      "--http2-prior-knowledge",
      "-i",
      "-H",
      "Authorization: Bearer nope",
      `${h.url}/v1/directives`,
    ]);
    assert.match(bad.stdout, /^HTTP\/2 401/);
    assert.match(bad.stdout, /"name":"Exception".*"code":401/);
  });
});

describe("CIC over TLS with ALPN h2", () => {
  let h: Harness;
  let cert: string;
  before(async () => {
    const tls = testTls();
    cert = tls.cert;
    writeFileSync(join(dir, "cert.pem"), cert); // for curl --cacert
    h = await startHarness({ tls });
  });
  after(() => h.close());

  it("serves the auth API over HTTPS/1.1 and CIC over h2 on one port", async () => {
    const base = h.url.replace("http:", "https:");
    const identity = { ...h.identity(), url: base };
    const code = await run("curl", [
      "-sS",
      "--cacert",
      join(dir, "cert.pem"),
      "--http1.1",
      `${base}/authorize?client_id=${identity.clientId}&device_id=${identity.deviceId}&model_id=T-1&response_type=code&state=s1&request_vu=Y`,
    ]);
    const codeBody = JSON.parse(code.stdout);
    assert.equal(codeBody.state, "s1");
    const token = await run("curl", [
      "-sS",
      "--cacert",
      join(dir, "cert.pem"),
      "--http1.1",
      "-X",
      "POST",
      "-d",
      `grant_type=authorization_code&client_id=${identity.clientId}&client_secret=${identity.clientSecret}&code=${codeBody.code}&device_id=${identity.deviceId}&model_id=T-1`,
      `${base}/token`,
    ]);
    const tokens = JSON.parse(token.stdout);
    assert.equal(tokens.token_type, "Bearer");
    const client = new DeviceClient({
      url: base,
      accessToken: tokens.access_token,
      tls: { ca: cert },
    });
    try {
      const hello = await client.openDownchannel();
      assert.equal(hello.header.name, "Hello");
      assert.equal(client.connect().alpnProtocol, "h2");
      const answer = await client.sendText("say over tls");
      assert.equal(answer.directives[0]?.payload["text"], "over tls");
    } finally {
      client.close();
    }
  });
});
