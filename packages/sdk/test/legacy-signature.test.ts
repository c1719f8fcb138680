// The optional 2018 scheme (§2.6): a certificate chain from the platform's URL, SHA-1.
import "reflect-metadata"; // needed by @peculiar/x509's dependency injection
import assert from "node:assert/strict";
import { createPrivateKey, type KeyObject, sign, webcrypto } from "node:crypto";
import { before, describe, it } from "node:test";
import * as x509 from "@peculiar/x509";
import { createExtension, requests } from "../src/index.js";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
const algorithm = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const HOST = "cek-requests.clova.ai";
const URL_BASE = "https://cek-requests.clova.ai/cek/";
const DAY = 24 * 60 * 60 * 1000;

async function keyPair() {
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as {
    publicKey: webcrypto.CryptoKey;
    privateKey: webcrypto.CryptoKey;
  };
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  return { keys, node: createPrivateKey({ key: der, format: "der", type: "pkcs8" }) };
}

interface Issued {
  pem: string;
  key: KeyObject;
}

async function authority(name: string) {
  const { keys } = await keyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: `CN=${name}`,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 30 * DAY),
    signingAlgorithm: algorithm,
    keys,
    extensions: [new x509.BasicConstraintsExtension(true, 1, true)],
  });
  return {
    pem: cert.toString("pem"),
    async issue(host: string, notAfter = new Date(Date.now() + 30 * DAY)): Promise<Issued> {
      const leaf = await keyPair();
      const issued = await x509.X509CertificateGenerator.create({
        serialNumber: "02",
        subject: `CN=${host}`,
        issuer: cert.subject,
        notBefore: new Date(Date.now() - 2 * DAY),
        notAfter,
        signingAlgorithm: algorithm,
        publicKey: leaf.keys.publicKey,
        signingKey: keys.privateKey,
        extensions: [new x509.SubjectAlternativeNameExtension([{ type: "dns", value: host }])],
      });
      return { pem: issued.toString("pem"), key: leaf.node };
    },
  };
}

describe("legacy signature scheme (§2.6)", () => {
  const served = new Map<string, string>();
  let fetches = 0;
  const fakeFetch = (async (url: string | URL) => {
    fetches++;
    const pem = served.get(String(url));
    return new Response(pem ?? "not found", { status: pem ? 200 : 404 });
  }) as typeof fetch;
  let root: Awaited<ReturnType<typeof authority>>;
  let good: Issued;
  let app: ReturnType<typeof createExtension>;

  before(async () => {
    root = await authority("Test Root");
    const stranger = await authority("Untrusted Root");
    good = await root.issue(HOST);
    served.set(`${URL_BASE}good.pem`, good.pem);
    served.set(`${URL_BASE}other-host.pem`, (await root.issue("evil.example.org")).pem);
    served.set(
      `${URL_BASE}expired.pem`,
      (await root.issue(HOST, new Date(Date.now() - DAY / 2))).pem,
    );
    const untrusted = await stranger.issue(HOST);
    served.set(`${URL_BASE}untrusted.pem`, untrusted.pem);
    app = createExtension({
      verification: { legacy: { trustedRoots: [root.pem], fetch: fakeFetch } },
    }).onLaunch((ctx) => {
      ctx.say("ok");
    });
  });

  const body = JSON.stringify(requests.launch());
  const call = async (url: string, signingKey: KeyObject, payload = body) => {
    const signature = sign("sha1", Buffer.from(body), signingKey).toString("base64");
    const result = await app.handle({
      body: Buffer.from(payload),
      headers: { signaturecek: signature, signaturecekcertchainurl: url },
      method: "POST",
    });
    return {
      status: result.status,
      message: JSON.parse(result.body).error?.message as string | undefined,
    };
  };

  it("accepts a SHA-1 signature by a trusted certificate for the platform host, and caches it", async () => {
    fetches = 0;
    assert.equal((await call(`${URL_BASE}good.pem`, good.key)).status, 200);
    assert.equal((await call(`${URL_BASE}good.pem`, good.key)).status, 200);
    assert.equal(fetches, 1);
  });
  it("rejects a tampered body", async () => {
    const r = await call(
      `${URL_BASE}good.pem`,
      good.key,
      body.replace("LaunchRequest", "IntentRequest"),
    );
    assert.equal(r.status, 401);
  });
  it("rejects a certificate URL outside the platform's prefix", async () => {
    const r = await call("https://attacker.example.org/cek/good.pem", good.key);
    assert.equal(r.status, 401);
    assert.match(r.message ?? "", /must start with https:\/\/cek-requests\.clova\.ai\/cek\//);
  });
  it("rejects a certificate for another host, an expired one, and an untrusted chain", async () => {
    assert.match(
      (await call(`${URL_BASE}other-host.pem`, good.key)).message ?? "",
      /not for cek-requests/,
    );
    assert.match((await call(`${URL_BASE}expired.pem`, good.key)).message ?? "", /not valid now/);
    assert.match((await call(`${URL_BASE}untrusted.pem`, good.key)).message ?? "", /trusted root/);
  });
  it("needs the certificate header when only the legacy scheme is configured", async () => {
    const result = await app.handle({
      body: Buffer.from(body),
      headers: { signaturecek: "AAAA" },
      method: "POST",
    });
    assert.equal(result.status, 401);
  });
});
