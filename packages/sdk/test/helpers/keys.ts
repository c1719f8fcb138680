// Throw-away RSA key pairs for signing test requests the way the platform does.
import { generateKeyPairSync } from "node:crypto";

export interface TestKeyPair {
  publicKey: string;
  privateKey: string;
}

export function newKeyPair(): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return { publicKey, privateKey };
}
