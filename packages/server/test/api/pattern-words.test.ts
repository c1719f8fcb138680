// Pattern-checked fields are explained in words, for the console's forms and the CLI: the
// management API's extension document and the interaction model's names.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InteractionModelMessage } from "@clover/protocol";
import { parseExtensionDocument } from "../../src/api/extension-input.js";
import { ApiError } from "../../src/api/http.js";

function issuesOf(document: Record<string, unknown>) {
  try {
    parseExtensionDocument(document, true);
  } catch (error) {
    assert.ok(error instanceof ApiError);
    return { message: error.message, issues: error.issues ?? [] };
  }
  assert.fail("the document was accepted");
}

const valid = { id: "com.example.dice", displayName: "Dice", endpointUrl: "https://x.test/" };

describe("pattern errors in words", () => {
  it("says what an extension id may be", () => {
    const { message, issues } = issuesOf({ ...valid, id: "1st-dice" });
    assert.equal(issues[0]?.path, "id");
    assert.match(issues[0]!.message, /^id: expected an id in reverse-domain form/);
    assert.match(issues[0]!.message, /must start with a letter and contain only letters, digits/);
    assert.match(issues[0]!.message, /got "1st-dice"$/);
    assert.doesNotMatch(message, /\/\^|\[A-Za-z/);
  });

  it("says what a display name and an endpoint URL may be", () => {
    assert.match(
      issuesOf({ ...valid, displayName: "<b>Dice</b>" }).issues[0]!.message,
      /displayName: expected a name without < or >/,
    );
    assert.match(
      issuesOf({ ...valid, endpointUrl: "ftp://x" }).issues[0]!.message,
      /endpointUrl: expected a URL starting with https:\/\//,
    );
  });

  it("says what an intent or slot name may be in a model", () => {
    const checked = InteractionModelMessage.validate({
      language: "en",
      invocation: { main: "dice" },
      intents: [{ name: "1Roll", utterances: ["roll"] }],
    });
    assert.equal(checked.ok, false);
    const issue = !checked.ok ? checked.issues[0]! : undefined;
    assert.equal(issue?.path, "intents[0].name");
    assert.match(issue!.message, /expected a name that starts with a letter and has only letters/);
    assert.doesNotMatch(issue!.message, /\/\^/);
  });
});
