// The dialog tester of home extensions: says things to the platform's home NLU, which resolves
// the devices, asks back where it must, and sends signed Clova Home requests to the extension
// as a real platform does (cek-home-extension.md §12). The platform is `@clover/server`,
// loaded on first use: add it as a dev dependency of the extension's tests.
import type { HomeExtension } from "./extension.js";

export interface HomeConversationOptions {
  /** The language the test speaks (default "en"). */
  language?: "en" | "ja" | "ko";
  /** The access token the extension receives in every request (default "test-access-token"). */
  accessToken?: string;
  /** The test user (default "home-tester"). */
  userId?: string;
  /** The extension id registered on the platform (default "com.example.home.test"). */
  extensionId?: string;
  /** IANA time zone of the test device, for spoken periods (§7; default UTC). */
  timeZone?: string;
}

/** One exchange of a turn: a Clova Home request and the extension's answer. */
export interface HomeTurnExchange {
  request: { header: { name: string; messageId: string }; payload: Record<string, unknown> };
  response?: { header: { name: string }; payload: Record<string, unknown> };
}

export interface HomeTurn {
  /** What the platform said (all speech joined by a space). */
  speech: string;
  /** The platform asked something back (which device, or "are you sure?"). */
  question: boolean;
  /** The requests sent and the answers, in the order they were sent. */
  exchanges: HomeTurnExchange[];
  /** The devices the platform resolved for this turn. */
  targets: { applianceId: string; name: string }[];
  /** The recognized home intent, e.g. "Home.On" (undefined: not understood as home control). */
  intent?: string;
}

export interface HomeConversation {
  readonly turns: HomeTurn[];
  /** The platform's public key (PEM): what `verification: { publicKey }` should trust. */
  readonly publicKeyPem: string;
  /** Says something; a question the platform asked is answered by the next `say`. */
  say(text: string): Promise<HomeTurn>;
  /** The user's devices as the platform discovered them. */
  devices(): Promise<{ applianceId: string; name: string; types: string[] }[]>;
  /** Runs discovery again. */
  discover(): Promise<{ ok: boolean; appliances?: number; scenes?: number }>;
  close(): Promise<void>;
}

/** In process (or a factory given the platform's public key, to verify signatures), or a URL. */
export type HomeTarget = HomeExtension | ((publicKeyPem: string) => HomeExtension) | string;

/**
 * Starts a platform in this process, registers the extension, links a test user (the
 * extension receives `accessToken`), runs discovery, and returns the conversation.
 */
export async function startHomeConversation(
  target: HomeTarget,
  options: HomeConversationOptions = {},
): Promise<HomeConversation> {
  const specifier = "@clover/server";
  let server: { startHomeConversation: typeof startHomeConversation };
  try {
    server = await import(specifier);
  } catch (error) {
    throw new Error(
      `startHomeConversation needs @clover/server (the platform) installed: ${(error as Error).message}`,
    );
  }
  return server.startHomeConversation(target, options);
}
