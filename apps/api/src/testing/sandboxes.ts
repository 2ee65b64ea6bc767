import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import {
  type AllSandboxes,
  createAllSandboxes,
  createSandboxesApp,
} from "@waybill/carriers/sandbox";
import type { CarrierId } from "@waybill/carriers/statuses";
import { createCarrierAccount } from "../carrier-accounts/accounts";
import type { CarrierAccountRow } from "../carrier-accounts/adapters";
import { SANDBOX_CREDENTIALS } from "../demo/carriers";
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
