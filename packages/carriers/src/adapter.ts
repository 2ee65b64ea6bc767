import { createMaystroAdapter } from "./maystro/adapter";
import { maystroCredentialsSchema } from "./maystro/schemas";
import { createSequel247Adapter } from "./sequel247/adapter";
import { sequel247CredentialsSchema } from "./sequel247/schemas";
import { createShiprocketAdapter } from "./shiprocket/adapter";
import { shiprocketCredentialsSchema } from "./shiprocket/schemas";
import type { CarrierId } from "./statuses";
import type { CarrierAccountConfig, CarrierAdapter } from "./types";

/**
 * The adapter for one carrier account. Never throws for bad credentials: every carrier's adapter validates them
 * lazily, so each call answers CarrierError AUTH_FAILED and `testConnection` gives the verdict. Validate with
 * `credentialsSchemaFor(carrier)` before saving an account.
 */
export function createCarrierAdapter(account: CarrierAccountConfig): CarrierAdapter {
  const carrier = account.carrier;
  switch (carrier) {
    case "shiprocket":
      return createShiprocketAdapter(account);
    case "sequel247":
      return createSequel247Adapter(account);
    case "maystro":
      return createMaystroAdapter(account);
    default:
      return assertNever(carrier);
  }
}

/** Each carrier's credentials schema, for the admin form and for validating before saving. */
export const CREDENTIALS_SCHEMAS = {
  shiprocket: shiprocketCredentialsSchema,
  sequel247: sequel247CredentialsSchema,
  maystro: maystroCredentialsSchema,
} as const satisfies Record<CarrierId, unknown>;

export type CredentialsSchemaFor<C extends CarrierId> = (typeof CREDENTIALS_SCHEMAS)[C];

/** The zod schema of one carrier's credentials. */
export function credentialsSchemaFor<C extends CarrierId>(carrier: C): CredentialsSchemaFor<C> {
  return CREDENTIALS_SCHEMAS[carrier];
}

function assertNever(value: never): never {
  throw new Error(`unsupported carrier: ${String(value)}`);
}
