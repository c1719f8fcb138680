import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { InteractionModel } from "@clover/protocol";
import { type ModelIssue, validateModel } from "../../src/model/index.js";
import { baseModel } from "./fixture.js";

function invocationIssues(
  language: InteractionModel["language"],
  main: string,
  sub: string[] = [],
) {
  const model = baseModel();
  model.language = language;
  model.invocation = { main, sub };
  return validateModel(model).filter((i) => i.path?.startsWith("invocation"));
}

function expectOne(issues: ModelIssue[], path: string, message: RegExp) {
  assert.ok(
    issues.some((i) => i.path === path && message.test(i.message)),
    `no ${message} at ${path}: ${JSON.stringify(issues)}`,
  );
}

describe("invocation name rules (§9.2)", () => {
  it("accepts ordinary names in the three languages", () => {
    assert.deepEqual(invocationIssues("en", "corner bakery", ["corner bakers"]), []);
    assert.deepEqual(invocationIssues("ja", "ベーカリーボット", ["ベイカリーボット"]), []);
    assert.deepEqual(invocationIssues("ko", "베이커리봇", ["빵집봇"]), []);
  });

  it("rejects names that are too short or too long", () => {
    expectOne(invocationIssues("en", "x"), "invocation.main", /too short/);
    expectOne(
      invocationIssues("en", "a very long name that nobody would ever say aloud"),
      "invocation.main",
      /longer than 40/,
    );
  });

  it("rejects characters that cannot be spoken", () => {
    expectOne(invocationIssues("en", "dice <3"), "invocation.main", /letters, digits and spaces/);
  });

  it("rejects the wake word inside a name", () => {
    expectOne(invocationIssues("en", "clova dice"), "invocation.main", /wake word "clova"/);
    expectOne(invocationIssues("ja", "クローバ占い"), "invocation.main", /wake word "クローバ"/);
  });

  it("rejects launch and exit phrases inside a name", () => {
    expectOne(
      invocationIssues("ja", "ピザを起動して"),
      "invocation.main",
      /"起動", a launch\/exit phrase/,
    );
    expectOne(invocationIssues("ko", "피자 종료"), "invocation.main", /"종료"/);
    expectOne(invocationIssues("en", "open sesame"), "invocation.main", /starts with "open"/);
  });

  it("rejects names that are platform phrases", () => {
    expectOne(
      invocationIssues("en", "help me"),
      "invocation.main",
      /reserves for Clova\.GuideIntent/,
    );
    expectOne(invocationIssues("ja", "次の曲"), "invocation.main", /Clova\.NextIntent/);
    expectOne(invocationIssues("ko", "그만해"), "invocation.main", /exit phrases/);
  });

  it("allows at most 4 sub names and warns about repeats of the main name", () => {
    expectOne(
      invocationIssues("en", "music box", ["a b", "c d", "e f", "g h", "i j"]),
      "invocation.sub",
      /5 sub invocation names; at most 4/,
    );
    const issues = invocationIssues("ja", "ミュージックボックス", ["みゅーじっくぼっくす"]);
    expectOne(issues, "invocation.sub[0]", /same name as invocation\.main/);
    assert.equal(issues[0]?.severity, "warning");
  });
});
