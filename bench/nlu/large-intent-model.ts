// A generated model with one large intent (a travel booking with many slots, like the public
// travel-domain corpora): `slots` slots — custom types with many values (two slots share a
// city type, as "from" and "to" do) and a few built-ins (dates, numbers, money) — and
// `examples` utterance examples mixing one to five slot phrases each, plus four small intents
// of the same domain. Held-out test utterances come from the same grammar with other picks;
// none of them is a training example.
import type { InteractionModel } from "@clover/protocol";
import { rng, wordMaker } from "./scaling-model.js";

export interface LabeledUtterance {
  text: string;
  intent: string;
  slots: { name: string; text: string }[];
}

export interface LargeIntentData {
  model: InteractionModel;
  test: LabeledUtterance[];
}

/** Things a traveller asks for; slots past the list get made-up facet words. */
const FACETS =
  "airline cabin seat meal hotel room car insurance lounge baggage terminal alliance fare payment currency language guide tour cruise train bus ferry visa activity restaurant cuisine view bed transfer parking wifi pet loyalty upgrade spa gym pool beach museum show ticket pass brand theme district island mountain lake airport station port coach driver package deal voucher membership club program plan".split(
    " ",
  );

/** Built-in slots (a tenth of the slots, at least one): phrasing and values per slot. */
const BUILTIN_SLOTS: { name: string; type: string; say: string[]; values: string[] }[] = [
  {
    name: "departDate",
    type: "CLOVA.DATETIME",
    say: ["on {}", "leaving {}", "departing {}"],
    values: ["tomorrow", "next friday", "march 3rd", "this weekend", "monday", "june 12"],
  },
  {
    name: "travellers",
    type: "CLOVA.NUMBER",
    say: ["for {} people", "{} travellers", "for {} of us"],
    values: ["two", "3", "four", "5", "six", "2"],
  },
  {
    name: "budget",
    type: "CLOVA.MONEY",
    say: ["under {}", "for at most {}", "with a budget of {}"],
    values: ["500 dollars", "300 dollars", "1000 dollars", "80 euros", "250 dollars"],
  },
  {
    name: "returnDate",
    type: "CLOVA.DATETIME",
    say: ["returning {}", "coming back {}", "back on {}"],
    values: ["sunday", "next tuesday", "april 20th", "tomorrow", "the 5th of may"],
  },
  {
    name: "bags",
    type: "CLOVA.NUMBER",
    say: ["with {} bags", "{} suitcases", "checking {} bags"],
    values: ["two", "1", "three", "4", "one"],
  },
  {
    name: "nights",
    type: "CLOVA.NUMBER",
    say: ["for {} nights", "staying {} nights"],
    values: ["three", "7", "two", "10", "five"],
  },
];

/** Ways to say a custom slot value X of a facet F. */
const FACET_PHRASES = [
  "{} {f}",
  "the {f} {}",
  "a {} {f}",
  "{f} of {}",
  "with {} for the {f}",
  "{} as my {f}",
  "my {f} should be {}",
  "prefer {} for the {f}",
];

const OPENERS = ["", "", "please", "i want to", "can you", "i'd like to", "could you", "help me"];
const VERBS = [
  "book a trip",
  "book me a flight",
  "plan a journey",
  "find a trip",
  "reserve a holiday",
  "get me tickets",
  "arrange travel",
  "organize a vacation",
];
const JOINERS = ["", "", "and", "also", "plus"];
const CLOSERS = ["", "", "", "please", "thanks", "if possible", "for me"];

interface SlotDef {
  name: string;
  type: string;
  phrases: string[];
  values: () => string;
}

