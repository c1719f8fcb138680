// Enumerations of the Clova Home protocol (cek-home-extension.md §6, §9.1), as data and as
// schemas for the closed sets. Open sets (modes, endpoints, locations) stay plain strings in
// the message schemas; their known values are exported here for the platform's own checks.
import { type Static, type TLiteral, type TUnion, Type } from "@sinclair/typebox";

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

/** A schema accepting exactly one of the given strings. */
export function homeLiteralUnion<const T extends readonly string[]>(
  values: T,
  description?: string,
): TUnion<Literals<T>> {
  const variants = values.map((v) => Type.Literal(v));
  return Type.Union(variants, description ? { description } : {}) as unknown as TUnion<Literals<T>>;
}

/** Dialects of the source documentation (§0.1). */
export type HomeDialect = "KR" | "JP";

/** Per-dialect lists: values in both, and those found in only one catalogue. */
export interface HomeDialectList<T extends string = string> {
  readonly both: readonly T[];
  readonly kr?: readonly T[];
  readonly jp?: readonly T[];
}

/** Every value of a dialect list (both ∪ KR ∪ JP), or only what one dialect allows. */
export function homeDialectValues<T extends string>(
  list: HomeDialectList<T>,
  dialect?: HomeDialect,
): T[] {
  const kr = dialect === "JP" ? [] : (list.kr ?? []);
  const jp = dialect === "KR" ? [] : (list.jp ?? []);
  return [...list.both, ...kr, ...jp];
}

/** Operation modes per appliance type (§6.1), values of ModeInfoObject. */
export const HOME_MODES: Readonly<Record<string, HomeDialectList>> = {
  AIRCONDITIONER: {
    both: ["auto", "cool", "dehumidify", "heat", "sleep"],
    kr: ["fan", "powercool", "powersaving"],
    jp: ["blower", "away", "indoor", "wakeup"],
  },
  AIRPURIFIER: {
    both: ["auto", "sleep"],
    kr: ["autohumidify", "infant", "roomcare", "yellowsand"],
    jp: ["dehumidify", "humidify", "removepollen"],
  },
  FAN: { both: ["auto", "baby", "sleep"] },
  HOMECAM: { both: [], kr: ["privacy", "sensing"] },
  HUMIDIFIER: { both: [], kr: ["light"] },
  LIGHT: {
    both: ["concentration", "reading", "rest", "sleep", "vitality", "wakeup"],
    kr: ["movie", "music"],
  },
  MOTIONSENSOR: { both: [], kr: ["siren"] },
  PURIFIER: { both: ["coldwater", "general", "hotwater", "smartchecking"] },
  REFRIGERATOR: { both: ["filter", "freeze", "powersaving"] },
  RICECOOKER: { both: ["general", "keepwarm", "powersaving", "reheating"] },
  SMARTHUB: { both: ["away", "indoor", "sleep"], kr: ["hotwater"] },
  THERMOSTAT: { both: ["away", "indoor", "sleep"], kr: ["hotwater"] },
  VENTILATOR: { both: [], kr: ["auto", "dehumidify", "dry", "ventilating", "warmwind"] },
  WATERBOILER: { both: ["hotwater", "reheating"], jp: ["washing"] },
};

/** Endpoint codes of EndpointInfoObject (§6.2, KR); the list may grow, so not enforced. */
export const HOME_ENDPOINT_CODES = ["coldwater", "hotwater", "freezer", "fridge"] as const;

/** Oscillation directions of DirectionInfoObject (§6.3). */
export const HOME_DIRECTIONS = ["horizontal", "vertical"] as const;
export const HomeDirection = homeLiteralUnion(HOME_DIRECTIONS, "Oscillation direction (§6.3).");
export type HomeDirection = Static<typeof HomeDirection>;

/** `lockState` values (§6.4): a bare string, not a `{value}` object. */
export const HOME_LOCK_STATES = ["LOCKED", "UNLOCKED"] as const;
export const HomeLockState = homeLiteralUnion(HOME_LOCK_STATES, "Bare lock state string (§6.4).");
export type HomeLockState = Static<typeof HomeLockState>;

/** `openState` values (§6.4): a bare string. */
export const HOME_OPEN_STATES = ["OPENED", "CLOSED"] as const;
export const HomeOpenState = homeLiteralUnion(HOME_OPEN_STATES, "Bare open state string (§6.4).");
export type HomeOpenState = Static<typeof HomeOpenState>;

/** Air-quality / dust grades (§6.4). */
export const HOME_GRADES = ["good", "normal", "bad", "verybad"] as const;
export const HomeGrade = homeLiteralUnion(HOME_GRADES, "Air-quality grade (§6.4).");
export type HomeGrade = Static<typeof HomeGrade>;

/** Units of numeric CustomInfoObject values (§6.4). */
export const HOME_CUSTOM_UNITS = ["celsius", "percentage"] as const;

/** Units of ConsumptionInfoObject, compared case-insensitively (§6.4, incl. suggested energy/gas units). */
export const HOME_CONSUMPTION_UNITS = ["KW", "W", "KL", "L", "cc", "kWh", "Wh", "m3"] as const;

/** `allowableValue.type` of actionDetails (§4.4). */
export const HOME_ALLOWABLE_VALUE_TYPES = ["string", "number", "boundedNumber"] as const;

/** Room codes of `location` (§9.1). Unknown codes are kept, never rejected. */
export const HOME_LOCATIONS: HomeDialectList = {
  both: [
    "ATTIC",
    "BALCONY",
    "BATH_ROOM",
    "BED_ROOM",
    "DINING_ROOM",
    "ENTRANCE",
    "FIRST_ROOM",
    "HALLWAY",
    "KITCHEN",
    "LIBRARY",
    "LIVING_ROOM",
    "POWDER_ROOM",
    "ROOM",
    "SECOND_ROOM",
    "SMALL_BATH_ROOM",
    "SMALL_CHILD_ROOM",
    "STAIRS",
    "THIRD_ROOM",
    "WAREHOUSE",
    "YARD",
  ],
  kr: [
    "BALCONY_IN_LIVING_ROOM",
    "BALCONY_IN_MAIN_ROOM",
    "BALCONY_KITCHEN",
    "BATH_ROOM_IN_LIVING_ROOM",
    "BATH_ROOM_IN_MAIN_ROOM",
    "BIG_BATH_ROOM",
    "BIG_CHILD_ROOM",
    "BIG_ROOM",
    "BOILER_ROOM",
    "DRESS_ROOM",
    "FAMILY_ROOM",
    "FATHER_ROOM",
    "FIFTH_ROOM",
    "FOURTH_ROOM",
    "MAIN_GATE",
    "MAIN_ROOM",
    "MOTHER_ROOM",
    "MY_ROOM",
    "PARENTS_ROOM",
    "PLAY_ROOM",
    "SMALL_KITCHEN",
    "SMALL_LIVING_ROOM",
    "SMALL_ROOM",
    "UPSTAIRS_ROOM",
    "UTILITY_ROOM",
  ],
  jp: ["JAPANESE_STYLE_ROOM"],
};
