// Operations of one node: metrics, health and readiness, the optional ops port, and the
// graceful drain on SIGTERM (docs/scale-out.md).

export { countedBus } from "./counted-bus.js";
export { PlatformMetrics, type TurnStage } from "./metrics.js";
export { observedAsr, observedAssistant, observedTts } from "./observe.js";
export { type Readiness, ReadinessProbe } from "./readiness.js";
export { handleOps, type OpsContext } from "./routes.js";
