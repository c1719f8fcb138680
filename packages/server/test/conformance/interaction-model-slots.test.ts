// What an extension receives for each kind of slot (interaction-model.md §4, §5, §6;
// cek-custom-extension.md §3.6, §7.5): a raw HTTP/2 device speaks Japanese and Korean inside a
// session of a raw extension, and the `intent` object of every IntentRequest is compared whole —
// `value` always a string, `valueType` only for dates, `unit` only for number + unit types,
// custom synonyms as their representative word, slots not said left out, built-in intents
// with `slots: {}`.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SPEAKER_CONTEXT } from "../helpers/devices.js";
import { type ExtensionRig, extensionRig, speech, textRecognize, until } from "./raw.js";

const ID = "org.example.bakeryslots";
const BUILTIN_INTENTS = [
  "Clova.GuideIntent",
  "Clova.CancelIntent",
  "Clova.YesIntent",
  "Clova.NoIntent",
];

const ja = {
  language: "ja",
  invocation: { main: "パン工房ボット" },
  builtinIntents: BUILTIN_INTENTS,
  builtinSlotTypes: [
    "CLOVA.NUMBER",
    "CLOVA.DATETIME",
    "CLOVA.DURATION",
    "CLOVA.WHOLE_NUMBER",
    "CLOVA.MONEY",
    "CLOVA.UNIT_GENERAL",
  ],
  customSlotTypes: [
    {
      name: "BREAD_KIND",
      values: [
        { value: "バゲット", synonyms: ["フランスパン", "バケット"] },
        { value: "クロワッサン", synonyms: ["クロワッサンパン"] },
        { value: "食パン", synonyms: ["角食"] },
      ],
    },
  ],
  intents: [
    {
      // §5.4: only the digits are tagged, so CLOVA.NUMBER sends no unit.
      name: "ReserveBread",
      slots: [
        { name: "breadKind", type: "BREAD_KIND" },
        { name: "breadCount", type: "CLOVA.NUMBER" },
      ],
      utterances: [
        "<breadKind>バゲット</breadKind>を<breadCount>2</breadCount>本予約して",
        "<breadKind>クロワッサン</breadKind>を<breadCount>3</breadCount>個予約して",
        "<breadKind>食パン</breadKind>を<breadCount>1</breadCount>斤予約して",
        "<breadKind>バゲット</breadKind>を予約して",
      ],
    },
    {
      // §5.4: number and counter tagged together, so CLOVA.NUMBER sends value + unit.
      name: "ReserveSeat",
      slots: [{ name: "seats", type: "CLOVA.NUMBER" }],
      utterances: [
        "<seats>2席</seats>取っておいて",
        "<seats>4名</seats>で席を取っておいて",
        "席を<seats>3席</seats>取っておいて",
      ],
    },
    {
      name: "SetPickup",
      slots: [{ name: "when", type: "CLOVA.DATETIME" }],
      utterances: [
        "<when>明日の3時</when>に受け取りに行く",
        "<when>金曜日</when>に受け取りに行く",
        "<when>来週の月曜</when>に受け取りに行く",
      ],
    },
    {
      name: "SetTimer",
      slots: [{ name: "length", type: "CLOVA.DURATION" }],
      utterances: [
        "<length>10分</length>のタイマーをかけて",
        "<length>1時間</length>のタイマーをかけて",
      ],
    },
    {
      name: "CallShop",
      slots: [{ name: "phone", type: "CLOVA.WHOLE_NUMBER" }],
      utterances: ["<phone>0312 7788</phone>に電話して", "<phone>090 1234 5678</phone>に電話して"],
    },
    {
      name: "PayMoney",
      slots: [{ name: "amount", type: "CLOVA.MONEY" }],
      utterances: ["<amount>500円</amount>払って", "<amount>3千円</amount>払って"],
    },
    {
      // §5.4: unit-only types are tagged on the unit alone.
      name: "BagCount",
      slots: [{ name: "bagUnit", type: "CLOVA.UNIT_GENERAL" }],
      utterances: ["袋は2<bagUnit>枚</bagUnit>ください", "袋は1<bagUnit>つ</bagUnit>ください"],
    },
  ],
};

const ko = {
  language: "ko",
  invocation: { main: "빵집 봇" },
  builtinIntents: BUILTIN_INTENTS,
  builtinSlotTypes: ["CLOVA.NUMBER", "CLOVA.MONEY"],
  customSlotTypes: [
    {
      name: "BREAD_KIND",
      values: [
        { value: "바게트", synonyms: ["바게뜨"] },
        { value: "크루아상", synonyms: ["크로와상"] },
      ],
    },
  ],
  intents: [
    {
      name: "ReserveBread",
      slots: [
        { name: "breadKind", type: "BREAD_KIND" },
        { name: "breadCount", type: "CLOVA.NUMBER" },
      ],
      utterances: [
        "<breadKind>바게트</breadKind> <breadCount>두 개</breadCount> 예약해줘",
        "<breadKind>크루아상</breadKind> <breadCount>세 개</breadCount> 예약해줘",
        "<breadKind>바게트</breadKind> 예약해줘",
      ],
    },
    {
      name: "PayMoney",
      slots: [{ name: "amount", type: "CLOVA.MONEY" }],
      utterances: ["<amount>오천 원</amount> 결제해줘", "<amount>만 원</amount> 결제해줘"],
    },
  ],
};

/** The device's clock says +09:00: dates resolve in that zone (§5.2). */
const TOKYO_CONTEXT = [
  ...SPEAKER_CONTEXT,
  {
    header: { namespace: "Device", name: "DeviceState" },
    payload: { localTime: "2024-02-03T07:44:58+09:00" },
  },
];

