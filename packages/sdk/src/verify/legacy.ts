// The 2018 Korean signing scheme (cek-custom-extension.md §2.6): SignatureCEK carries an
// RSA PKCS#1 v1.5 SHA-1 signature of the raw body, and SignatureCEKCertChainUrl points at the
// signing certificate, which must come from the platform's URL prefix, name the platform's
// host in its Subject Alternative Name, be in date, and chain up to a trusted root.
import { verify, X509Certificate } from "node:crypto";
import { rootCertificates } from "node:tls";

export const CERT_CHAIN_URL_HEADER = "signaturecekcertchainurl";

export interface LegacyVerificationOptions {
  /** Certificate URLs must start with this. Default "https://cek-requests.clova.ai/cek/". */
  certUrlPrefix?: string;
  /** DNS name the certificate must carry. Default "cek-requests.clova.ai". */
  subjectAltName?: string;
  /** Trusted roots (PEM). Default: the CA certificates bundled with Node.js. */
  trustedRoots?: readonly string[];
  fetch?: typeof fetch;
  /** Fetch timeout. Default 5000 ms. */
  timeoutMs?: number;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const DAY_MS = 24 * 60 * 60 * 1000;

export class LegacyCertificates {
  readonly #prefix: string;
  readonly #host: string;
  readonly #roots: X509Certificate[];
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly #cache = new Map<string, { leaf: X509Certificate; until: number }>();

  constructor(options: LegacyVerificationOptions = {}) {
    this.#prefix = options.certUrlPrefix ?? "https://cek-requests.clova.ai/cek/";
    this.#host = options.subjectAltName ?? "cek-requests.clova.ai";
    this.#roots = (options.trustedRoots ?? rootCertificates).map((pem) => new X509Certificate(pem));
    this.#fetch = options.fetch ?? fetch;
    this.#timeoutMs = options.timeoutMs ?? 5000;
  }

  /** Throws with the reason when the request is not signed by the platform's certificate. */
  async verify(body: Uint8Array, signature: string, url: string): Promise<void> {
    if (!url.startsWith(this.#prefix)) {
      throw new Error(`SignatureCEKCertChainUrl must start with ${this.#prefix}`);
    }
    const leaf = await this.#certificate(url);
    if (!verify("sha1", body, leaf.publicKey, Buffer.from(signature, "base64"))) {
      throw new Error("SignatureCEK does not match the request body (legacy RSA-SHA1)");
    }
  }

  async #certificate(url: string): Promise<X509Certificate> {
    const cached = this.#cache.get(url);
    if (cached && Date.now() < cached.until) return cached.leaf;
    const res = await this.#fetch(url, { signal: AbortSignal.timeout(this.#timeoutMs) });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    const chain = ((await res.text()).match(PEM_BLOCK) ?? []).map(
      (pem) => new X509Certificate(pem),
    );
    const leaf = this.#validate(chain, url);
    const until = Math.min(Date.now() + DAY_MS, Date.parse(leaf.validTo));
    this.#cache.set(url, { leaf, until });
    return leaf;
  }

  #validate(chain: X509Certificate[], url: string): X509Certificate {
    const leaf = chain[0];
    if (!leaf) throw new Error(`${url}: no certificate`);
    const now = Date.now();
    for (const cert of chain) {
      if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)) {
        throw new Error(`${url}: certificate "${cert.subject}" is not valid now`);
      }
    }
    if (leaf.checkHost(this.#host, { subject: "never" }) === undefined) {
      throw new Error(`${url}: certificate is not for ${this.#host}`);
    }
    for (let i = 0; i + 1 < chain.length; i++) {
      if (!chain[i]!.checkIssued(chain[i + 1]!) || !chain[i]!.verify(chain[i + 1]!.publicKey)) {
        throw new Error(`${url}: certificate chain is broken at "${chain[i]!.subject}"`);
      }
    }
    const top = chain[chain.length - 1]!;
    const trusted = this.#roots.some(
      (root) =>
        root.fingerprint256 === top.fingerprint256 ||
        (top.checkIssued(root) && top.verify(root.publicKey)),
    );
    if (!trusted) throw new Error(`${url}: certificate chain does not lead to a trusted root`);
    return leaf;
  }
}
