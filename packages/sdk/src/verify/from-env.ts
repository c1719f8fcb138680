// Verification settings from the environment, as the example servers and most deployments
// configure them: CLOVA_PUBLIC_KEY (PEM text) and/or CLOVA_PUBLIC_KEY_URL.
import type { VerificationOptions } from "./verifier.js";

export function verificationFromEnv(
  env: Record<string, string | undefined> = process.env,
): VerificationOptions | undefined {
  const publicKey = env.CLOVA_PUBLIC_KEY?.trim() || undefined;
  const publicKeyUrl = env.CLOVA_PUBLIC_KEY_URL?.trim() || undefined;
  if (!publicKey && !publicKeyUrl) return undefined;
  return {
    ...(publicKey ? { publicKey: publicKey.replace(/\\n/g, "\n") } : {}),
    ...(publicKeyUrl ? { publicKeyUrl } : {}),
  };
}
