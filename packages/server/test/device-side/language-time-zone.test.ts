// The time zone a turn is read in when nothing says where the device is (interaction-model.md
// §5.2: "the device's time zone, else the locale default"): a ja device's dates and times are
// Tokyo's, a ko device's Seoul's, an en device's UTC — unless the operator set
// CLOVER_DEFAULT_TIME_ZONE, which then holds for every language. Through real CIC: the clock's
// answer, the alarm's scheduledTime, and the CLOVA.DATETIME slot an extension receives.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { type CicDirectiveMessage, DeviceClient, type EventResponse, logIn } from "@clover/device";
import type { Language } from "../../src/assistant/turn.js";
import { type CloverServer, startClover } from "../../src/main.js";
import { testCloverConfig } from "../helpers/clover.js";
import { SPEAKER_CONTEXT } from "../helpers/devices.js";
import { answer, startExtension, type TestExtension } from "../helpers/extension-server.js";
import { managementApi } from "../helpers/management-api.js";
import { tempDir } from "../helpers/platform.js";

const ADMIN = "test-admin-token";
/** Saturday 2026-03-07 01:00 UTC: 10:00 in Tokyo and Seoul. */
const NOW = Date.parse("2026-03-07T01:00:00Z");

const forecast = (language: Language, main: string, utterances: string[]) => ({
  language,
  invocation: { main },
  builtinIntents: ["Clova.GuideIntent"],
  builtinSlotTypes: ["CLOVA.DATETIME"],
  intents: [{ name: "Forecast", slots: [{ name: "when", type: "CLOVA.DATETIME" }], utterances }],
});
const EXTENSION = {
  id: "org.example.zonebird",
  displayName: "Zone Bird",
  models: {
    en: forecast("en", "zone bird", ["forecast for <when>tomorrow at 7 am</when>"]),
    ja: forecast("ja", "ゾーンバード", ["<when>明日の朝7時</when>の天気"]),
    ko: forecast("ko", "존버드", ["<when>내일 아침 7시</when> 날씨"]),
  },
};
/** What each language says: launch, the dated question, the time, an alarm. */
const SAY: Record<Language, { launch: string; when: string; time: string; alarm: string }> = {
  en: {
    launch: "open zone bird",
    when: "forecast for tomorrow at 7 am",
    time: "what time is it",
    alarm: "set an alarm for 7 am tomorrow",
  },
  ja: {
    launch: "ゾーンバードを起動して",
    when: "明日の朝7時の天気",
    time: "今何時",
    alarm: "明日の朝7時にアラームをセットして",
  },
  ko: {
    launch: "존버드 시작해",
    when: "내일 아침 7시 날씨",
    time: "지금 몇 시야",
    alarm: "내일 아침 7시에 알람 맞춰 줘",
  },
};

const spokenOf = (response: EventResponse) =>
  response.directives
    .filter((d) => d.header.name === "RenderText")
    .map((d) => String(d.payload["text"]))
    .join(" ");
const find = (response: EventResponse, name: string): CicDirectiveMessage | undefined =>
  response.directives.find((d) => d.header.name === name);

