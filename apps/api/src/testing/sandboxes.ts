import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import {
  type AllSandboxes,
  createAllSandboxes,
  createSandboxesApp,
  MAYSTRO_SANDBOX_TOKEN,
  SEQUEL247_SANDBOX_TOKEN,
  SHIPROCKET_SANDBOX_CREDENTIALS,
} from "@waybill/carriers/sandbox";
import type { CarrierId } from "@waybill/carriers/statuses";
import { createCarrierAccount } from "../carrier-accounts/accounts";
import type { CarrierAccountRow } from "../carrier-accounts/adapters";
import type { AppDeps } from "../deps";

export type SandboxServer = {
  /** Base URL of all three sandboxes; a carrier's API is at `${url}/${carrier}`. */
  url: string;
  sandboxes: AllSandboxes;
  close(): Promise<void>;
};

/**
 * The three carrier sandboxes on a real loopback port, on a clock only the test moves (`sandboxes.advance`),
 * so the api talks to them over real HTTP exactly as it would to a carrier.
 */
export async function startSandboxServer(options: { seed?: number } = {}): Promise<SandboxServer> {
  const sandboxes = createAllSandboxes({ seed: options.seed ?? 2026 });
  const app = createSandboxesApp(sandboxes);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(s as Server),
    ) as Server;
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sandboxes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The credentials each sandbox accepts. */
export const SANDBOX_CREDENTIALS: Record<CarrierId, Record<string, unknown>> = {
  shiprocket: { ...SHIPROCKET_SANDBOX_CREDENTIALS },
  sequel247: { token: SEQUEL247_SANDBOX_TOKEN },
  maystro: { apiToken: MAYSTRO_SANDBOX_TOKEN },
};

/** A carrier account whose API is the given sandbox server. */
export function createSandboxAccount(
  deps: Pick<AppDeps, "db" | "secrets" | "now">,
  carrier: CarrierId,
  sandboxUrl: string,
): CarrierAccountRow {
  return createCarrierAccount(deps, {
    carrier,
    name: `${carrier} sandbox`,
    credentials: SANDBOX_CREDENTIALS[carrier],
    baseUrl: `${sandboxUrl}/${carrier}`,
  });
}
