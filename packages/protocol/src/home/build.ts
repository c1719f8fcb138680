// Building outgoing Clova Home messages in the common envelope (cek-home-extension.md §3.1).
import type { HomeMessage } from "./dispatch.js";
import { HOME_NAMESPACE, HOME_PAYLOAD_VERSION } from "./envelope.js";

export type HomeMessageName = HomeMessage["header"]["name"];
export type HomeMessageOf<N extends HomeMessageName> = Extract<
  HomeMessage,
  { header: { name: N } }
>;

/**
 * Wraps a payload in the envelope: `namespace` "ClovaHome", `payloadVersion` "1.0" and a
 * fresh UUID unless a `messageId` is given (an extension may echo the request's, §3.1).
 */
export function buildHomeMessage<N extends HomeMessageName>(
  name: N,
  payload: HomeMessageOf<N>["payload"],
  messageId: string = crypto.randomUUID(),
): HomeMessageOf<N> {
  const header = {
    messageId,
    name,
    namespace: HOME_NAMESPACE,
    payloadVersion: HOME_PAYLOAD_VERSION,
  };
  return { header, payload } as HomeMessageOf<N>;
}
