import type { CarrierId, ShipOrderInput } from "./api-types";

/** What the ship form holds: text as typed, one set of fields per carrier. */
export type ShipFormValues = {
  accountId: string;
  /** Sequel247 */
  docket: string;
  /** Shiprocket */
  pickupLocation: string;
  courierId: string;
  lengthCm: string;
  breadthCm: string;
  heightCm: string;
  weightKg: string;
  /** Maystro */
  wilaya: string;
  commune: string;
  deliveryType: "1" | "2";
  stopDeskId: string;
  express: boolean;
  noteToDriver: string;
};

export type ShipFormField = keyof ShipFormValues;
export type ShipFormErrors = Partial<Record<ShipFormField, string>>;

export const EMPTY_SHIP_FORM: ShipFormValues = {
  accountId: "",
  docket: "",
  pickupLocation: "Primary",
  courierId: "",
  lengthCm: "",
  breadthCm: "",
  heightCm: "",
  weightKg: "",
  wilaya: "",
  commune: "",
  deliveryType: "1",
  stopDeskId: "",
  express: false,
  noteToDriver: "",
};

const PARCEL_FIELDS = [
  ["lengthCm", 300, "cm"],
  ["breadthCm", 300, "cm"],
  ["heightCm", 300, "cm"],
  ["weightKg", 100, "kg"],
] as const;

/** Docket numbers are often read off a label with spaces or dashes; the digits are what count. */
export function normalizeDocket(value: string): string {
  return value.replace(/[\s-]/g, "");
}

/** Same rule as the api (`docketSchema`): exactly 10 digits, leading zeros kept. */
export function docketProblem(value: string): string | undefined {
  const docket = normalizeDocket(value);
  if (docket === "") return "Enter the docket number from the Sequel247 booking.";
  if (!/^\d+$/.test(docket)) return "A docket number has digits only.";
  if (docket.length !== 10) {
    return `A Sequel247 docket number is exactly 10 digits (this one has ${docket.length}).`;
  }
  return undefined;
}

function positiveInteger(value: string): number | null {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const number = Number(trimmed);
  return number > 0 && Number.isSafeInteger(number) ? number : null;
}

function positiveNumber(value: string, max: number): number | null {
  const trimmed = value.trim().replace(",", ".");
  if (!/^\d*\.?\d+$/.test(trimmed)) return null;
  const number = Number(trimmed);
  return number > 0 && number <= max ? number : null;
}

export type ShipFormResult =
  | { ok: true; input: ShipOrderInput }
  | { ok: false; errors: ShipFormErrors };

/**
 * Checks the form the way the api will (`shipOrderSchema`), so mistakes show next to their field
 * before anything reaches the carrier, and builds the `admin.orders.ship` input.
 */
export function validateShipForm(
  carrier: CarrierId | null,
  orderId: string,
  values: ShipFormValues,
): ShipFormResult {
  const errors: ShipFormErrors = {};
  if (!carrier || values.accountId === "") {
    return { ok: false, errors: { accountId: "Choose the carrier account to ship with." } };
  }
  const base = { orderId, accountId: values.accountId };

  if (carrier === "sequel247") {
    const problem = docketProblem(values.docket);
    if (problem) return { ok: false, errors: { docket: problem } };
    return { ok: true, input: { ...base, carrier, docket: normalizeDocket(values.docket) } };
  }

  if (carrier === "shiprocket") {
    const pickupLocation = values.pickupLocation.trim();
    if (pickupLocation === "") {
      errors.pickupLocation = "Enter the pickup location's name as it is in the Shiprocket panel.";
    } else if (pickupLocation.length > 80) {
      errors.pickupLocation = "At most 80 characters.";
    }
    let courierId: number | undefined;
    if (values.courierId.trim() !== "") {
      courierId = positiveInteger(values.courierId) ?? undefined;
      if (courierId === undefined) errors.courierId = "A courier id is a whole number, e.g. 10.";
    }
    const filled = PARCEL_FIELDS.filter(([field]) => values[field].trim() !== "");
    let parcel:
      | { lengthCm: number; breadthCm: number; heightCm: number; weightKg: number }
      | undefined;
    if (filled.length > 0) {
      const measured: Partial<Record<(typeof PARCEL_FIELDS)[number][0], number>> = {};
      for (const [field, max, unit] of PARCEL_FIELDS) {
        if (values[field].trim() === "") {
          errors[field] = "Give all four parcel measures, or none to use the default box.";
          continue;
        }
        const number = positiveNumber(values[field], max);
        if (number === null) errors[field] = `More than 0 and at most ${max} ${unit}.`;
        else measured[field] = number;
      }
      const { lengthCm, breadthCm, heightCm, weightKg } = measured;
      if (lengthCm && breadthCm && heightCm && weightKg) {
        parcel = { lengthCm, breadthCm, heightCm, weightKg };
      }
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    return {
      ok: true,
      input: {
        ...base,
        carrier,
        pickupLocation,
        ...(courierId ? { courierId } : {}),
        ...(parcel ? { parcel } : {}),
      },
    };
  }

  const wilaya = positiveInteger(values.wilaya);
  if (wilaya === null) errors.wilaya = "Enter the wilaya's number, e.g. 16 for Alger.";
  const commune = positiveInteger(values.commune);
  if (commune === null) errors.commune = "Enter Maystro's numeric commune id, e.g. 1621.";
  let stopDeskId: number | undefined;
  if (values.deliveryType === "2" && values.stopDeskId.trim() !== "") {
    stopDeskId = positiveInteger(values.stopDeskId) ?? undefined;
    if (stopDeskId === undefined) errors.stopDeskId = "A stop desk id is a whole number.";
  }
  const noteToDriver = values.noteToDriver.trim();
  if (noteToDriver.length > 300) errors.noteToDriver = "At most 300 characters.";
  if (wilaya === null || commune === null || Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    input: {
      ...base,
      carrier,
      wilaya,
      commune,
      deliveryType: values.deliveryType === "2" ? 2 : 1,
      express: values.express,
      ...(noteToDriver ? { noteToDriver } : {}),
      ...(stopDeskId ? { stopDeskId } : {}),
    },
  };
}