export function largeIntentModel(slots: number, examples: number, seed = 1): LargeIntentData {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const word = wordMaker(random);
  const customTypes: { name: string; values: { value: string; synonyms?: string[] }[] }[] = [];
  const newType = (name: string) => {
    const count = 40 + Math.floor(random() * 160);
    const values = Array.from({ length: count }, () => {
      // made-up words of three or four syllables (27,000 and 810,000 of them)
      const value = random() < 0.25 ? `${word(3)} ${word(4)}` : word(random() < 0.5 ? 3 : 4);
      return random() < 0.33 ? { value, synonyms: [word(4)] } : { value };
    });
    customTypes.push({ name, values });
    return values.flatMap((v) => [v.value, ...(v.synonyms ?? [])]);
  };
  const defs: SlotDef[] = [];
  const builtins = Math.min(BUILTIN_SLOTS.length, Math.max(1, Math.round(slots / 10)));
  for (const b of BUILTIN_SLOTS.slice(0, builtins))
    defs.push({ name: b.name, type: b.type, phrases: b.say, values: () => pick(b.values) });
  if (slots - defs.length >= 2) {
    const cities = newType("CITY");
    defs.push({ name: "fromCity", type: "CITY", phrases: ["from {}"], values: () => pick(cities) });
    defs.push({ name: "toCity", type: "CITY", phrases: ["to {}"], values: () => pick(cities) });
  }
  for (let k = 0; defs.length < slots; k++) {
    const facet = FACETS[k] ?? word(3);
    const type = `${facet.toUpperCase()}_TYPE`;
    const values = newType(type);
    const own = [...FACET_PHRASES].sort(() => random() - 0.5).slice(0, 3);
    defs.push({
      name: facet,
      type,
      phrases: own.map((p) => p.replaceAll("{f}", facet)),
      values: () => pick(values),
    });
  }

  /** One utterance of the large intent: its text with the slots tagged, and untagged. */
  const trip = (): { tagged: string; plain: LabeledUtterance } => {
    const count = Math.min(defs.length, 1 + Math.floor(random() ** 1.5 * 5));
    const chosen = [...defs].sort(() => random() - 0.5).slice(0, count);
    const tagged: string[] = [pick(OPENERS), pick(VERBS)];
    const plain: string[] = [...tagged];
    const gold: { name: string; text: string }[] = [];
    chosen.forEach((d, k) => {
      const joiner = k === 0 ? "" : pick(JOINERS);
      const phrase = pick(d.phrases);
      const value = d.values();
      gold.push({ name: d.name, text: value });
      tagged.push(joiner, phrase.replace("{}", `<${d.name}>${value}</${d.name}>`));
      plain.push(joiner, phrase.replace("{}", value));
    });
    const closer = pick(CLOSERS);
    const join = (parts: string[]) => [...parts, closer].filter((p) => p !== "").join(" ");
    return {
      tagged: join(tagged),
      plain: { text: join(plain), intent: "BookTrip", slots: gold },
    };
  };

  // four small intents of the same domain (60 examples each), sharing the city type
  const city = defs.find((d) => d.name === "toCity");
  const small: { name: string; say: string[]; slot?: SlotDef }[] = [
    {
      name: "CancelTrip",
      say: ["cancel my trip to {}", "please cancel the booking to {}", "i want to cancel {}"],
      slot: city,
    },
    {
      name: "TripStatus",
      say: ["what is the status of my trip to {}", "is my flight to {} on time", "status {}"],
      slot: city,
    },
    {
      name: "ListTrips",
      say: ["show my trips", "what trips do i have", "list my bookings", "which journeys"],
    },
    { name: "Help", say: ["what can you book", "how does booking work", "help with travel"] },
  ];
  const smallUtterance = (intent: (typeof small)[number]) => {
    const phrase = `${pick(OPENERS)} ${pick(intent.say)} ${pick(CLOSERS)}`.trim();
    const value = intent.slot?.values();
    const name = intent.slot?.name ?? "";
    return {
      tagged: value === undefined ? phrase : phrase.replace("{}", `<${name}>${value}</${name}>`),
      plain: {
        text: value === undefined ? phrase : phrase.replace("{}", value),
        intent: intent.name,
        slots: value === undefined ? [] : [{ name, text: value }],
      },
    };
  };

  const trained = new Set<string>();
  const distinct = (make: () => { tagged: string }, wanted: number) => {
    const out: string[] = [];
    for (let tries = 0; out.length < wanted && tries < wanted * 20; tries++) {
      const { tagged } = make();
      if (trained.has(tagged)) continue;
      trained.add(tagged);
      out.push(tagged);
    }
    return out;
  };
  const intents = [
    {
      name: "BookTrip",
      slots: defs.map((d) => ({ name: d.name, type: d.type })),
      utterances: distinct(trip, examples),
    },
    ...small.map((s) => ({
      name: s.name,
      slots: s.slot ? [{ name: s.slot.name, type: s.slot.type }] : [],
      utterances: distinct(() => smallUtterance(s), 60),
    })),
  ];
  // held out: 600 utterances of the large intent and 25 of each small one, none trained
  const test: LabeledUtterance[] = [];
  const heldOut = (make: () => { tagged: string; plain: LabeledUtterance }, wanted: number) => {
    for (let n = 0, tries = 0; n < wanted && tries < wanted * 50; tries++) {
      const u = make();
      if (trained.has(u.tagged)) continue;
      trained.add(u.tagged);
      test.push(u.plain);
      n++;
    }
  };
  heldOut(trip, 600);
  for (const s of small) heldOut(() => smallUtterance(s), 25);
  return {
    model: {
      language: "en",
      invocation: { main: "travel" },
      builtinIntents: [],
      customSlotTypes: customTypes,
      intents,
    },
    test,
  };
}
