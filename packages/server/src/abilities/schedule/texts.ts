// The schedule's sentences in en, ja and ko (event names and times are spoken by words.ts).
import type { Language } from "../../assistant/turn.js";

export interface Texts {
  askSubject: string;
  askTime: (subject: string) => string;
  askWhen: (subject: string) => string;
  added: (subject: string, when: string) => string;
  addedRepeat: (subject: string, repeat: string, first: string) => string;
  reminder: (minutes: number) => string;
  reminderSet: (subject: string, minutes: number) => string;
  nothingToRemind: string;
  confirmCancel: (event: string, when: string) => string;
  confirmCancelOne: (event: string, when: string) => string;
  cancelled: (event: string) => string;
  confirmMove: (event: string, from: string, to: string) => string;
  moved: (event: string, to: string) => string;
  askMoveTo: (event: string) => string;
  keptIt: string;
  notFound: (what: string) => string;
  notFoundAt: (when: string) => string;
  which: (choices: string) => string;
  next: (event: string, when: string) => string;
  nothingNext: string;
  found: (event: string, when: string) => string;
  freeAt: (when: string) => string;
  busyAt: (when: string, events: string) => string;
  askMemo: string;
  memoAdded: (text: string) => string;
  noMemos: string;
  memos: (count: number, list: string) => string;
  confirmDeleteLast: (text: string) => string;
  confirmDeleteAll: (count: number) => string;
  memoDeleted: string;
  memosDeleted: (count: number) => string;
  yesOrNo: string;
  unauthorized: string;
  unreachable: string;
  conflict: string;
  failed: string;
  /** "this week", "today"… for agenda heads; the day names come from words.ts. */
  thisWeek: string;
  week: string;
  between: (from: string, to: string) => string;
}

const minutesEn = (m: number) =>
  m % 1440 === 0
    ? `${m / 1440} ${m === 1440 ? "day" : "days"}`
    : m % 60 === 0
      ? `${m / 60} ${m === 60 ? "hour" : "hours"}`
      : `${m} ${m === 1 ? "minute" : "minutes"}`;
const minutesJa = (m: number) =>
  m % 1440 === 0 ? `${m / 1440}日` : m % 60 === 0 ? `${m / 60}時間` : `${m}分`;
const minutesKo = (m: number) =>
  m % 1440 === 0 ? `${m / 1440}일` : m % 60 === 0 ? `${m / 60}시간` : `${m}분`;

