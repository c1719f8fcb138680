// The schedule's questions through real CIC in all three languages: "what's next", "do I have
// anything at 3 pm on Friday", "this weekend", "on the 12th", a day without a time answered by
// "At what time?" over two turns, and a confirmation before cancelling (no keeps it, yes
// cancels). Said on Wednesday, December 2, 2026 at 10:00 UTC (devices without a zone).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { DeviceClient } from "@clover/device";
import { type CicSchedule, names, spoken, startCicSchedule } from "./cic.js";

const NOW = Date.UTC(2026, 11, 2, 10, 0, 0);

interface Script {
  /** Friday 3 pm, Saturday 9 am, the 12th at 6 pm. */
  add: [string, string, string];
  next: [string, RegExp];
  atThreeOnFriday: [string, RegExp];
  weekend: [string, RegExp];
  twelfth: [string, RegExp];
  /** Adding for tomorrow without a time: the question, the answer, the confirmation. */
  withoutTime: [string, string, string, string];
  cancel: [string, string, string, string, string, string];
}

const SCRIPTS: Record<"en" | "ja" | "ko", Script> = {
  en: {
    add: [
      "add dentist on Friday at 3 pm",
      "add hiking on Saturday at 9 am",
      "add book club on the 12th at 6 pm",
    ],
    next: ["what's next", /^Next is dentist, Friday, December 4 at 3 PM\.$/],
    atThreeOnFriday: ["do I have anything at 3 pm on Friday", /dentist/],
    weekend: ["what's on my schedule this weekend", /hiking/],
    twelfth: ["what do I have on the 12th", /book club/],
    withoutTime: [
      "add a haircut tomorrow",
      "At what time is haircut?",
      "11 am",
      "OK, I added haircut tomorrow at 11 AM.",
    ],
    cancel: [
      "cancel the haircut",
      "Cancel haircut tomorrow at 11 AM?",
      "no",
      "OK, I left it as it was.",
      "yes",
      "OK, I cancelled haircut.",
    ],
  },
  ja: {
    add: [
      "金曜日の午後3時に歯医者の予定を入れて",
      "土曜日の午前9時に山登りの予定を入れて",
      "12日の午後6時に読書会の予定を入れて",
    ],
    next: ["次の予定は", /歯医者/],
    atThreeOnFriday: ["金曜日の午後3時は何か予定ある", /歯医者/],
    weekend: ["今週末の予定は", /山登り/],
    twelfth: ["12日の予定は何", /読書会/],
    withoutTime: [
      "明日美容院の予定を入れて",
      "「美容院」は何時からですか？",
      "午前11時",
      "明日の午前11時に「美容院」を追加しました。",
    ],
    cancel: [
      "美容院の予定をキャンセルして",
      "明日の午前11時の「美容院」を取り消しますか？",
      "いいえ",
      "",
      "はい",
      "「美容院」を取り消しました。",
    ],
  },
  ko: {
    add: [
      "금요일 오후 3시에 치과 일정 추가해줘",
      "토요일 오전 9시에 등산 일정 추가해줘",
      "12일 오후 6시에 독서 모임 일정 넣어줘",
    ],
    next: ["다음 일정 뭐야", /치과/],
    atThreeOnFriday: ["금요일 오후 3시 일정 있어", /치과/],
    weekend: ["이번 주말 일정 알려줘", /등산/],
    twelfth: ["12일 일정이 뭐야", /독서 모임/],
    withoutTime: ["내일 미용실 일정 추가해줘", "", "오전 11시", ""],
    cancel: ["미용실 일정 취소해줘", "", "아니요", "그대로 둘게요.", "네", ""],
  },
};

const TOMORROW: Record<string, string> = {
  en: "what's on my schedule tomorrow",
  ja: "明日の予定は",
  ko: "내일 일정 알려줘",
};

/** An expected answer: exact when given, else only that something was said. */
function says(actual: string, expected: string | RegExp, turn: string): void {
  if (expected instanceof RegExp) assert.match(actual, expected, turn);
  else if (expected !== "") assert.equal(actual, expected, turn);
  else assert.notEqual(actual, "", turn);
}

describe("schedule questions through CIC (en, ja, ko)", () => {
  let cic: CicSchedule;

  before(async () => {
    cic = await startCicSchedule(NOW);
  });
  after(() => cic?.close());

  for (const [language, script] of Object.entries(SCRIPTS)) {
    describe(language, () => {
      let device: DeviceClient;
      before(async () => {
        device = await cic.device(`speaker-${language}`);
        for (const text of script.add) {
          const added = await device.sendText(text);
          console.log(
            text,
            "=>",
            spoken(added),
            names(added).join(),
            JSON.stringify(added.directives.find((d) => d.header.namespace === "Alerts")?.payload),
          );
          assert.doesNotMatch(spoken(added), /\?|？$/, `${text} → ${spoken(added)}`);
        }
      });

      for (const key of ["next", "atThreeOnFriday", "weekend", "twelfth"] as const) {
        it(`answers ${key}: ${script[key][0]}`, async () => {
          const [text, expected] = script[key];
          const answer = await device.sendText(text);
          says(spoken(answer), expected, text);
        });
      }

      it("asks 'At what time?' for a day without a time and adds on the answer", async () => {
        const [text, question, reply, done] = script.withoutTime;
        const ask = await device.sendText(text);
        says(spoken(ask), question, text);
        assert.ok(names(ask).includes("SpeechRecognizer.ExpectSpeech"), names(ask).join());
        const added = await device.sendText(reply);
        says(spoken(added), done, reply);
        assert.match(spoken(await device.sendText(TOMORROW[language]!)), /11/);
      });

      it("confirms before cancelling: no keeps the event, yes cancels it", async () => {
        const [text, question, no, kept, yes, cancelled] = script.cancel;
        const ask = await device.sendText(text);
        says(spoken(ask), question, text);
        assert.ok(names(ask).includes("SpeechRecognizer.ExpectSpeech"));
        says(spoken(await device.sendText(no)), kept, no);
        assert.match(spoken(await device.sendText(TOMORROW[language]!)), /11/, "kept");
        await device.sendText(text);
        says(spoken(await device.sendText(yes)), cancelled, yes);
        assert.doesNotMatch(spoken(await device.sendText(TOMORROW[language]!)), /11/, "cancelled");
      });
    });
  }
});
