// Interaction model conformance (interaction-model.md), black box through the management API:
// uploads with mistakes are refused naming where, TSV files follow §8, the built-in intents and
// slot types reach a raw extension as §3 and §5 say.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  ADMIN,
  guestTokens,
  httpsCall,
  newProduct,
  RawDevice,
  type RawExtension,
  type Running,
  rawExtension,
  speech,
  startServer,
  textRecognize,
} from "./raw.js";

const ID = "org.example.teashop";

const good = {
  language: "en",
  invocation: { main: "tea shop" },
  builtinIntents: ["Clova.GuideIntent", "Clova.YesIntent", "Clova.NoIntent"],
  builtinSlotTypes: ["CLOVA.NUMBER"],
  customSlotTypes: [{ name: "TEA", values: [{ value: "green tea", synonyms: ["sencha"] }] }],
  intents: [
    {
      name: "OrderTea",
      slots: [
        { name: "tea", type: "TEA" },
        { name: "cups", type: "CLOVA.NUMBER" },
      ],
      utterances: [
        "order <cups>two</cups> cups of <tea>green tea</tea>",
        "i want <tea>sencha</tea>",
      ],
    },
  ],
};

describe("interaction model conformance", () => {
  let running: Running;
  let ext: RawExtension;
  const admin = { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" };
  const put = (path: string, body: string, type = "application/json") =>
    httpsCall(`${running.url}/api/v1/extensions/${ID}${path}`, {
      method: "PUT",
      headers: { ...admin, "content-type": type },
      body,
    });

  before(async () => {
    running = await startServer();
    ext = await rawExtension((req) => ({
      body: speech("ok", true, { sessionAttributes: {} }),
      req,
    }));
    const created = await httpsCall(`${running.url}/api/v1/extensions`, {
      method: "POST",
      headers: admin,
      body: JSON.stringify({
        id: ID,
        displayName: "Tea Shop",
        endpointUrl: ext.url,
        models: { en: good },
      }),
    });
    assert.equal(created.status, 201, created.body.toString());
  });
  after(async () => {
    await ext?.close();
    await running?.close();
  });

  const broken: [string, unknown, RegExp][] = [
    [
      "an utterance tag naming an undeclared slot",
      { ...good, intents: [{ ...good.intents[0], utterances: ["order <size>big</size> tea"] }] },
      /intents\[0\]\.utterances\[0\]/,
    ],
    [
      "an empty slot span",
      { ...good, intents: [{ ...good.intents[0], utterances: ["order <tea></tea>"] }] },
      /intents\[0\]\.utterances\[0\]/,
    ],
    [
      "nested tags",
      {
        ...good,
        intents: [{ ...good.intents[0], utterances: ["order <tea>green <cups>2</cups></tea>"] }],
      },
      /intents\[0\]\.utterances\[0\]/,
    ],
    [
      "a built-in slot type that is not enabled",
      { ...good, builtinSlotTypes: [] },
      /CLOVA\.NUMBER/,
    ],
    [
      "an unknown built-in slot type",
      { ...good, builtinSlotTypes: ["CLOVA.NUMBER", "CLOVA.NOPE"] },
      /CLOVA\.NOPE/,
    ],
    [
      "a custom intent in the reserved Clova. prefix",
      { ...good, intents: [{ ...good.intents[0], name: "Clova.OrderTea" }] },
      /intents\[0\]\.name/,
    ],
    [
      "a synonym in two entries",
      {
        ...good,
        customSlotTypes: [
          {
            name: "TEA",
            values: [
              { value: "green tea", synonyms: ["sencha"] },
              { value: "black tea", synonyms: ["sencha"] },
            ],
          },
        ],
      },
      /customSlotTypes\[0\]/,
    ],
    [
      "an unknown built-in intent",
      { ...good, builtinIntents: ["Clova.DanceIntent"] },
      /builtinIntents\[0\]/,
    ],
    [
      "CLOVA.DATETIME and CLOVA.DATETIME_RECENT in one intent (§5.2, §12)",
      {
        ...good,
        builtinSlotTypes: ["CLOVA.NUMBER", "CLOVA.DATETIME", "CLOVA.DATETIME_RECENT"],
        intents: [
          {
            name: "Deliver",
            slots: [
              { name: "from", type: "CLOVA.DATETIME_RECENT" },
              { name: "to", type: "CLOVA.DATETIME" },
            ],
            utterances: ["move <from>yesterday</from> to <to>tomorrow</to>"],
          },
        ],
      },
      /DATETIME_RECENT/,
    ],
    [
      "five sub invocation names (§9.1: at most 4)",
      {
        ...good,
        invocation: {
          main: "tea shop",
          sub: ["tee shop", "t shop", "tea shoppe", "tea shops", "the tea shop"],
        },
      },
      /invocation\.sub|sub invocation/,
    ],
    [
      "2,001 utterance examples in one intent (§7.2)",
      {
        ...good,
        intents: [
          {
            ...good.intents[0],
            utterances: Array.from({ length: 2001 }, (_, i) => `order ${i} cups`),
          },
        ],
      },
      /2,?000/,
    ],
    [
      "a custom slot type in the reserved CLOVA. prefix",
      { ...good, customSlotTypes: [{ name: "CLOVA.TEA", values: [{ value: "green tea" }] }] },
      /CLOVA\.TEA/,
    ],
  ];
  for (const [what, model, path] of broken)
    it(`refuses ${what}, naming where`, async () => {
      const answer = await put("/models/en", JSON.stringify(model));
      assert.ok([400, 422].includes(answer.status), `status ${answer.status}`);
      assert.match(answer.body.toString("utf8"), path);
      const still = await httpsCall(`${running.url}/api/v1/extensions/${ID}/models/en`, {
        headers: admin,
      });
      assert.equal(
        still.json()["intents"] ? (still.json()["intents"] as unknown[]).length : 1,
        1,
        "the old model is kept",
      );
    });

  it("names the offending intent and slot in the error's message, besides the JSON path", async () => {
    const tooLong = `order ${"very ".repeat(40)}strong <tea>green tea</tea>`;
    const answer = await put(
      "/models/en",
      JSON.stringify({ ...good, intents: [{ ...good.intents[0], utterances: [tooLong] }] }),
    );
    assert.equal(answer.status, 422, answer.body.toString());
    const error = answer.json()["error"] as { code: string; message: string; issues: unknown[] };
    assert.equal(error.code, "invalid_model");
    assert.match(
      error.message,
      /intents\[0\]\.utterances\[0\]: intent OrderTea: utterance is \d+ characters/,
    );
    const unclosed = await put(
      "/models/en",
      JSON.stringify({
        ...good,
        intents: [{ ...good.intents[0], slots: [{ name: "tea", type: 42 }] }],
      }),
    );
    assert.equal(unclosed.status, 422);
    assert.match(
      (unclosed.json()["error"] as { message: string }).message,
      /intents\[0\]\.slots\[0\]\.type: intent OrderTea, slot tea: /,
    );
  });

  it("converts a model that still says the retired CLOVA.CURRENCY to CLOVA.UNIT_CURRENCY (§5.5)", async () => {
    const old = {
      ...good,
      builtinSlotTypes: ["CLOVA.NUMBER", "CLOVA.CURRENCY"],
      intents: [
        ...good.intents,
        {
          name: "PayTea",
          slots: [{ name: "currency", type: "CLOVA.CURRENCY" }],
          utterances: [
            "pay in <currency>dollars</currency>",
            "i pay with <currency>yen</currency>",
          ],
        },
      ],
    };
    const answer = await put("/models/en", JSON.stringify(old));
    assert.equal(answer.status, 200, answer.body.toString());
    assert.match(
      JSON.stringify(answer.json()["warnings"]),
      /CLOVA\.CURRENCY was renamed CLOVA\.UNIT_CURRENCY/,
    );
    const stored = (
      await httpsCall(`${running.url}/api/v1/extensions/${ID}/models/en`, { headers: admin })
    ).json() as typeof old;
    assert.deepEqual(stored.builtinSlotTypes, ["CLOVA.NUMBER", "CLOVA.UNIT_CURRENCY"]);
    assert.equal(stored.intents[1]?.slots[0]?.type, "CLOVA.UNIT_CURRENCY");
    const product = await newProduct(running.url);
    const tokens = await guestTokens(running.url, product, "im-currency");
    const device = new RawDevice(running.url, tokens.access_token);
    try {
      await device.openDownchannel();
      ext.answer = () => ({ body: speech("ok", true) });
      ext.requests.length = 0;
      await device.event(textRecognize("ask tea shop to pay in euros"));
      assert.deepEqual(ext.requests[0]?.body["request"]?.intent, {
        name: "PayTea",
        slots: { currency: { name: "currency", value: "EUR" } },
      });
    } finally {
      device.close();
      await put("/models/en", JSON.stringify(good));
    }
  });

  it("warns when another extension already answers to the same or a similar name (§9.2 rule 4)", async () => {
    const other = "org.example.teahouse";
    const created = await httpsCall(`${running.url}/api/v1/extensions`, {
      method: "POST",
      headers: admin,
      body: JSON.stringify({
        id: other,
        displayName: "Tea House",
        endpointUrl: ext.url,
        models: { en: { ...good, invocation: { main: "Tea Shop", sub: ["tea shops"] } } },
      }),
    });
    try {
      assert.equal(created.status, 201, created.body.toString());
      const warnings = created.json()["warnings"] as { path: string; message: string }[];
      const main = warnings.find((w) => w.path === "invocation.main");
      assert.match(
        main?.message ?? "",
        /"Tea Shop" is the same as "tea shop" of org\.example\.teashop/,
      );
      const sub = warnings.find((w) => w.path === "invocation.sub[0]");
      assert.match(
        sub?.message ?? "",
        /"tea shops" is close to "tea shop" of org\.example\.teashop/,
      );
      const distinct = await httpsCall(`${running.url}/api/v1/extensions/${other}/models/en`, {
        method: "PUT",
        headers: admin,
        body: JSON.stringify({ ...good, invocation: { main: "herbal corner" } }),
      });
      assert.equal(distinct.status, 200);
      assert.doesNotMatch(JSON.stringify(distinct.json()["warnings"]), /org\.example\.teashop/);
    } finally {
      await httpsCall(`${running.url}/api/v1/extensions/${other}`, {
        method: "DELETE",
        headers: admin,
      });
    }
  });

  it("refuses malformed JSON naming the problem, and the process keeps serving", async () => {
    const answer = await put("/models/en", '{"language": "en", "intents": [');
    assert.equal(answer.status, 400);
    const again = await httpsCall(`${running.url}/api/v1/extensions/${ID}/models/en`, {
      headers: admin,
    });
    assert.equal(again.status, 200);
  });

  it("reads TSV files with a BOM, CRLF, blank lines and trailing tabs (§8.3), and errors name file:line", async () => {
    const dictionary = "\ufeffgreen tea\tsencha\t\r\n\r\nblack tea\tassam\r\n";
    const ok = await put("/models/en/slot-types/TEA", dictionary, "text/tab-separated-values");
    assert.equal(ok.status, 200, ok.body.toString());
    const model = (
      await httpsCall(`${running.url}/api/v1/extensions/${ID}/models/en`, { headers: admin })
    ).json();
    const tea = (
      model["customSlotTypes"] as {
        name: string;
        values: { value: string; synonyms?: string[] }[];
      }[]
    ).find((t) => t.name === "TEA")!;
    assert.deepEqual(
      tea.values.map((v) => v.value),
      ["green tea", "black tea"],
    );
    const bad = await put(
      "/models/en/slot-types/TEA",
      "green tea\tsencha\nblack tea\tsencha\n",
      "text/tab-separated-values",
    );
    assert.ok([400, 422].includes(bad.status));
    assert.match(bad.body.toString(), /TEA\.tsv:2/);
    const intent = await put(
      "/models/en/intents/OrderTea",
      "[INTENT SLOT]\ntea\tTEA\n\n[INTENT EXPRESSION]\nbrew <tea>assam</tea>\n<cups>2</cups> of <tea>sencha</tea>\n",
      "text/tab-separated-values",
    );
    assert.ok([400, 422].includes(intent.status), "a tag naming a slot not in [INTENT SLOT]");
    assert.match(intent.body.toString(), /OrderTea\.tsv:6/);
  });

  it("locates what the whole model refuses in an uploaded intent file by line (§8.3)", async () => {
    const tsv =
      "[INTENT SLOT]\ntea\tTEA\nsize\tCUP_SIZE\n\n[INTENT EXPRESSION]\nbrew <tea>sencha</tea> in a <size>big</size> cup\n";
    const answer = await put("/models/en/intents/OrderTea", tsv, "text/tab-separated-values");
    assert.equal(answer.status, 422, answer.body.toString());
    const error = answer.json()["error"] as {
      message: string;
      issues: { file?: string; line?: number }[];
    };
    assert.match(error.message, /OrderTea\.tsv:3:1: .*slot type CUP_SIZE is not declared/);
    assert.ok(error.issues.some((i) => i.file === "OrderTea.tsv" && i.line === 3));
    const mixed = await put(
      "/models/en/intents/Reschedule",
      "[INTENT SLOT]\nfrom\tCLOVA.DATETIME_RECENT\nto\tCLOVA.DATETIME\n\n[INTENT EXPRESSION]\nmove <from>yesterday</from> to <to>tomorrow</to>\n",
      "text/tab-separated-values",
    );
    assert.equal(mixed.status, 422);
    assert.match(
      (mixed.json()["error"] as { message: string }).message,
      /Reschedule\.tsv: .*CLOVA\.DATETIME and CLOVA\.DATETIME_RECENT/,
    );
  });

  it("replaces an uploaded intent where it stands, so a download uploaded again changes nothing (§8)", async () => {
    const two = {
      ...good,
      intents: [
        ...good.intents,
        { name: "ListTeas", slots: [], utterances: ["what teas do you have", "list your teas"] },
      ],
    };
    assert.equal((await put("/models/en", JSON.stringify(two))).status, 200);
    try {
      const download = await httpsCall(
        `${running.url}/api/v1/extensions/${ID}/models/en/intents/OrderTea`,
        { headers: { authorization: `Bearer ${ADMIN}` } },
      );
      const upload = await put(
        "/models/en/intents/OrderTea",
        download.body.toString("utf8"),
        "text/tab-separated-values",
      );
      assert.equal(upload.status, 200, upload.body.toString());
      const after = (
        await httpsCall(`${running.url}/api/v1/extensions/${ID}/models/en`, { headers: admin })
      ).json();
      assert.deepEqual(after["intents"], two.intents);
    } finally {
      await put("/models/en", JSON.stringify(good));
    }
  });

  it("keeps the first of a repeated representative word in a TSV dictionary and reports its line (§8.3)", async () => {
    const tsv = "green tea\tsencha\nblack tea\tassam\ngreen tea\tmatcha\n";
    const ok = await put("/models/en/slot-types/TEA", tsv, "text/tab-separated-values");
    assert.equal(ok.status, 200, ok.body.toString());
    const warnings = JSON.stringify(ok.json()["warnings"]);
    assert.match(warnings, /green tea/, "the repeat is reported");
    assert.match(warnings, /TEA\.tsv:3|"line":3/, "with its line");
    const model = (
      await httpsCall(`${running.url}/api/v1/extensions/${ID}/models/en`, { headers: admin })
    ).json();
    const tea = (
      model["customSlotTypes"] as {
        name: string;
        values: { value: string; synonyms?: string[] }[];
      }[]
    ).find((t) => t.name === "TEA")!;
    // The first entry as written; the repeat (and its synonym "matcha") is not merged into it.
    assert.deepEqual(tea.values, [
      { value: "green tea", synonyms: ["sencha"] },
      { value: "black tea", synonyms: ["assam"] },
    ]);
    const product = await newProduct(running.url);
    const tokens = await guestTokens(running.url, product, "im-repeat");
    const device = new RawDevice(running.url, tokens.access_token);
    try {
      await device.openDownchannel();
      ext.answer = () => ({ body: speech("ok", true) });
      ext.requests.length = 0;
      await device.event(textRecognize("ask tea shop i want matcha"));
      const slots = ext.requests[0]?.body["request"]?.intent?.slots ?? {};
      assert.notEqual(slots["tea"]?.value, "green tea", "matcha is no synonym of green tea");
    } finally {
      device.close();
      await put("/models/en", JSON.stringify(good));
    }
  });

  it("delivers built-in intents with slots {} and built-in slot values normalized as strings (§3.4, §5)", async () => {
    const product = await newProduct(running.url);
    const tokens = await guestTokens(running.url, product, "im-device");
    const device = new RawDevice(running.url, tokens.access_token);
    try {
      await device.openDownchannel();
      ext.answer = () => ({ body: speech("Which tea?", false) });
      await device.event(textRecognize("open tea shop"));
      ext.requests.length = 0;
      await device.event(textRecognize("yes"));
      const yes = ext.requests[0]?.body["request"];
      assert.deepEqual(yes?.intent, { name: "Clova.YesIntent", slots: {} });
      await device.event(textRecognize("order three cups of sencha"));
      const order = ext.requests[1]?.body["request"];
      assert.equal(order?.intent.name, "OrderTea");
      assert.deepEqual(order?.intent.slots.tea, { name: "tea", value: "green tea" });
      assert.equal(order?.intent.slots.cups.value, "3");
    } finally {
      device.close();
    }
  });

  it("downloads an intent and a slot type as TSV files the upload reads back unchanged (§8)", async () => {
    const restored = await put("/models/en", JSON.stringify(good));
    assert.equal(restored.status, 200, restored.body.toString());
    const download = (path: string) =>
      httpsCall(`${running.url}/api/v1/extensions/${ID}/models/en/${path}`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      });
    const intent = await download("intents/OrderTea");
    assert.equal(intent.status, 200, intent.body.toString());
    assert.match(String(intent.headers["content-type"]), /^text\/tab-separated-values/);
    assert.match(String(intent.headers["content-disposition"]), /filename="OrderTea\.tsv"/);
    const text = intent.body.toString("utf8");
    assert.ok(!text.startsWith("\ufeff"), "no BOM");
    assert.ok(!text.includes("\r"), "LF line ends");
    assert.equal(
      text,
      "[INTENT SLOT]\ntea\tTEA\ncups\tCLOVA.NUMBER\n\n[INTENT EXPRESSION]\n" +
        "order <cups>two</cups> cups of <tea>green tea</tea>\ni want <tea>sencha</tea>\n",
    );
    const slotType = await download("slot-types/TEA");
    assert.equal(slotType.status, 200);
    assert.match(String(slotType.headers["content-disposition"]), /filename="TEA\.tsv"/);
    assert.equal(slotType.body.toString("utf8"), "green tea\tsencha\n");
    const before = (
      await httpsCall(`${running.url}/api/v1/extensions/${ID}/models/en`, { headers: admin })
    ).json();
    assert.equal(
      (await put("/models/en/intents/OrderTea", text, "text/tab-separated-values")).status,
      200,
    );
    assert.equal(
      (
        await put(
          "/models/en/slot-types/TEA",
          slotType.body.toString(),
          "text/tab-separated-values",
        )
      ).status,
      200,
    );
    const after = (
      await httpsCall(`${running.url}/api/v1/extensions/${ID}/models/en`, { headers: admin })
    ).json();
    assert.deepEqual(after["intents"], before["intents"]);
    assert.deepEqual(after["customSlotTypes"], before["customSlotTypes"]);
    assert.equal((await download("intents/NoSuchIntent")).status, 404);
    assert.equal((await download("slot-types/NOPE")).status, 404);
  });

  it("always offers Clova.GuideIntent, and sends unexpected utterances to it while Fallback is off (§3.3)", async () => {
    const withoutGuide = await put("/models/en", JSON.stringify({ ...good, builtinIntents: [] }));
    assert.equal(withoutGuide.status, 200, withoutGuide.body.toString());
    const product = await newProduct(running.url);
    const tokens = await guestTokens(running.url, product, "im-guide");
    const device = new RawDevice(running.url, tokens.access_token);
    try {
      await device.openDownchannel();
      ext.answer = () => ({ body: speech("ok", true) });
      for (const text of ["ask tea shop for help", "ask tea shop about the moon landing"]) {
        ext.requests.length = 0;
        await device.event(textRecognize(text));
        assert.deepEqual(
          ext.requests[0]?.body["request"].intent,
          { name: "Clova.GuideIntent", slots: {} },
          text,
        );
      }
    } finally {
      device.close();
      await put("/models/en", JSON.stringify(good));
    }
  });
  it("sends unexpected utterances to Clova.FallbackIntent once enabled, help still to Clova.GuideIntent (§3.3)", async () => {
    const withFallback = {
      ...good,
      builtinIntents: ["Clova.GuideIntent", "Clova.FallbackIntent"],
    };
    assert.equal((await put("/models/en", JSON.stringify(withFallback))).status, 200);
    const product = await newProduct(running.url);
    const tokens = await guestTokens(running.url, product, "im-fallback");
    const device = new RawDevice(running.url, tokens.access_token);
    try {
      await device.openDownchannel();
      ext.answer = () => ({ body: speech("ok", true) });
      for (const [text, name] of [
        ["ask tea shop for help", "Clova.GuideIntent"],
        ["ask tea shop about the moon landing", "Clova.FallbackIntent"],
      ]) {
        ext.requests.length = 0;
        await device.event(textRecognize(text!));
        assert.deepEqual(ext.requests[0]?.body["request"].intent, { name, slots: {} }, text);
      }
    } finally {
      device.close();
      await put("/models/en", JSON.stringify(good));
    }
  });
  it("gives a model that selects no built-in intents the default Guide, Cancel, Yes and No (§3.3)", async () => {
    const { builtinIntents: _omitted, ...unselected } = good;
    assert.equal((await put("/models/en", JSON.stringify(unselected))).status, 200);
    const stored = (
      await httpsCall(`${running.url}/api/v1/extensions/${ID}/models/en`, { headers: admin })
    ).json();
    assert.deepEqual(stored["builtinIntents"], [
      "Clova.GuideIntent",
      "Clova.CancelIntent",
      "Clova.YesIntent",
      "Clova.NoIntent",
    ]);
    const product = await newProduct(running.url);
    const tokens = await guestTokens(running.url, product, "im-default-builtins");
    const device = new RawDevice(running.url, tokens.access_token);
    try {
      await device.openDownchannel();
      ext.answer = () => ({ body: speech("Shall I brew it?", false) });
      await device.event(textRecognize("open tea shop"));
      for (const [text, name] of [
        ["no", "Clova.NoIntent"],
        ["cancel", "Clova.CancelIntent"],
      ]) {
        ext.requests.length = 0;
        await device.event(textRecognize(text!));
        assert.deepEqual(ext.requests[0]?.body["request"].intent, { name, slots: {} }, text);
      }
    } finally {
      ext.answer = () => ({ body: speech("ok", true) });
      await device.event(textRecognize("stop"));
      device.close();
      await put("/models/en", JSON.stringify(good));
    }
  });
});
