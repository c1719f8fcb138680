// Fifty in-domain English commands for the example extensions (examples/*/models/en.json), with
// what must reach the extension. `after` is typed first (TextRecognizer) to open a session.

export interface VoiceCommand {
  say: string;
  /** A typed request sent first, e.g. "open dice" so the command lands in that session. */
  after?: string;
  extension: "dice" | "pizza" | "audio";
  /** LaunchRequest, or the intent with the slot values the extension must receive. */
  expect: "LaunchRequest" | { intent: string; slots: Record<string, string> };
}

const dice = (say: string, count?: number, after?: string): VoiceCommand => ({
  say,
  extension: "dice",
  expect: {
    intent: "ThrowDiceIntent",
    slots: count === undefined ? {} : { diceCount: String(count) },
  },
  ...(after ? { after } : {}),
});
const pizza = (
  say: string,
  slots: { pizzaCount?: number; pizzaSize?: string; pizzaType?: string },
  after?: string,
): VoiceCommand => ({
  say,
  extension: "pizza",
  expect: {
    intent: "OrderPizzaIntent",
    slots: Object.fromEntries(Object.entries(slots).map(([k, v]) => [k, String(v)])),
  },
  ...(after ? { after } : {}),
});
const music = (say: string, genre?: string): VoiceCommand => ({
  say,
  extension: "audio",
  expect: { intent: "PlayMusicIntent", slots: genre ? { genre } : {} },
});
const launch = (say: string, extension: VoiceCommand["extension"]): VoiceCommand => ({
  say,
  extension,
  expect: "LaunchRequest",
});

export const VOICE_COMMANDS: readonly VoiceCommand[] = [
  launch("open dice", "dice"),
  launch("open dice roller", "dice"),
  launch("start dice", "dice"),
  dice("ask dice to roll two dice", 2),
  dice("ask dice to roll three dice", 3),
  dice("tell dice to throw five dice for me", 5),
  dice("ask dice roller to roll four dice", 4),
  dice("ask dice to roll the dice"),
  dice("ask dice to roll seven dice", 7),
  dice("ask dice to roll ten dice", 10),
  dice("ask dice to give me a roll of three dice", 3),
  dice("roll three dice", 3, "open dice"),
  dice("roll nine dice", 9, "open dice"),
  dice("throw twelve dice at once", 12, "open dice"),
  dice("roll eight dice", 8, "open dice"),
  dice("can you roll six dice", 6, "open dice"),
  dice("roll a die for me", undefined, "open dice"),
  launch("open pizza shop", "pizza"),
  pizza("ask pizza shop to order a large pepperoni", {
    pizzaSize: "large",
    pizzaType: "pepperoni",
  }),
  pizza("ask pizza shop to order a pizza", {}),
  pizza("tell pizza shop i want two medium margherita pizzas", {
    pizzaCount: 2,
    pizzaSize: "medium",
    pizzaType: "margherita",
  }),
  pizza("ask pizza shop to send over four pepperoni pizzas", {
    pizzaCount: 4,
    pizzaType: "pepperoni",
  }),
  pizza("ask pizza shop to get me a veggie pizza", { pizzaType: "veggie" }),
  pizza("ask pizza shop to order a medium four cheese", {
    pizzaSize: "medium",
    pizzaType: "four cheese",
  }),
  pizza("tell pizza shop to order a small veggie", { pizzaSize: "small", pizzaType: "veggie" }),
  pizza("order a small seafood", { pizzaSize: "small", pizzaType: "seafood" }, "open pizza shop"),
  pizza(
    "i want two large bulgogi pizzas",
    { pizzaCount: 2, pizzaSize: "large", pizzaType: "bulgogi" },
    "open pizza shop",
  ),
  pizza(
    "could you deliver two vegetarian pizzas",
    { pizzaCount: 2, pizzaType: "veggie" },
    "open pizza shop",
  ),
  pizza("get me a hawaiian pizza", { pizzaType: "hawaiian" }, "open pizza shop"),
  pizza(
    "order a large margherita",
    { pizzaSize: "large", pizzaType: "margherita" },
    "open pizza shop",
  ),
  pizza(
    "send over three pepperoni pizzas",
    { pizzaCount: 3, pizzaType: "pepperoni" },
    "open pizza shop",
  ),
  pizza(
    "i want five medium pepperoni pizzas",
    { pizzaCount: 5, pizzaSize: "medium", pizzaType: "pepperoni" },
    "open pizza shop",
  ),
  pizza("can i get two seafood pizzas", { pizzaCount: 2, pizzaType: "seafood" }, "open pizza shop"),
  pizza("order a pizza", {}, "open pizza shop"),
  launch("open music box", "audio"),
  music("ask music box to play jazz", "jazz"),
  music("ask music box to play some classical music", "classical"),
  music("tell music box to put on rock", "rock"),
  music("ask music box to play pop", "pop"),
  music("play some jazz on music box", "jazz"),
  music("ask music box to play rock and roll", "rock"),
  music("ask music box to play smooth jazz", "jazz"),
  music("ask music box to play some music"),
  music("tell music box i want to hear pop", "pop"),
  music("ask music box to play chill beats", "lofi"),
  music("ask music box to play top hits", "pop"),
  music("ask music box to put on classical music", "classical"),
  music("ask music box to play hard rock", "rock"),
  music("ask music box to play some swing", "jazz"),
  music("ask music box to play symphony", "classical"),
];
