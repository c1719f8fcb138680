// The platform's built-in abilities. Each lives in its own folder (DESIGN.md) and is listed
// here once; the assistant routes to them through the AbilityRouter.
import type { Ability } from "./ability.js";
import { createAlertsAbility } from "./alerts/index.js";
import { clockAbility } from "./clock/index.js";
import { deviceControlAbility } from "./device-control/index.js";
import { HomeAbility } from "./home/index.js";
import { notificationsAbility } from "./notifications/index.js";
import { playbackAbility } from "./playback/index.js";
import { createScheduleAbility } from "./schedule/index.js";
import type { AbilityServices } from "./services.js";
import { smallTalkAbility } from "./small-talk/index.js";

export type {
  Ability,
  AbilityAnswer,
  AbilityId,
  AbilityModel,
  AbilityTurn,
} from "./ability.js";
export { isAbilityId } from "./ability.js";
export { AbilityRouter } from "./router.js";
export type { AbilityServices, Clock, DeviceOutbox, DeviceTarget } from "./services.js";
export { systemClock } from "./services.js";

/** Every built-in ability, in the order they are asked when two are equally sure. */
export function createAbilities(services: AbilityServices): Ability[] {
  const alerts = createAlertsAbility(services);
  // "Remind me 10 minutes before" a schedule event becomes an Alerts REMINDER.
  const remind = async (request: Parameters<typeof alerts.api.setReminder>[0]) => {
    await alerts.api.setReminder(request);
  };
  // Schedule before alerts: "what do I have next week" is a calendar question; the schedule
  // lets "cancel my 3 o'clock" go on to the alerts when no event is at that time.
  // The clock before the schedule: "what's the date today" asks the date, not the agenda.
  return [
    playbackAbility(),
    clockAbility(services.clock),
    createScheduleAbility(services, { remind }),
    alerts,
    deviceControlAbility(),
    notificationsAbility(services),
    ...(services.cek ? [new HomeAbility(services)] : []),
    smallTalkAbility(services.clock),
  ];
}
