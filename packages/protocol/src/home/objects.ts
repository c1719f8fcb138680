// Shared value objects (cek-home-extension.md §7). Nearly all are `{ "value": … }` wrappers;
// exported with a `Home` prefix because CIC has objects of the same names.
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { HomeDirection, HomeGrade } from "./enums.js";

/** ISO 8601 point in time with an explicit offset or `Z` (§3.4). */
export const HomeTimestamp = Type.String({
  pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$",
  description: "YYYY-MM-DDThh:mm:ss±hh:mm (§3.4).",
});
/** ISO 8601 duration, `PnYnMnDTnHnMnS` or the alternative `PYYYY-MM-DD` form (§3.4). */
export const HomeDuration = Type.String({
  pattern:
    "^(P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?|P\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2})?)$",
  description: "ISO 8601 duration such as PT1H25M (§3.4).",
});

function valueObject<T extends TSchema>(value: T, description: string) {
  return Type.Object({ value }, { description });
}
const percent = () => Type.Number({ minimum: 0, maximum: 100 });

export const HomeActionInfoObject = Type.Object(
  {
    applianceId: Type.String({ minLength: 1 }),
    action: Type.String({ minLength: 1, description: "An action name (§4.8)." }),
  },
  { description: "One routine step (§4.5)." },
);
export type HomeActionInfoObject = Static<typeof HomeActionInfoObject>;

export const HomeAirQualityInfoObject = Type.Object({ index: HomeGrade });
export type HomeAirQualityInfoObject = Static<typeof HomeAirQualityInfoObject>;

export const HomeBatteryInfoObject = valueObject(percent(), "Remaining charge, percent.");
export type HomeBatteryInfoObject = Static<typeof HomeBatteryInfoObject>;

export const HomeBillInfoObject = Type.Object({
  value: Type.Number(),
  currency: Type.String({ pattern: "^[A-Z]{3}$", description: "ISO 4217 code." }),
});
export type HomeBillInfoObject = Static<typeof HomeBillInfoObject>;

export const HomeBrightnessInfoObject = valueObject(
  percent(),
  "Brightness percent, level or delta.",
);
export type HomeBrightnessInfoObject = Static<typeof HomeBrightnessInfoObject>;

export const HomeColorInfoObject = Type.Object(
  {
    hue: Type.Number({ minimum: 0, maximum: 360 }),
    saturation: percent(),
    brightness: Type.Optional(percent()),
  },
  { description: "HSV colour (§7)." },
);
export type HomeColorInfoObject = Static<typeof HomeColorInfoObject>;

export const HomeColorTemperatureInfoObject = valueObject(Type.Number(), "Kelvin.");
export type HomeColorTemperatureInfoObject = Static<typeof HomeColorTemperatureInfoObject>;

export const HomeConsumptionInfoObject = Type.Object({
  name: Type.String({ minLength: 1 }),
  value: Type.Number(),
  unit: Type.String({ minLength: 1, description: "§6.4, compared case-insensitively." }),
});
export type HomeConsumptionInfoObject = Static<typeof HomeConsumptionInfoObject>;

// One JP example quotes the count as a string ("3"): accepted (§14 #15).
export const HomeCountInfoObject = valueObject(
  Type.Union([Type.Number(), Type.String({ pattern: "^\\d+$" })]),
  "How many times to repeat (JP).",
);
export type HomeCountInfoObject = Static<typeof HomeCountInfoObject>;

export const HomeCustomInfoObject = Type.Object({
  name: Type.String({ minLength: 1 }),
  value: Type.Union([Type.Number(), Type.String()]),
  unit: Type.Optional(Type.String({ description: "celsius or percentage (§6.4)." })),
});
export type HomeCustomInfoObject = Static<typeof HomeCustomInfoObject>;

export const HomeDetectionCountInfoObject = valueObject(Type.String(), "Count text, spoken as is.");
export type HomeDetectionCountInfoObject = Static<typeof HomeDetectionCountInfoObject>;

export const HomeDirectionInfoObject = valueObject(HomeDirection, "Oscillation direction.");
export type HomeDirectionInfoObject = Static<typeof HomeDirectionInfoObject>;

export const HomeEndpointInfoObject = valueObject(
  Type.String({ minLength: 1 }),
  "Part of the device a set-point applies to (§6.2; open list).",
);
export type HomeEndpointInfoObject = Static<typeof HomeEndpointInfoObject>;

export const HomeExpendableInfoObject = Type.Object({
  name: Type.String({ minLength: 1 }),
  remainingTime: Type.Optional(HomeDuration),
  usage: Type.Optional(HomeCustomInfoObject),
});
export type HomeExpendableInfoObject = Static<typeof HomeExpendableInfoObject>;

