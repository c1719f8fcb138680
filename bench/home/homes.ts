// The homes of the benchmark (discovery data, cek-home-extension.md §4.2).
import type { ApplianceInfoObject } from "@clover/protocol";

const ON_OFF = ["TurnOn", "TurnOff", "HealthCheck"];

export function smallHome(): ApplianceInfoObject[] {
  return [
    light("kitchen-light", "kitchen light", "KITCHEN"),
    light("bedroom-lamp", "bedroom lamp", "BED_ROOM"),
    {
      applianceId: "desk-plug",
      applianceTypes: ["SMARTPLUG"],
      friendlyName: "desk plug",
      actions: [...ON_OFF, "GetConsumption"],
      location: "LIBRARY",
    },
  ];
}

/** 50 rooms: the 30 with an English room word, 20 more as the user's own tags. */
export const ROOMS: { code?: string; name: string }[] = [
  ...[
    ["LIVING_ROOM", "living room"],
    ["BED_ROOM", "bedroom"],
    ["MAIN_ROOM", "master bedroom"],
    ["KITCHEN", "kitchen"],
    ["DINING_ROOM", "dining room"],
    ["BATH_ROOM", "bathroom"],
    ["SMALL_BATH_ROOM", "toilet"],
    ["LIBRARY", "study"],
    ["SMALL_CHILD_ROOM", "nursery"],
    ["BIG_CHILD_ROOM", "big kid's room"],
    ["HALLWAY", "hallway"],
    ["ENTRANCE", "entrance"],
    ["STAIRS", "stairs"],
    ["BALCONY", "balcony"],
    ["ATTIC", "attic"],
    ["WAREHOUSE", "storage room"],
    ["YARD", "garden"],
    ["UTILITY_ROOM", "utility room"],
    ["DRESS_ROOM", "dressing room"],
    ["PLAY_ROOM", "playroom"],
    ["BOILER_ROOM", "boiler room"],
    ["FAMILY_ROOM", "family room"],
    ["FIRST_ROOM", "first room"],
    ["SECOND_ROOM", "second room"],
    ["THIRD_ROOM", "third room"],
    ["FOURTH_ROOM", "fourth room"],
    ["FIFTH_ROOM", "fifth room"],
    ["POWDER_ROOM", "powder room"],
    ["UPSTAIRS_ROOM", "upstairs room"],
    ["PARENTS_ROOM", "parents room"],
  ].map(([code, name]) => ({ code: code!, name: name! })),
  ...[
    "guest room",
    "sunroom",
    "gym",
    "sauna",
    "cellar",
    "workshop",
    "pantry",
    "mudroom",
    "studio",
    "greenhouse",
    "conservatory",
    "billiard room",
    "cinema room",
    "wine room",
    "sewing room",
    "east wing",
    "west wing",
    "pool house",
    "gallery",
    "foyer",
  ].map((name) => ({ name })),
];

/** Ten appliances per room, 500 in all, each with its own friendly name. */
export function bigHome(): ApplianceInfoObject[] {
  const kinds: [string, string, string[]][] = [
    [
      "ceiling light",
      "LIGHT",
      [...ON_OFF, "SetBrightness", "IncrementBrightness", "DecrementBrightness", "SetColor"],
    ],
    ["floor lamp", "LIGHT", [...ON_OFF, "SetBrightness"]],
    [
      "air conditioner",
      "AIRCONDITIONER",
      [
        ...ON_OFF,
        "SetTargetTemperature",
        "IncrementTargetTemperature",
        "DecrementTargetTemperature",
        "SetMode",
      ],
    ],
    ["tv", "SMARTTV", [...ON_OFF, "IncrementVolume", "DecrementVolume", "SetChannel", "Mute"]],
    ["plug", "SMARTPLUG", [...ON_OFF, "GetConsumption"]],
    ["curtains", "SMARTCURTAIN", ["Open", "Close", "Stop"]],
    ["fan", "FAN", [...ON_OFF, "SetFanSpeed", "IncrementFanSpeed"]],
    ["sensor", "AIRSENSOR", ["GetCurrentTemperature", "GetHumidity", "GetAirQuality"]],
    ["humidifier", "HUMIDIFIER", [...ON_OFF, "GetHumidity"]],
    ["heater", "HEATER", [...ON_OFF, "SetTargetTemperature", "GetCurrentTemperature"]],
  ];
  const appliances: ApplianceInfoObject[] = [];
  for (const [r, room] of ROOMS.entries())
    for (const [k, [kind, type, actions]] of kinds.entries())
      appliances.push({
        applianceId: `r${r}-k${k}`,
        applianceTypes: [type],
        friendlyName: `${room.name} ${kind}`,
        actions,
        ...(room.code ? { location: room.code } : { tags: [room.name] }),
      });
  return appliances;
}

/** 20 hallway lamps named after Greek letters. */
export const GREEK = [
  "alpha",
  "beta",
  "gamma",
  "delta",
  "epsilon",
  "zeta",
  "eta",
  "theta",
  "iota",
  "kappa",
  "lambda",
  "mu",
  "nu",
  "xi",
  "omicron",
  "pi",
  "rho",
  "sigma",
  "tau",
  "upsilon",
];

export function groupHome(): ApplianceInfoObject[] {
  return GREEK.map((letter) => light(`hall-${letter}`, `${letter} lamp`, "HALLWAY"));
}

/** Each lamp's answer delay: 2–40 ms, in no particular order (the slowest is not last). */
export function groupDelays(): Map<string, number> {
  return new Map(GREEK.map((letter, i) => [`hall-${letter}`, 2 + ((i * 7) % 20) * 2]));
}

function light(applianceId: string, friendlyName: string, location: string): ApplianceInfoObject {
  return {
    applianceId,
    applianceTypes: ["LIGHT"],
    friendlyName,
    actions: [...ON_OFF, "SetBrightness", "IncrementBrightness", "DecrementBrightness"],
    location,
  };
}
