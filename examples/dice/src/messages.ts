// What the dice extension says, per language.
import type { Language } from "@clover/sdk";

export interface DiceMessages {
  welcome: string;
  askCount: string;
  rolled(count: number, values: number[], total: number): string;
  again: string;
  outOfRange(count: string): string;
  guide: string;
  bye: string;
}

export const messages: Record<Language, DiceMessages> = {
  en: {
    welcome: "Welcome to dice. How many dice should I roll?",
    askCount: "Say a number of dice from one to ten.",
    rolled: (count, values, total) =>
      count === 1
        ? `I rolled one die. It shows ${total}.`
        : `I rolled ${count} dice: ${values.join(", ")}. The total is ${total}.`,
    again: "Roll again?",
    outOfRange: (count) => `I can't roll ${count} dice. I can roll one to ten.`,
    guide:
      "I roll dice for you. Say, for example, roll three dice. You can roll one to ten at a time.",
    bye: "Okay. See you next time.",
  },
  ja: {
    welcome: "サイコロへようこそ。サイコロをいくつ振りますか？",
    askCount: "1から10までの数で、振るサイコロの数を言ってください。",
    rolled: (count, values, total) =>
      count === 1
        ? `サイコロを1個振りました。${total}が出ました。`
        : `サイコロを${count}個振りました。${values.join("、")}で、合計は${total}です。`,
    again: "もう一度振りますか？",
    outOfRange: (count) => `${count}個は振れません。1個から10個まで振れます。`,
    guide:
      "サイコロを振ります。たとえば「サイコロを3個振って」と言ってください。一度に10個まで振れます。",
    bye: "また遊んでくださいね。",
  },
  ko: {
    welcome: "주사위에 오신 것을 환영합니다. 주사위를 몇 개 던질까요?",
    askCount: "던질 주사위 개수를 1부터 10까지의 숫자로 말해 주세요.",
    rolled: (count, values, total) =>
      count === 1
        ? `주사위 1개를 던졌어요. 결과는 ${total}입니다.`
        : `주사위 ${count}개를 던졌어요. ${values.join(", ")}, 합계는 ${total}입니다.`,
    again: "다시 던질까요?",
    outOfRange: (count) => `주사위 ${count}개는 던질 수 없어요. 1개부터 10개까지 던질 수 있어요.`,
    guide:
      "주사위를 던져 드려요. 예를 들어 주사위 세 개 던져 줘 라고 말해 보세요. 한 번에 10개까지 던질 수 있어요.",
    bye: "다음에 또 만나요.",
  },
};
