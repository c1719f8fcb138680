// Client auth API bodies (cic.md §3) and content templates with action URIs (§14).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CicAuthorizeResultMessage,
  CicTokenDeletionResultMessage,
  CicTokenErrorMessage,
  CicTokenResultMessage,
  checkCicActionUri,
  validateCicDirective,
} from "../src/index.js";

const firstMessage = (result: { ok: boolean; issues?: readonly { message: string }[] }) =>
  result.ok ? undefined : result.issues?.[0]?.message;

describe("client auth API bodies", () => {
  const token = { access_token: "a", expires_in: 604800, refresh_token: "r", token_type: "Bearer" };

  it("accepts a flat tokenResult and rejects the documentation tool's wrapper", () => {
    assert.equal(CicTokenResultMessage.validate(token).ok, true);
    assert.equal(
      firstMessage(CicTokenResultMessage.validate({ summary: "ok", value: token })),
      "access_token: expected string (required), got nothing",
    );
  });

  it("requires token_type Bearer and expires_in in whole seconds", () => {
    assert.equal(
      firstMessage(CicTokenResultMessage.validate({ ...token, token_type: "MAC" })),
      'token_type: expected "Bearer", got "MAC"',
    );
    assert.equal(
      firstMessage(CicTokenResultMessage.validate({ ...token, expires_in: 1.5 })),
      "expires_in: expected integer >= 0, got number",
    );
  });

  it("describes deletion results and error bodies", () => {
    assert.equal(
      CicTokenDeletionResultMessage.validate({ access_token: "a", client_id: "c", expires_in: 3 })
        .ok,
      true,
    );
    const error = { error: "invalid_grant", error_description: "refresh_token is unknown" };
    assert.equal(CicTokenErrorMessage.validate(error).ok, true);
    assert.equal(
      firstMessage(CicTokenErrorMessage.validate({ ...error, error: "oops" })),
      `error: expected one of "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "unsupported_response_type", "access_denied", "account_locked", "terms_not_agreed", "server_error", got "oops"`,
    );
    assert.equal(CicAuthorizeResultMessage.validate({ code: "", state: "" }).ok, true);
    assert.equal(
      firstMessage(CicAuthorizeResultMessage.validate({ code: 5 })),
      "code: expected string, got number",
    );
  });
});

describe("content templates", () => {
  const renderTemplate = (payload: unknown) =>
    validateCicDirective({
      directive: {
        header: { namespace: "Clova", name: "RenderTemplate", messageId: "m" },
        payload,
      },
    });
  const text = {
    type: "Text",
    meta: { version: { type: "string", value: "v0.1" } },
    failureMessage: { type: "string", value: "18 degrees" },
  };

  it("checks the common members of every template", () => {
    assert.equal(renderTemplate(text).ok, true);
    assert.match(
      firstMessage(renderTemplate({ ...text, type: "Hologram" })) ?? "",
      /^directive\.payload\.type: expected one of "CardList", /,
    );
    assert.equal(
      firstMessage(renderTemplate({ ...text, failureMessage: { type: "number", value: "1" } })),
      'directive.payload.failureMessage.type: expected "string", got "number"',
    );
    assert.equal(
      firstMessage(
        renderTemplate({ ...text, actionList: [{ type: "action", value: "https://x" }] }),
      ),
      'directive.payload.actionList[0].value: expected string matching /^clova:///, got "https://x"',
    );
  });

  it("checks action URIs and their parameters", () => {
    assert.equal(checkCicActionUri("clova://guide/talking"), undefined);
    assert.equal(checkCicActionUri("clova://webview?url=https%3A%2F%2Fa.example"), undefined);
    assert.equal(checkCicActionUri("clova://webview"), "clova://webview needs parameter(s) url");
    assert.equal(
      checkCicActionUri("clova://device-control?command=TurnOn"),
      "clova://device-control needs parameter(s) target",
    );
    assert.equal(
      checkCicActionUri("clova://ttsRepeat?lang=fr"),
      "clova://ttsRepeat lang must be one of en, ja, ko",
    );
    assert.equal(checkCicActionUri("clova://teleport"), 'unknown action URI "clova://teleport"');
    assert.equal(checkCicActionUri("clova://search?url=x"), undefined);
  });
});