export const HomeFineDustInfoObject = Type.Object({
  value: Type.Optional(Type.Number()),
  index: HomeGrade,
});
export type HomeFineDustInfoObject = Static<typeof HomeFineDustInfoObject>;

export const HomeHumidityInfoObject = valueObject(percent(), "Relative humidity percent.");
export type HomeHumidityInfoObject = Static<typeof HomeHumidityInfoObject>;

export const HomeIndexInfoObject = Type.Object({ value: Type.Optional(Type.Number()) });
export type HomeIndexInfoObject = Static<typeof HomeIndexInfoObject>;

// `value` is marked optional in the sources; required whenever the object is sent (§7).
export const HomeIntensityLevelInfoObject = valueObject(Type.Number(), "Device-scale intensity.");
export type HomeIntensityLevelInfoObject = Static<typeof HomeIntensityLevelInfoObject>;

export const HomeModeInfoObject = valueObject(
  Type.String({ minLength: 1 }),
  "Mode name (§6.1); checked against the device type by the platform, not here.",
);
export type HomeModeInfoObject = Static<typeof HomeModeInfoObject>;

/** PercentageInfoObject (KR), called RatioInfoObject in JP (§14 #17). */
export const HomePercentageInfoObject = valueObject(percent(), "Percent.");
export type HomePercentageInfoObject = Static<typeof HomePercentageInfoObject>;

export const HomePeriodInfoObject = Type.Object(
  { start: HomeTimestamp, end: HomeTimestamp },
  { description: "Time window (§7 period rules)." },
);
export type HomePeriodInfoObject = Static<typeof HomePeriodInfoObject>;

export const HomePhaseInfoObject = valueObject(Type.String(), "Free-text operating phase.");
export type HomePhaseInfoObject = Static<typeof HomePhaseInfoObject>;

export const HomePowerStateInfoObject = valueObject(Type.String(), "Free-text power status.");
export type HomePowerStateInfoObject = Static<typeof HomePowerStateInfoObject>;

export const HomeProgressiveTaxBracketInfoObject = valueObject(Type.Number(), "Tariff tier.");
export type HomeProgressiveTaxBracketInfoObject = Static<
  typeof HomeProgressiveTaxBracketInfoObject
>;

/** ScoreInfoObject (KR), called SleepScoreInfoObject in JP (§14 #18). */
export const HomeScoreInfoObject = valueObject(Type.Number(), "Score.");
export type HomeScoreInfoObject = Static<typeof HomeScoreInfoObject>;

export const HomeSittingStateInfoObject = valueObject(Type.Boolean(), "Someone is seated.");
export type HomeSittingStateInfoObject = Static<typeof HomeSittingStateInfoObject>;

export const HomeSpeedInfoObject = valueObject(
  Type.Integer({ minimum: 1, maximum: 3 }),
  "Fan speed level 1 (low), 2 (medium) or 3 (high) (§5.0).",
);
export type HomeSpeedInfoObject = Static<typeof HomeSpeedInfoObject>;

export const HomeTemperatureInfoObject = valueObject(Type.Number(), "Degrees; value or delta.");
export type HomeTemperatureInfoObject = Static<typeof HomeTemperatureInfoObject>;

export const HomeTVChannelInfoObject = valueObject(Type.Number(), "Channel, sub-channel or step.");
export type HomeTVChannelInfoObject = Static<typeof HomeTVChannelInfoObject>;

export const HomeTVChannelNameInfoObject = valueObject(Type.String({ minLength: 1 }), "Name.");
export type HomeTVChannelNameInfoObject = Static<typeof HomeTVChannelNameInfoObject>;

export const HomeTVInputSourceNameInfoObject = valueObject(
  Type.String({ minLength: 1 }),
  'Input name such as "HDMI1" (JP).',
);
export type HomeTVInputSourceNameInfoObject = Static<typeof HomeTVInputSourceNameInfoObject>;

// JP types `index` as a number but its values are grade strings (§14 #19).
export const HomeUltraFineDustInfoObject = HomeFineDustInfoObject;
export type HomeUltraFineDustInfoObject = HomeFineDustInfoObject;

export const HomeVolumeInfoObject = valueObject(Type.Number(), "Volume level or step.");
export type HomeVolumeInfoObject = Static<typeof HomeVolumeInfoObject>;

// Marked optional in the sources; required in GetWeightResponse (§7).
export const HomeWeightInfoObject = valueObject(Type.Number(), "Kilograms.");
export type HomeWeightInfoObject = Static<typeof HomeWeightInfoObject>;
