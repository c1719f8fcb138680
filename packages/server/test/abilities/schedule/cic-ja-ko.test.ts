// The schedule through real CIC with the reference device, in Japanese and Korean.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { DeviceClient } from "@clover/device";
import { type CicSchedule, names, spoken, startCicSchedule } from "./cic.js";

// Friday, December 4, 2026, 01:00 UTC (devices without a zone are on UTC).
const NOW = Date.UTC(2026, 11, 4, 1, 0, 0);

describe("schedule through CIC (ja, ko)", () => {
  let cic: CicSchedule;
  let ja: DeviceClient;
  let ko: DeviceClient;

  before(async () => {
    cic = await startCicSchedule(NOW);
    ja = await cic.device("living-ja");
    ko = await cic.device("living-ko");
  });
  after(() => cic?.close());

  it("ja: adds, asks back, reads the day and cancels after a confirmation", async () => {
    const added = await ja.sendText("明日の午後3時に歯医者の予定を入れて");
    assert.equal(spoken(added), "明日の午後3時に「歯医者」を追加しました。");
    const ask = await ja.sendText("明日の予定を追加して");
    assert.equal(spoken(ask), "予定の名前は何にしますか？");
    assert.ok(names(ask).includes("SpeechRecognizer.ExpectSpeech"));
    const time = await ja.sendText("ミカさんとランチ");
    assert.equal(spoken(time), "「ミカさんとランチ」は何時からですか？");
    const done = await ja.sendText("12時");
    assert.equal(spoken(done), "明日の午後0時に「ミカさんとランチ」を追加しました。");
    const day = await ja.sendText("明日の予定は");
    assert.equal(
      spoken(day),
      "明日の予定は2件です。午後0時からミカさんとランチ、午後3時から歯医者。",
    );
    const confirm = await ja.sendText("歯医者の予定をキャンセルして");
    assert.equal(spoken(confirm), "明日の午後3時の「歯医者」を取り消しますか？");
    const yes = await ja.sendText("はい");
    assert.equal(spoken(yes), "「歯医者」を取り消しました。");
  });

  it("leaves moving an alarm to the alerts, with events in the calendar (ja, ko)", async () => {
    const said = [
      [
        "alarm-ja",
        "明後日の午後3時に歯医者の予定を入れて",
        "明後日の朝7時にアラームをセットして",
        "アラームを7時半に変更して",
      ],
      [
        "alarm-ko",
        "모레 오후 3시에 치과 일정 추가해줘",
        "모레 아침 6시에 알람 맞춰줘",
        "알람 6시 반으로 바꿔줘",
      ],
    ] as const;
    for (const [id, event, alarm, move] of said) {
      const device = await cic.device(id);
      await device.sendText(event);
      assert.ok(names(await device.sendText(alarm)).includes("Alerts.SetAlert"), alarm);
      const moved = await device.sendText(move);
      assert.ok(names(moved).includes("Alerts.SetAlert"), `${move}: ${spoken(moved)}`);
      assert.ok(!names(moved).includes("SpeechRecognizer.ExpectSpeech"), spoken(moved));
    }
  });

  it("ja: memos", async () => {
    assert.equal(
      spoken(await ja.sendText("牛乳を買うってメモして")),
      "「牛乳を買う」とメモしました。",
    );
    assert.equal(spoken(await ja.sendText("メモを読んで")), "メモは1件です。牛乳を買う");
  });

  it("ko: adds a weekly event, answers the next one and moves it after a confirmation", async () => {
    const added = await ko.sendText("매주 월요일 10시에 팀 회의 일정 추가해줘");
    assert.equal(
      spoken(added),
      "매주 월요일 오전 10시 '팀 회의' 일정을 추가했어요. 첫 일정은 12월 7일 월요일입니다.",
    );
    const next = await ko.sendText("다음 일정 뭐야");
    assert.equal(spoken(next), "다음 일정은 12월 7일 월요일 오전 10시 '팀 회의'입니다.");
    const confirm = await ko.sendText("팀 회의 오전 11시로 옮겨줘");
    assert.equal(
      spoken(confirm),
      "'팀 회의' 일정을 12월 7일 월요일 오전 10시에서 12월 7일 월요일 오전 11시(으)로 옮길까요?",
    );
    const yes = await ko.sendText("네");
    assert.equal(spoken(yes), "'팀 회의' 일정을 12월 7일 월요일 오전 11시(으)로 옮겼어요.");
    const week = await ko.sendText("다음 주 일정 알려줘");
    assert.equal(
      spoken(week),
      "12월 7일 월요일부터 12월 13일 일요일까지 일정은 1개입니다. 12월 7일 월요일에는 오전 11시 팀 회의.",
    );
  });

  it("ko: memos with a confirmation before deleting", async () => {
    assert.equal(spoken(await ko.sendText("우유 사기 메모해줘")), "'우유 사기' 메모했어요.");
    assert.equal(
      spoken(await ko.sendText("마지막 메모 삭제해줘")),
      "마지막 메모 '우유 사기'을 삭제할까요?",
    );
    assert.equal(spoken(await ko.sendText("아니요")), "그대로 둘게요.");
    assert.equal(spoken(await ko.sendText("메모 읽어줘")), "메모가 1개 있습니다. 우유 사기");
  });
});