/** YYYY-MM-DD of now + `days` at UTC+9. */
function dateInTokyo(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
}

describe("slots as the extension receives them (interaction-model.md §4–§6, CEK §3.6)", () => {
  let rig: ExtensionRig;

  const say = (text: string) =>
    rig.device.event({ ...textRecognize(text), context: TOKYO_CONTEXT });
  /** Says `text` inside an open session; the intent object the extension received. */
  const intentOf = async (text: string) => {
    rig.ext.requests.length = 0;
    rig.ext.answer = () => ({ body: speech("はい", false) });
    await say(text);
    const sent = rig.ext.requests.map((r) => r.body);
    assert.equal(sent.length, 1, `${text}: ${JSON.stringify(sent)}`);
    assert.equal(sent[0]?.["request"]?.type, "IntentRequest", text);
    assert.equal(sent[0]?.["session"]?.new, false, `${text} continues the session`);
    return sent[0]?.["request"].intent;
  };
  /** The exit phrase of the session the last test left open (§9.3), if any. */
  let openSession: string | undefined;
  const launch = async (text: string, exit: string) => {
    rig.ext.requests.length = 0;
    rig.ext.answer = () => ({ body: speech("ok", true) });
    if (openSession) {
      await say(openSession);
      const ended = () =>
        rig.ext.requests.some((r) => r.body["request"]?.type === "SessionEndedRequest");
      await until(ended, 5000, "the SessionEndedRequest of the last session");
    }
    rig.ext.requests.length = 0;
    rig.ext.answer = () => ({ body: speech("いらっしゃいませ", false) });
    await say(text);
    assert.equal(rig.ext.requests[0]?.body["request"]?.type, "LaunchRequest", text);
    openSession = exit;
  };

  before(async () => {
    rig = await extensionRig({
      registration: { id: ID, displayName: "Bakery Slots", models: { ja, ko } },
      deviceId: "slots-1",
    });
  });
  after(() => rig?.close());

  it("delivers each Japanese built-in slot type in its §5 format, and custom synonyms as the representative word (§6)", async () => {
    await launch("パン工房ボットを起動して", "終了して");
    const cases: [string, unknown][] = [
      [
        "フランスパンを5本予約して",
        {
          name: "ReserveBread",
          slots: {
            breadKind: { name: "breadKind", value: "バゲット" },
            breadCount: { name: "breadCount", value: "5" },
          },
        },
      ],
      [
        "角食を予約して",
        { name: "ReserveBread", slots: { breadKind: { name: "breadKind", value: "食パン" } } },
      ],
      [
        "6席取っておいて",
        { name: "ReserveSeat", slots: { seats: { name: "seats", value: "6", unit: "席" } } },
      ],
      [
        "30分のタイマーをかけて",
        { name: "SetTimer", slots: { length: { name: "length", value: "PT30M" } } },
      ],
      [
        "0120 4444に電話して",
        { name: "CallShop", slots: { phone: { name: "phone", value: "01204444" } } },
      ],
      [
        "2千円払って",
        { name: "PayMoney", slots: { amount: { name: "amount", value: "2000", unit: "JPY" } } },
      ],
      [
        "袋は3枚ください",
        { name: "BagCount", slots: { bagUnit: { name: "bagUnit", value: "枚" } } },
      ],
    ];
    for (const [text, expected] of cases) assert.deepEqual(await intentOf(text), expected, text);
    // CLOVA.DATETIME: date + time with the device's UTC offset, valueType DATETIME (§5.2).
    const before = dateInTokyo(1);
    const pickup = await intentOf("明日の5時に受け取りに行く");
    const after = dateInTokyo(1);
    assert.ok(
      [before, after].some(
        (day) =>
          JSON.stringify(pickup) ===
          JSON.stringify({
            name: "SetPickup",
            slots: {
              when: { name: "when", value: `${day}T05:00:00+09:00`, valueType: "DATETIME" },
            },
          }),
      ),
      JSON.stringify(pickup),
    );
  });

  it("delivers the Japanese built-in intents with slots {}, and Clova.CancelIntent keeps the session (§3.4)", async () => {
    await launch("パン工房ボットを起動して", "終了して");
    for (const [text, name] of [
      ["はい", "Clova.YesIntent"],
      ["いいえ", "Clova.NoIntent"],
      ["キャンセル", "Clova.CancelIntent"],
      ["使い方を教えて", "Clova.GuideIntent"],
    ])
      assert.deepEqual(await intentOf(text!), { name, slots: {} }, text);
  });

  it("delivers Korean slots and built-in intents the same way", async () => {
    await launch("빵집 봇 시작해줘", "종료");
    assert.deepEqual(await intentOf("바게뜨 세 개 예약해줘"), {
      name: "ReserveBread",
      slots: {
        breadKind: { name: "breadKind", value: "바게트" },
        breadCount: { name: "breadCount", value: "3", unit: "개" },
      },
    });
    assert.deepEqual(await intentOf("삼천 원 결제해줘"), {
      name: "PayMoney",
      slots: { amount: { name: "amount", value: "3000", unit: "KRW" } },
    });
    for (const [text, name] of [
      ["네", "Clova.YesIntent"],
      ["아니", "Clova.NoIntent"],
      ["취소", "Clova.CancelIntent"],
      ["도움말", "Clova.GuideIntent"],
    ])
      assert.deepEqual(await intentOf(text!), { name, slots: {} }, text);
  });
});
