/**
 * The carrier side of bench/sync-throughput.ts, in its own process as a carrier is: the three sandboxes on a
 * loopback port. Requests: "book" Sequel247 dockets, "advance" the shared clock, set "faults", read "counters".
 */
import type { ScenarioName } from "@waybill/carriers/sandbox";
import { startSandboxServer } from "../src/testing/sandboxes";
import { serveParent } from "./lib/child";

await serveParent(async () => {
  const sandbox = await startSandboxServer({ seed: 2026 });
  const { sandboxes } = sandbox;
  const sequel = sandboxes.sequel247.control;
  return {
    ready: { url: sandbox.url },
    handlers: {
      book(request) {
        const { startAt, shipments } = request as unknown as {
          startAt: number;
          shipments: Array<{ docket: string; orderNumber: string; scenario: ScenarioName }>;
        };
        sandboxes.clock.set(startAt);
        for (const shipment of shipments) {
          sequel.createShipment({
            scenario: shipment.scenario,
            orderNumber: shipment.orderNumber,
            trackingNumber: shipment.docket,
          });
        }
        return { booked: shipments.length };
      },
      async advance(request) {
        await sandboxes.advance(Number(request.ms));
        const events = sequel.groundTruth().reduce((sum, s) => sum + s.events.length, 0);
        return { now: sandboxes.clock.now(), events };
      },
      faults(request) {
        sequel.faults.set(request.faults as Record<string, number>);
        return sequel.faults.config;
      },
      counters() {
        return { ...sequel.faults.counters };
      },
    },
    onStop: () => sandbox.close(),
  };
});
