/**
 * Scenario sizes. The full profile is what the issue asks for; FAULTS_PROFILE=short keeps the same shape at
 * a size CI runs in a few minutes.
 */
export const SHORT = process.env.FAULTS_PROFILE === "short";

export const PROFILE = SHORT
  ? {
      stormShipments: 200,
      stormDeliveries: 2_000,
      killSyncShipments: 1_000,
      killStormShipments: 150,
      carrierStormShipments: 300,
      churnClients: 100,
      churnChanges: 600,
      fuzzBodies: 300,
    }
  : {
      stormShipments: 1_000,
      stormDeliveries: 10_000,
      killSyncShipments: 2_000,
      killStormShipments: 500,
      carrierStormShipments: 1_500,
      churnClients: 500,
      churnChanges: 3_000,
      fuzzBodies: 2_000,
    };

/** One line per scenario on stdout, after vitest's own, so CI logs show the figures. */
export function report(scenario: string, figures: Record<string, unknown>): void {
  process.stdout.write(`faults ${scenario}: ${JSON.stringify(figures)}\n`);
}
