import { compileModel } from "./packages/nlu/src/index.ts";
import { en } from "./packages/server/src/abilities/alerts/models/en.ts";
import { ja } from "./packages/server/src/abilities/alerts/models/ja.ts";
import { ko } from "./packages/server/src/abilities/alerts/models/ko.ts";
const models = { en, ja, ko } as const;
const rec: any = {};
for (const [l, m] of Object.entries(models)) { const t = Date.now(); rec[l] = compileModel({ ...m, invocation: { main: "alerts" } } as any); console.log(l, "compiled", Date.now()-t, "ms"); }
const ref = new Date("2026-03-07T10:00:00Z");
const lines = process.argv.slice(2).length ? process.argv.slice(2) : [
 "en|set an alarm for 6 am", "en|wake me up at 7:45 tomorrow", "en|set a timer for 12 minutes", "en|set a pizza timer for 15 minutes",
 "en|remind me to call dad at 5 pm", "en|turn off the bedroom light in 20 minutes", "en|what alarms do i have", "en|cancel the pasta timer",
 "en|delete all alarms", "en|move my 7 am alarm to 7:30", "en|stop", "en|snooze", "en|set an alarm for 7 every weekday", "en|how long is left on my timer",
 "en|what's the weather", "en|play some music", "en|set an alarm every tuesday at 6:15", "en|remind me to feed the dog every day at 8 am",
 "ja|明日の朝8時に薬を飲むとリマインドして", "ja|5分のタイマー", "ja|30分後に音楽を止めて", "ja|7時のアラームを消して", "ja|毎朝6時半に起こして",
 "ko|5분 타이머", "ko|내일 아침 7시에 알람 맞춰줘", "ko|30분 후에 음악 꺼줘", "ko|알람 전부 삭제해줘", "ko|오늘 날씨 어때",
];
for (const line of lines) {
  const [l, t] = line.split("|");
  const r = rec[l!].recognize(t!, { referenceTime: ref, timeZone: "Asia/Tokyo" });
  console.log(t, "=>", r.intent, r.confidence.toFixed(2), r.layer, JSON.stringify(Object.fromEntries(Object.entries(r.slots).map(([k, v]: any) => [k, [v.raw, v.value]]))));
}
