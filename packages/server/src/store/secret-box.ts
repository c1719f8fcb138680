// Encrypts secrets at rest (OAuth tokens, client secrets, signing keys) with AES-256-GCM.
// Stored form: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error("the encryption key must be 32 bytes (AES-256)");
    this.#key = key;
  }

  /**
   * A keyed digest (HMAC-SHA-256, base64url) of `text` for one purpose, with a key derived
   * from the same secret: the same on every node, never the encryption key itself.
   */
  mac(purpose: string, text: string): string {
    const key = Buffer.from(
      hkdfSync("sha256", this.#key, Buffer.alloc(0), `clover:${purpose}`, 32),
    );
    return createHmac("sha256", key).update(text, "utf8").digest("base64url");
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url"));
    return `v1.${parts.join(".")}`;
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(".");
    if (version !== "v1" || iv === undefined || tag === undefined || data === undefined)
      throw new Error("not a sealed secret (expected v1.<iv>.<tag>.<data>)");
    const decipher = createDecipheriv("aes-256-gcm", this.#key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(data, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  }
}
