// The platform's RSA-2048 key for SignatureCEK (cek-custom-extension.md §2.5): generated on
// first start, kept (encrypted) in the store, rotatable; the public half is published as PEM.
import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import type { SettingsStore } from "../store/settings.js";

export interface SigningKey {
  id: string;
  privateKey: KeyObject;
  privateKeyPem: string;
  publicKeyPem: string;
}

function keyId(publicKeyPem: string): string {
  return createHash("sha256").update(publicKeyPem).digest("hex").slice(0, 16);
}

function generate(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

export class SigningKeyRing {
  #active: SigningKey | undefined;

  constructor(private readonly settings: SettingsStore) {}

  /** Loads the active key, generating one on first start. */
  async load(): Promise<SigningKey> {
    const stored = await this.settings.activeSigningKey();
    if (stored) {
      this.#active = this.#toKey(stored.id, stored.privateKeyPem, stored.publicKeyPem);
      return this.#active;
    }
    return this.rotate();
  }

  /** Follows a rotation made by another node sharing the database. */
  async refresh(): Promise<boolean> {
    const stored = await this.settings.activeSigningKey();
    if (!stored || stored.id === this.#active?.id) return false;
    this.#active = this.#toKey(stored.id, stored.privateKeyPem, stored.publicKeyPem);
    return true;
  }

  /** Makes a new key the active one; earlier keys are kept as retired. */
  async rotate(): Promise<SigningKey> {
    const { privateKeyPem, publicKeyPem } = generate();
    const id = keyId(publicKeyPem);
    await this.settings.addSigningKey({ id, privateKeyPem, publicKeyPem, createdAt: Date.now() });
    this.#active = this.#toKey(id, privateKeyPem, publicKeyPem);
    return this.#active;
  }

  get active(): SigningKey {
    if (!this.#active) throw new Error("signing key not loaded");
    return this.#active;
  }

  #toKey(id: string, privateKeyPem: string, publicKeyPem: string): SigningKey {
    return { id, privateKey: createPrivateKey(privateKeyPem), privateKeyPem, publicKeyPem };
  }
}