/** A Clover with the given environment, a real extension and one account per test device. */
async function startZoneWorld(env: Record<string, string>) {
  const dataDir = tempDir("clover-language-zone-");
  const server: CloverServer = await startClover({
    config: testCloverConfig(dataDir, ADMIN, {
      CLOVER_EXTENSION_NETWORKS: "loopback",
      CLOVER_EXAMPLES: "off",
      ...env,
    }),
    clock: { now: () => NOW },
  });
  const api = managementApi(server.url, ADMIN);
  const ext: TestExtension = await startExtension((request) =>
    request.request.type === "IntentRequest"
      ? { body: answer(String(request.request.intent.slots?.when?.value ?? "none")) }
      : { body: answer("hello", { end: false }) },
  );
  const registered = await api("POST", "/api/v1/extensions", {
    ...EXTENSION,
    endpointUrl: ext.url,
  });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  const client = (await api("POST", "/api/v1/device-clients", { name: "zone speaker" })).body as {
    clientId: string;
    clientSecret: string;
  };
  const devices: DeviceClient[] = [];
  let n = 0;
  return {
    api,
    ext,
    /** A new device of a new account (with `timeZone` in its profile when given). */
    async device(timeZone?: string): Promise<DeviceClient> {
      const account = (await api("POST", "/api/v1/accounts", {})).body as {
        userId: string;
        accountToken: string;
      };
      await api("PUT", `/api/v1/extensions/${EXTENSION.id}/users/${account.userId}`, {});
      if (timeZone) {
        const saved = await api("PUT", `/api/v1/users/${account.userId}/profile`, { timeZone });
        assert.equal(saved.status, 200, JSON.stringify(saved.body));
      }
      const tokens = await logIn(
        { url: server.url, ...client, deviceId: `zone-${++n}`, modelId: "ZN-1" },
        account.accountToken,
      );
      const device = new DeviceClient({
        url: server.url,
        accessToken: tokens.access_token,
        context: SPEAKER_CONTEXT,
      });
      await device.openDownchannel();
      devices.push(device);
      return device;
    },
    async close() {
      for (const device of devices) device.close();
      await server.close();
      await ext.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
type ZoneWorld = Awaited<ReturnType<typeof startZoneWorld>>;

/** The DATETIME value the extension received for the language's dated question. */
async function slotValue(world: ZoneWorld, language: Language): Promise<string> {
  const device = await world.device();
  const launched = await device.sendText(SAY[language].launch);
  assert.equal(spokenOf(launched), "hello", `${language} launch: ${spokenOf(launched)}`);
  const from = world.ext.received.length;
  await device.sendText(SAY[language].when);
  const intent = await world.ext.waitForRequest(
    (body) => body.request.type === "IntentRequest",
    from,
  );
  const slot = intent.body.request.intent.slots.when;
  assert.equal(slot.valueType, "DATETIME", JSON.stringify(slot));
  return String(slot.value);
}

describe("the time zone of a language when nothing says where the device is (§5.2)", () => {
  let world: ZoneWorld;
  before(async () => {
    world = await startZoneWorld({});
  });
  after(() => world?.close());

  it("a ja device is read in Asia/Tokyo, a ko device in Asia/Seoul, an en device in UTC", async () => {
    const offsets: Record<Language, string> = { en: "+00:00", ja: "+09:00", ko: "+09:00" };
    for (const language of ["ja", "ko", "en"] as const) {
      assert.equal(await slotValue(world, language), `2026-03-08T07:00:00${offsets[language]}`);
    }
    const device = await world.device();
    assert.match(spokenOf(await device.sendText(SAY.ja.time)), /10時/);
    assert.match(spokenOf(await device.sendText(SAY.ko.time)), /10시/);
    assert.match(spokenOf(await device.sendText(SAY.en.time)), /\b1 AM\b/);
  });

  it("the alarm a ja or ko user sets is at 7 on their own clock", async () => {
    for (const language of ["ja", "ko"] as const) {
      const device = await world.device();
      const set = find(await device.sendText(SAY[language].alarm), "SetAlert");
      assert.ok(set, `${language}: no SetAlert`);
      assert.equal(
        Date.parse(String(set.payload["scheduledTime"])),
        Date.parse("2026-03-07T22:00:00Z"),
      );
    }
  });

  it("the account's profile still comes before the language", async () => {
    const device = await world.device("America/New_York");
    assert.match(spokenOf(await device.sendText(SAY.ja.time)), /午後8時/);
  });
});

describe("an operator's CLOVER_DEFAULT_TIME_ZONE holds for every language", () => {
  let world: ZoneWorld;
  before(async () => {
    world = await startZoneWorld({ CLOVER_DEFAULT_TIME_ZONE: "UTC" });
  });
  after(() => world?.close());

  it("a ja device is read in the configured zone", async () => {
    assert.equal(await slotValue(world, "ja"), "2026-03-08T07:00:00+00:00");
    const device = await world.device();
    assert.match(spokenOf(await device.sendText(SAY.ja.time)), /午前1時/);
  });
});