export const TEXTS: Record<Language, Texts> = {
  en: {
    askSubject: "What should I call the event?",
    askTime: (s) => `At what time is ${s}?`,
    askWhen: (s) => `When is ${s}?`,
    added: (s, w) => `OK, I added ${s} ${w}.`,
    addedRepeat: (s, r, f) => `OK, I added ${s} ${r}, starting ${f}.`,
    reminder: (m) => ` I'll remind you ${minutesEn(m)} before.`,
    reminderSet: (s, m) => `OK, I'll remind you ${minutesEn(m)} before ${s}.`,
    nothingToRemind: "Which event should I remind you of? Ask me when you add it.",
    confirmCancel: (e, w) => `Cancel ${e} ${w}?`,
    confirmCancelOne: (e, w) => `Cancel ${e} ${w}? Only that one; the others stay.`,
    cancelled: (e) => `OK, I cancelled ${e}.`,
    confirmMove: (e, f, t) => `Move ${e} from ${f} to ${t}?`,
    moved: (e, t) => `OK, ${e} is now ${t}.`,
    askMoveTo: (e) => `When should I move ${e} to?`,
    keptIt: "OK, I left it as it was.",
    notFound: (w) => `I couldn't find ${w} on your schedule.`,
    notFoundAt: (w) => `You have nothing on your schedule ${w}.`,
    which: (c) => `Which one: ${c}?`,
    next: (e, w) => `Next is ${e}, ${w}.`,
    nothingNext: "You have nothing coming up on your schedule.",
    found: (e, w) => `${e} is ${w}.`,
    freeAt: (w) => `You're free ${w}.`,
    busyAt: (w, e) => `${w} you have ${e}.`,
    askMemo: "What should I note?",
    memoAdded: (t) => `OK, I noted: ${t}.`,
    noMemos: "You have no notes.",
    memos: (n, l) => `You have ${n} ${n === 1 ? "note" : "notes"}. ${l}`,
    confirmDeleteLast: (t) => `Delete your last note, "${t}"?`,
    confirmDeleteAll: (n) => `Delete all ${n} of your notes?`,
    memoDeleted: "OK, I deleted it.",
    memosDeleted: (n) => `OK, I deleted ${n} ${n === 1 ? "note" : "notes"}.`,
    yesOrNo: "Please say yes or no.",
    unauthorized:
      "Your calendar server refused the user name or password. Please check your calendar connection in the console.",
    unreachable: "Your calendar server isn't answering right now. Please try again later.",
    conflict: "That event was just changed on your calendar, so I left it alone. Please ask again.",
    failed: "Sorry, I couldn't reach your schedule.",
    thisWeek: "this week",
    week: "that week",
    between: (f, t) => `from ${f} to ${t}`,
  },
  ja: {
    askSubject: "予定の名前は何にしますか？",
    askTime: (s) => `${s}は何時からですか？`,
    askWhen: (s) => `${s}はいつですか？`,
    added: (s, w) => `${w}に${s}を追加しました。`,
    addedRepeat: (s, r, f) => `${r}に${s}を追加しました。初回は${f}です。`,
    reminder: (m) => `${minutesJa(m)}前にお知らせします。`,
    reminderSet: (s, m) => `${s}の${minutesJa(m)}前にお知らせします。`,
    nothingToRemind: "どの予定のリマインダーですか？予定を追加するときに言ってください。",
    confirmCancel: (e, w) => `${w}の${e}を取り消しますか？`,
    confirmCancelOne: (e, w) =>
      `${w}の${e}を取り消しますか？この回だけで、ほかの回はそのままです。`,
    cancelled: (e) => `${e}を取り消しました。`,
    confirmMove: (e, f, t) => `${e}を${f}から${t}に変更しますか？`,
    moved: (e, t) => `${e}を${t}に変更しました。`,
    askMoveTo: (e) => `${e}をいつに変更しますか？`,
    keptIt: "そのままにしておきます。",
    notFound: (w) => `${w}という予定は見つかりませんでした。`,
    notFoundAt: (w) => `${w}の予定はありません。`,
    which: (c) => `どれですか？${c}`,
    next: (e, w) => `次の予定は${w}の${e}です。`,
    nothingNext: "この先の予定はありません。",
    found: (e, w) => `${e}は${w}です。`,
    freeAt: (w) => `${w}は空いています。`,
    busyAt: (w, e) => `${w}は${e}の予定があります。`,
    askMemo: "何をメモしますか？",
    memoAdded: (t) => `「${t}」とメモしました。`,
    noMemos: "メモはありません。",
    memos: (n, l) => `メモは${n}件です。${l}`,
    confirmDeleteLast: (t) => `最後のメモ「${t}」を削除しますか？`,
    confirmDeleteAll: (n) => `メモ${n}件をすべて削除しますか？`,
    memoDeleted: "削除しました。",
    memosDeleted: (n) => `メモを${n}件削除しました。`,
    yesOrNo: "はいか、いいえで答えてください。",
    unauthorized:
      "カレンダーのサーバーにユーザー名かパスワードを拒否されました。コンソールでカレンダーの接続を確認してください。",
    unreachable: "カレンダーのサーバーが応答しません。しばらくしてからもう一度お試しください。",
    conflict:
      "その予定はカレンダーで変更されたばかりなので、そのままにしました。もう一度お願いします。",
    failed: "すみません、予定を確認できませんでした。",
    thisWeek: "今週",
    week: "その週",
    between: (f, t) => `${f}から${t}まで`,
  },
  ko: {
    askSubject: "일정 이름을 뭐라고 할까요?",
    askTime: (s) => `${s}은 몇 시인가요?`,
    askWhen: (s) => `${s}은 언제인가요?`,
    added: (s, w) => `${w}에 ${s} 일정을 추가했어요.`,
    addedRepeat: (s, r, f) => `${r} ${s} 일정을 추가했어요. 첫 일정은 ${f}입니다.`,
    reminder: (m) => ` ${minutesKo(m)} 전에 알려 드릴게요.`,
    reminderSet: (s, m) => `${s} ${minutesKo(m)} 전에 알려 드릴게요.`,
    nothingToRemind: "어떤 일정을 알려 드릴까요? 일정을 추가할 때 말씀해 주세요.",
    confirmCancel: (e, w) => `${w} ${e} 일정을 취소할까요?`,
    confirmCancelOne: (e, w) =>
      `${w} ${e} 일정을 취소할까요? 이번 한 번만 취소되고 나머지는 그대로입니다.`,
    cancelled: (e) => `${e} 일정을 취소했어요.`,
    confirmMove: (e, f, t) => `${e} 일정을 ${f}에서 ${t}(으)로 옮길까요?`,
    moved: (e, t) => `${e} 일정을 ${t}(으)로 옮겼어요.`,
    askMoveTo: (e) => `${e} 일정을 언제로 옮길까요?`,
    keptIt: "그대로 둘게요.",
    notFound: (w) => `${w} 일정을 찾지 못했어요.`,
    notFoundAt: (w) => `${w} 일정은 없습니다.`,
    which: (c) => `어느 일정인가요? ${c}`,
    next: (e, w) => `다음 일정은 ${w} ${e}입니다.`,
    nothingNext: "앞으로 예정된 일정이 없습니다.",
    found: (e, w) => `${e} 일정은 ${w}입니다.`,
    freeAt: (w) => `${w}에는 일정이 없습니다.`,
    busyAt: (w, e) => `${w}에는 ${e} 일정이 있습니다.`,
    askMemo: "무엇을 메모할까요?",
    memoAdded: (t) => `'${t}' 메모했어요.`,
    noMemos: "메모가 없습니다.",
    memos: (n, l) => `메모가 ${n}개 있습니다. ${l}`,
    confirmDeleteLast: (t) => `마지막 메모 '${t}'을 삭제할까요?`,
    confirmDeleteAll: (n) => `메모 ${n}개를 모두 삭제할까요?`,
    memoDeleted: "삭제했어요.",
    memosDeleted: (n) => `메모 ${n}개를 삭제했어요.`,
    yesOrNo: "네 또는 아니요로 대답해 주세요.",
    unauthorized:
      "캘린더 서버가 사용자 이름이나 비밀번호를 거부했어요. 콘솔에서 캘린더 연결을 확인해 주세요.",
    unreachable: "캘린더 서버가 응답하지 않아요. 잠시 후 다시 시도해 주세요.",
    conflict: "그 일정은 방금 캘린더에서 바뀌어서 그대로 두었어요. 다시 말씀해 주세요.",
    failed: "죄송해요, 일정을 확인하지 못했어요.",
    thisWeek: "이번 주",
    week: "그 주",
    between: (f, t) => `${f}부터 ${t}까지`,
  },
};
