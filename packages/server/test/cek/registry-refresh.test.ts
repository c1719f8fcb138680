// The registry's refresh from the shared database (how a node sees other nodes' changes) must
// never undo this node's own write that was still in flight: a model put while a refresh read
// the database used to be dropped as "not stored" and, its version already recorded, never
// installed again (one cluster node held the extension without its model).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { bakeryModel } from "../helpers/models.js";
import { register, startPlatform, type TestPlatform } from "../helpers/platform.js";

describe("extension registry refresh and local writes", () => {
  let platform: TestPlatform;
  before(async () => {
    platform = await startPlatform();
    await register(platform, {
      id: "com.example.bakery",
      displayName: "Bakery",
      endpointUrl: "http://127.0.0.1:9/",
    });
  });
  after(async () => platform?.close());

  it("keeps a model put while a refresh is reading the database", async () => {
    const { registry } = platform;
    for (const language of ["en", "ja"] as const) {
      await Promise.all([
        registry.refresh(),
        registry.putModel("com.example.bakery", language, bakeryModel(language)),
      ]);
      assert.ok(registry.recognizer("com.example.bakery", language), `${language} right after`);
      await registry.refresh();
      assert.ok(registry.recognizer("com.example.bakery", language), `${language} after refresh`);
    }
  });

  it("keeps an extension created while a refresh is reading the database", async () => {
    const { registry } = platform;
    const record = registry.get("com.example.bakery")!;
    await Promise.all([
      registry.refresh(),
      registry.create({ ...record, id: "com.example.second", endpointUrl: record.endpointUrl }),
    ]);
    assert.ok(registry.get("com.example.second"));
    await registry.refresh();
    assert.ok(registry.get("com.example.second"));
  });
});
