// Response bodies of the client auth API (cic.md §3): /authorize and /token.
import { type Static, Type } from "@sinclair/typebox";
import { defineMessage } from "../core/codec.js";
import { Enum, Int, Str } from "./common.js";

/**
 * Error members added to every failing auth response, OAuth 2.0 style (§3.9, UNSPECIFIED:
 * the documented shape is kept with empty fields, plus `error` and `error_description`).
 */
export const CIC_AUTH_ERRORS = [
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "unsupported_response_type",
  "access_denied",
  "account_locked",
  "terms_not_agreed",
  "server_error",
] as const;
export const CicAuthErrorCode = Enum([...CIC_AUTH_ERRORS]);
export type CicAuthErrorCode = (typeof CIC_AUTH_ERRORS)[number];
const errorFields = {
  error: Type.Optional(CicAuthErrorCode),
  error_description: Type.Optional(Str("Short English sentence naming the problem.")),
};

export const CicAuthorizeResult = Type.Object(
  {
    code: Type.Optional(Str("Authorization code (with 200 and 451).")),
    redirect_uri: Type.Optional(Str("Terms-of-service page to open (451 only).")),
    state: Type.Optional(Str("The caller's state, URL-decoded (with 200 and 451).")),
    ...errorFields,
  },
  { description: "authorizeResult: body of every GET /authorize response (cic.md §3.3)." },
);
export type CicAuthorizeResult = Static<typeof CicAuthorizeResult>;
export const CicAuthorizeResultMessage = defineMessage(
  "cic.auth.authorizeResult",
  CicAuthorizeResult,
);

export const CicTokenResult = Type.Object(
  {
    access_token: Str("CLOVA access token (Bearer on every CIC request)."),
    expires_in: Int("Lifetime of the access token in seconds."),
    refresh_token: Str("Token for grant_type=refresh_token."),
    token_type: Type.Literal("Bearer"),
  },
  {
    description: "tokenResult: 200 body of /token for authorization_code and refresh_token (§3.4).",
  },
);
export type CicTokenResult = Static<typeof CicTokenResult>;
export const CicTokenResultMessage = defineMessage("cic.auth.tokenResult", CicTokenResult);

export const CicTokenDeletionResult = Type.Object(
  {
    access_token: Str("The deleted token."),
    client_id: Str(),
    expires_in: Int("Lifetime the deleted token had, in seconds."),
  },
  { description: "tokenDeletionResult: 200 body of /token?grant_type=delete (§3.7)." },
);
export type CicTokenDeletionResult = Static<typeof CicTokenDeletionResult>;
export const CicTokenDeletionResultMessage = defineMessage(
  "cic.auth.tokenDeletionResult",
  CicTokenDeletionResult,
);

/** A failing /token response: the documented fields (empty) plus the error members. */
export const CicTokenError = Type.Object(
  {
    access_token: Type.Optional(Str()),
    expires_in: Type.Optional(Int()),
    refresh_token: Type.Optional(Str()),
    token_type: Type.Optional(Str()),
    error: CicAuthErrorCode,
    error_description: Str("Short English sentence naming the problem."),
  },
  { description: "Body of a 400/401/500 /token response (cic.md §3.9, our choice)." },
);
export type CicTokenError = Static<typeof CicTokenError>;
export const CicTokenErrorMessage = defineMessage("cic.auth.tokenError", CicTokenError);

/** `error` values of clova://agreement-failure after the terms page (§3.3). */
export const CIC_AGREEMENT_FAILURES = [
  "server_error",
  "terms_not_agreed",
  "user-disagreement",
] as const;
export type CicAgreementFailure = (typeof CIC_AGREEMENT_FAILURES)[number];
