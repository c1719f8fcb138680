// The console handler over a real HTTP server: content types, client-route fallback, caching,
// the 503 page without a build, and paths that must not escape dist/.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createConsoleHandler } from "../src/index.js";

async function serve(distDir: string): Promise<{ server: Server; url: string }> {
  const handler = createConsoleHandler({ distDir });
  const server = createServer((req, res) => {
    if (!handler(req, res)) res.writeHead(418).end("not the console");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("console handler", () => {
  const dist = mkdtempSync(join(tmpdir(), "clover-console-dist-"));
  const empty = mkdtempSync(join(tmpdir(), "clover-console-empty-"));
  let built: { server: Server; url: string };
  let unbuilt: { server: Server; url: string };

  before(async () => {
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>console</title>");
    writeFileSync(join(dist, "assets", "index-abc123.js"), "console.log(1)");
    writeFileSync(join(dist, "assets", "index-abc123.css"), "body{}");
    writeFileSync(join(dist, "favicon.svg"), "<svg/>");
    writeFileSync(join(tmpdir(), "clover-console-secret.txt"), "secret");
    built = await serve(dist);
    unbuilt = await serve(empty);
  });

  after(() => {
    built.server.close();
    unbuilt.server.close();
    rmSync(dist, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it("serves hashed assets with their type and a long cache", async () => {
    const js = await fetch(`${built.url}/console/assets/index-abc123.js`);
    assert.equal(js.status, 200);
    assert.equal(js.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.match(js.headers.get("cache-control") ?? "", /max-age=31536000, immutable/);
    assert.equal(await js.text(), "console.log(1)");
    const css = await fetch(`${built.url}/console/assets/index-abc123.css`);
    assert.equal(css.headers.get("content-type"), "text/css; charset=utf-8");
    const svg = await fetch(`${built.url}/console/favicon.svg`);
    assert.equal(svg.headers.get("content-type"), "image/svg+xml");
    assert.equal(svg.headers.get("cache-control"), "no-cache");
  });

  it("answers client routes with index.html, revalidated each time", async () => {
    for (const path of [
      "/console/",
      "/console/simulator",
      "/console/extensions/com.example.x/models/en",
      // A reload of an extension page: the dots in the id are no file extension.
      "/console/extensions/com.example.unitconverter",
    ]) {
      const response = await fetch(`${built.url}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
      assert.equal(response.headers.get("cache-control"), "no-cache");
      assert.match(await response.text(), /<title>console<\/title>/);
    }
  });

  it("redirects /console to /console/ and leaves other paths alone", async () => {
    const bare = await fetch(`${built.url}/console?x=1`, { redirect: "manual" });
    assert.equal(bare.status, 308);
    assert.equal(bare.headers.get("location"), "/console/?x=1");
    assert.equal((await fetch(`${built.url}/consoles`)).status, 418);
    assert.equal((await fetch(`${built.url}/api/v1/extensions`)).status, 418);
  });

  it("404s a missing file, never escapes dist, refuses writes", async () => {
    const missing = await fetch(`${built.url}/console/assets/nope-123.js`);
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /nope-123\.js/);
    const outside = await fetch(`${built.url}/console/..%2f..%2fclover-console-secret.txt`);
    assert.notEqual(outside.status, 200);
    assert.doesNotMatch(await outside.text(), /secret/);
    const post = await fetch(`${built.url}/console/`, { method: "POST", body: "x" });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("allow"), "GET, HEAD");
  });

  it("answers HEAD without a body", async () => {
    const head = await fetch(`${built.url}/console/assets/index-abc123.js`, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get("content-length"), "14");
    assert.equal(await head.text(), "");
  });

  it("explains how to build when dist is missing", async () => {
    const response = await fetch(`${unbuilt.url}/console/simulator`);
    assert.equal(response.status, 503);
    assert.match(await response.text(), /npm run build -w @clover\/console/);
  });
});
