// What the pizza shop says, per language.
import type { Language } from "@clover/sdk";
import type { Order, PizzaSize, PizzaType } from "./order.js";

export interface PizzaMessages {
  welcome: string;
  ask: { type: string; size: string; count: string };
  badCount(count: string): string;
  confirm(order: Required<Order>): string;
  placed(order: Required<Order>): string;
  startOver: string;
  noOrder: string;
  cancelled: string;
  guide: string;
}

const names: Record<
  Language,
  { types: Record<PizzaType, string>; sizes: Record<PizzaSize, string> }
> = {
  en: {
    types: {
      pepperoni: "pepperoni",
      margherita: "margherita",
      hawaiian: "Hawaiian",
      veggie: "veggie",
      bulgogi: "bulgogi",
      "four cheese": "four cheese",
      seafood: "seafood",
    },
    sizes: { small: "small", medium: "medium", large: "large" },
  },
  ja: {
    types: {
      pepperoni: "ペパロニ",
      margherita: "マルゲリータ",
      hawaiian: "ハワイアン",
      veggie: "ベジタブル",
      bulgogi: "プルコギ",
      "four cheese": "フォーチーズ",
      seafood: "シーフード",
    },
    sizes: { small: "S", medium: "M", large: "L" },
  },
  ko: {
    types: {
      pepperoni: "페퍼로니",
      margherita: "마르게리타",
      hawaiian: "하와이안",
      veggie: "야채",
      bulgogi: "불고기",
      "four cheese": "포치즈",
      seafood: "해산물",
    },
    sizes: { small: "스몰", medium: "미디엄", large: "라지" },
  },
};

const en = (o: Required<Order>) =>
  `${o.count} ${names.en.sizes[o.size]} ${names.en.types[o.type]} pizza${o.count === 1 ? "" : "s"}`;
const ja = (o: Required<Order>) =>
  `${names.ja.types[o.type]}ピザの${names.ja.sizes[o.size]}サイズを${o.count}枚`;
const ko = (o: Required<Order>) =>
  `${names.ko.types[o.type]} 피자 ${names.ko.sizes[o.size]} 사이즈 ${o.count}판`;

export const messages: Record<Language, PizzaMessages> = {
  en: {
    welcome: "Welcome to the pizza shop. What pizza would you like?",
    ask: {
      type: "Which pizza would you like? We have pepperoni, margherita, Hawaiian, veggie, bulgogi, four cheese and seafood.",
      size: "What size: small, medium or large?",
      count: "How many pizzas?",
    },
    badCount: (count) => `Sorry, I can take 1 to 20 pizzas, not ${count}. How many pizzas?`,
    confirm: (o) => `So that's ${en(o)}. Shall I place the order?`,
    placed: (o) => `Your order of ${en(o)} is placed. It will be ready in about 30 minutes.`,
    startOver: "Okay, let's start over. What pizza would you like?",
    noOrder: "Okay, no order then. Goodbye.",
    cancelled: "Your order is cancelled. Goodbye.",
    guide: "Tell me the pizza, the size and how many, for example: two large pepperoni pizzas.",
  },
  ja: {
    welcome: "ピザ屋へようこそ。どのピザにしますか？",
    ask: {
      type: "ピザの種類を選んでください。ペパロニ、マルゲリータ、ハワイアン、ベジタブル、プルコギ、フォーチーズ、シーフードがあります。",
      size: "サイズはS、M、Lのどれにしますか？",
      count: "何枚にしますか？",
    },
    badCount: (count) =>
      `すみません、${count}枚は承れません。1枚から20枚までです。何枚にしますか？`,
    confirm: (o) => `${ja(o)}ですね。注文してよろしいですか？`,
    placed: (o) => `${ja(o)}、ご注文を承りました。30分ほどでお届けします。`,
    startOver: "では最初からお伺いします。どのピザにしますか？",
    noOrder: "ご注文はなしですね。またどうぞ。",
    cancelled: "ご注文を取り消しました。またどうぞ。",
    guide:
      "ピザの種類、サイズ、枚数を教えてください。たとえば「ペパロニのLを2枚」と言ってください。",
  },
  ko: {
    welcome: "피자 가게에 오신 것을 환영합니다. 어떤 피자를 드릴까요?",
    ask: {
      type: "피자 종류를 골라 주세요. 페퍼로니, 마르게리타, 하와이안, 야채, 불고기, 포치즈, 해산물이 있어요.",
      size: "사이즈는 스몰, 미디엄, 라지 중 어떤 걸로 할까요?",
      count: "몇 판 드릴까요?",
    },
    badCount: (count) =>
      `죄송해요, ${count}판은 주문할 수 없어요. 1판부터 20판까지 가능해요. 몇 판 드릴까요?`,
    confirm: (o) => `${ko(o)}, 맞나요? 주문할까요?`,
    placed: (o) => `${ko(o)} 주문이 완료되었어요. 30분쯤 후에 준비돼요.`,
    startOver: "알겠어요, 처음부터 다시 할게요. 어떤 피자를 드릴까요?",
    noOrder: "알겠어요, 주문하지 않을게요. 안녕히 가세요.",
    cancelled: "주문을 취소했어요. 안녕히 가세요.",
    guide:
      "피자 종류, 사이즈, 개수를 말해 주세요. 예를 들어 페퍼로니 라지 두 판 이라고 말해 보세요.",
  },
};
