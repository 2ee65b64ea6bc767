import { deriveOrderStatus } from "@waybill/carriers";
import {
  createMaystroSandbox,
  createSequel247Sandbox,
  createShiprocketSandbox,
  type Sandbox,
  SCENARIO_NAMES,
} from "@waybill/carriers/sandbox";
import type { CarrierId } from "@waybill/carriers/statuses";
import type { BulkShipmentState } from "@waybill/db/seed";

const STEP_MS = 10 * 60_000;
const LOCATIONS = ["Mumbai hub", "Nagpur hub", "Bengaluru hub", "Alger centre", "Oran stop desk"];

const SANDBOXES: Record<CarrierId, () => Sandbox> = {
  shiprocket: () => createShiprocketSandbox(),
  sequel247: () => createSequel247Sandbox(),
  maystro: () => createMaystroSandbox(),
};

/**
 * Every state a shipment passes through in the carrier's sandbox scenarios (each prefix of each timeline),
 * with the raw codes, carrier-time offsets and folded statuses the sandbox itself reports: bulk data with
 * the shape and status mix of real tracking, without playing a sandbox per shipment.
 */
export async function sandboxShipmentStates(carrier: CarrierId): Promise<BulkShipmentState[]> {
  const { control } = SANDBOXES[carrier]();
  const start = control.clock.now();
  for (const scenario of SCENARIO_NAMES) {
    try {
      control.createShipment({ scenario });
    } catch {
      // Sequel247 has no stop desk.
    }
  }
  const states = new Map<string, BulkShipmentState>();
  for (let step = 0; step <= (12 * 86_400_000) / STEP_MS; step++) {
    for (const truth of control.groundTruth()) {
      if (truth.events.length === 0) continue;
      const key = `${truth.scenario}:${truth.events.length}`;
      if (states.has(key)) continue;
      const previous = states.get(`${truth.scenario}:${truth.events.length - 1}`);
      const last = truth.events.at(-1) as { rawCode: string; occurredAt: string };
      const scan = {
        afterMs: Date.parse(last.occurredAt) - start,
        rawCode: last.rawCode,
        rawLabel: last.rawCode,
        status: truth.status,
        substatus: null,
        location: LOCATIONS[truth.events.length % LOCATIONS.length] as string,
        description: `Scan ${last.rawCode}`,
      };
      states.set(key, {
        // Two scans within one step: the earlier one carries the later status, a harmless blur for bench data.
        scans: previous
          ? [...previous.scans, scan]
          : truth.events.map((event) => ({
              ...scan,
              afterMs: Date.parse(event.occurredAt) - start,
              rawCode: event.rawCode,
              rawLabel: event.rawCode,
            })),
        status: truth.status,
        substatus: null,
        orderStatus: deriveOrderStatus(truth.status),
      });
    }
    await control.advance(STEP_MS);
  }
  return [...states.values()];
}
