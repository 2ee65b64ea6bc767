/**
 * Prints how long seeding a sandbox takes through `control.createShipment`, then advancing it until every
 * scenario has played out. Prints, never asserts: run with `pnpm bench [count] [carrier...]` inside
 * packages/carriers (default 100000 shipments on each carrier).
 */
import { performance } from "node:perf_hooks";
import {
  createMaystroSandbox,
  createSequel247Sandbox,
  createShiprocketSandbox,
  type Sandbox,
  SCENARIO_NAMES,
  type ScenarioName,
} from "../src/sandbox/index";
import { CARRIERS, type CarrierId } from "../src/statuses";

const DAY = 24 * 60 * 60 * 1000;

const factories: Record<CarrierId, () => Sandbox> = {
  shiprocket: () => createShiprocketSandbox(),
  sequel247: () => createSequel247Sandbox(),
  maystro: () => createMaystroSandbox(),
};

// Sequel247 delivers door to door: it refuses the stop-desk scenario.
const scenariosFor = (carrier: CarrierId): readonly ScenarioName[] =>
  carrier === "sequel247" ? SCENARIO_NAMES.filter((s) => s !== "stop_desk") : SCENARIO_NAMES;

function parseArgs(argv: string[]): { count: number; carriers: CarrierId[] } {
  const count = Number(argv.find((arg) => /^\d+$/.test(arg)) ?? 100_000);
  const named = argv.filter((arg): arg is CarrierId =>
    (CARRIERS as readonly string[]).includes(arg),
  );
  return { count, carriers: named.length > 0 ? named : [...CARRIERS] };
}

async function main() {
  const { count, carriers } = parseArgs(process.argv.slice(2));
  for (const carrier of carriers) {
    const { control } = factories[carrier]();
    const scenarios = scenariosFor(carrier);

    const seedStart = performance.now();
    for (let i = 0; i < count; i++) {
      control.createShipment({ scenario: scenarios[i % scenarios.length] as ScenarioName });
    }
    const seedMs = performance.now() - seedStart;

    const advanceStart = performance.now();
    // Day by day, as a demo would: each step applies only what fell due.
    for (let day = 0; day < 30; day++) await control.advance(DAY);
    const advanceMs = performance.now() - advanceStart;

    const truth = control.groundTruth();
    const events = truth.reduce((sum, shipment) => sum + shipment.events.length, 0);
    console.log(
      `${carrier.padEnd(10)} seed ${count} shipments: ${(seedMs / 1000).toFixed(2)} s ` +
        `(${((seedMs * 1000) / count).toFixed(1)} µs each); ` +
        `advance 30 days: ${(advanceMs / 1000).toFixed(2)} s, ${events} events`,
    );
  }
}

await main();
