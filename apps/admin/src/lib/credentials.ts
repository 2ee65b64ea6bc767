import type { CarrierId } from "./api-types";

export type CredentialField = {
  name: string;
  label: string;
  type: "text" | "email" | "password";
  hint?: string;
  optional?: boolean;
  autoComplete?: string;
};

/**
 * The credential fields each carrier's adapter takes (its zod schema in @waybill/carriers). They
 * are write-only: the api never sends them back, so an edit form starts empty.
 */
export const CREDENTIAL_FIELDS = {
  shiprocket: [
    {
      name: "email",
      label: "API user e-mail",
      type: "email",
      hint: "The API user created under Settings → API in the Shiprocket panel, not your login.",
      autoComplete: "off",
    },
    {
      name: "password",
      label: "API user password",
      type: "password",
      autoComplete: "new-password",
    },
  ],
  sequel247: [
    {
      name: "token",
      label: "API token",
      type: "password",
      hint: "32 hexadecimal characters, from Sequel247.",
      autoComplete: "off",
    },
  ],
  maystro: [
    { name: "apiToken", label: "API token", type: "password", autoComplete: "off" },
    {
      name: "storeId",
      label: "Store id",
      type: "text",
      optional: true,
      hint: "Only when the token can see several stores.",
    },
  ],
} as const satisfies Record<CarrierId, readonly CredentialField[]>;

/** The credentials typed into the form, without empty optional fields; null when nothing was typed. */
export function credentialsFrom(
  carrier: CarrierId,
  values: Record<string, string>,
): Record<string, string> | null {
  const fields: readonly CredentialField[] = CREDENTIAL_FIELDS[carrier];
  const entries = fields
    .map((field) => [field.name, (values[field.name] ?? "").trim()] as const)
    .filter(([, value]) => value !== "");
  return entries.length === 0 ? null : Object.fromEntries(entries);
}

/** Required credential fields left empty, as field errors. */
export function missingCredentials(
  carrier: CarrierId,
  values: Record<string, string>,
): Record<string, string> {
  const fields: readonly CredentialField[] = CREDENTIAL_FIELDS[carrier];
  const errors: Record<string, string> = {};
  for (const field of fields) {
    if (!field.optional && (values[field.name] ?? "").trim() === "") {
      errors[field.name] = `Enter the ${field.label}.`;
    }
  }
  return errors;
}

export const SCHEDULE_PRESETS = [
  { value: "*/5 * * * *", label: "Every 5 minutes" },
  { value: "*/15 * * * *", label: "Every 15 minutes" },
  { value: "*/30 * * * *", label: "Every 30 minutes" },
  { value: "0 * * * *", label: "Every hour" },
] as const;

export function describeSchedule(cron: string): string {
  return SCHEDULE_PRESETS.find((preset) => preset.value === cron)?.label ?? cron;
}
