// The platform's Prometheus metrics (docs/scale-out.md, "Operations"): one registry per running
// server (tests run several in one process), the Node.js process figures including event-loop
// lag, and what an operator of a voice platform watches: turns and where their time goes,
// extension errors, downchannels and pushes, rate-limit refusals, database and Redis latency.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { modelCacheStats } from "../abilities/models/cache.js";

/** Where a turn's time goes. `nlu` is the assistant's own time: understanding and routing. */
export type TurnStage = "asr" | "nlu" | "extension" | "tts" | "total";

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const FAST_SECONDS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1];

export class PlatformMetrics {
  readonly registry = new Registry();
  readonly turns: Counter<"kind">;
  readonly turnSeconds: Histogram<"stage">;
  readonly extensionErrors: Counter<"kind">;
  readonly pushes: Counter<"delivered">;
  readonly rateLimited: Counter<"scope">;
  readonly dependencySeconds: Histogram<"dependency">;
  readonly dependencyUp: Gauge<"dependency">;

  constructor(nodeId: string, downchannels: () => number) {
    this.registry.setDefaultLabels({ node: nodeId });
    collectDefaultMetrics({
      register: this.registry,
      prefix: "clover_",
      eventLoopMonitoringPrecision: 10,
    });
    const registers = [this.registry];
    this.turns = new Counter({
      name: "clover_turns_total",
      help: "Turns handled (utterances and device events that reached the assistant)",
      labelNames: ["kind"],
      registers,
    });
    this.turnSeconds = new Histogram({
      name: "clover_turn_stage_seconds",
      help: "Time of each stage of a turn: asr, nlu (understanding and routing), extension, tts, total",
      labelNames: ["stage"],
      buckets: SECONDS,
      registers,
    });
    this.extensionErrors = new Counter({
      name: "clover_extension_errors_total",
      help: "Failed extension calls by kind (timeout, http-status, invalid-message…)",
      labelNames: ["kind"],
      registers,
    });
    new Gauge({
      name: "clover_downchannels_open",
      help: "Downchannels held by this node",
      registers,
      collect() {
        this.set(downchannels());
      },
    });
    new Gauge({
      name: "clover_models_total",
      help: "Interaction models this process compiled, or loaded compiled from the model cache",
      labelNames: ["source"],
      registers,
      collect() {
        this.set({ source: "compiled" }, modelCacheStats.compiled);
        this.set({ source: "cache" }, modelCacheStats.loaded);
      },
    });
    this.pushes = new Counter({
      name: "clover_pushes_total",
      help: "Cloud-initiated directives sent, by whether a downchannel received them",
      labelNames: ["delivered"],
      registers,
    });
    this.rateLimited = new Counter({
      name: "clover_rate_limit_refusals_total",
      help: "Requests refused by a rate limit",
      labelNames: ["scope"],
      registers,
    });
    this.dependencySeconds = new Histogram({
      name: "clover_dependency_seconds",
      help: "Round trip of a probe to the database and Redis",
      labelNames: ["dependency"],
      buckets: FAST_SECONDS,
      registers,
    });
    this.dependencyUp = new Gauge({
      name: "clover_dependency_up",
      help: "1 when the last probe of the dependency answered",
      labelNames: ["dependency"],
      registers,
    });
  }

  observeStage(stage: TurnStage, startedAt: number): void {
    this.turnSeconds.observe({ stage }, (performance.now() - startedAt) / 1000);
  }
}
