// The directive bus with every push counted in the metrics (delivered or not).
import type { DirectiveBus } from "../cic/bus.js";
import type { PlatformMetrics } from "./metrics.js";

export function countedBus(bus: DirectiveBus, metrics: PlatformMetrics): DirectiveBus {
  return {
    async publish(deviceKey, directive, attachment) {
      const delivered = await bus.publish(deviceKey, directive, attachment);
      metrics.pushes.inc({ delivered: String(delivered) });
      return delivered;
    },
    subscribe: (deviceKey, listener) => bus.subscribe(deviceKey, listener),
    locate: (deviceKey) => bus.locate(deviceKey),
    close: () => bus.close(),
  };
}
