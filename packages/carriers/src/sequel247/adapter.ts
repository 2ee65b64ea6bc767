import { CarrierError, isCarrierError } from "../errors";
import { parseCarrierTime } from "../time";
import type {
  CarrierAccountConfig,
  CarrierAdapter,
  CarrierUpdate,
  ConnectionVerdict,
  CreatedShipment,
  CreateShipmentInput,
  ShipmentRef,
  TrackResult,
  WebhookParseResult,
} from "../types";
import { createSequel247Client, type Sequel247Client, type Sequel247HttpOptions } from "./client";
import { isValidDocket, type SequelCreateRequest, sequel247CredentialsSchema } from "./schemas";
import { SEQUEL247_TIME_ZONE, sequel247TrackingUrl, toUpdate } from "./transform";

/** Dockets per `trackMultiple` call. Sequel documents no limit; integrators batch in the tens. */
export const SEQUEL247_TRACK_BATCH_SIZE = 50;

/** A pin code Sequel247 serves (Bangalore GPO): `testConnection` asks about it to check the token. */
export const SEQUEL247_PROBE_PIN_CODE = "560001";

// The only values any integration sends: Sequel247 is a valuables carrier (diamonds & jewellery).
const DEFAULT_SHIPMENT_TYPE = "D&J";
const DEFAULT_SERVICE_TYPE = "valuable";
const DEFAULT_LOCATION = "domestic";
const DEFAULT_PICKUP_DATE = "Tomorrow";
const DEFAULT_PICKUP_TIME = "10:00-18:00";
// One integrator truncates at 50 characters per address line; longer lines are refused.
const ADDRESS_LINE_MAX = 50;

export type Sequel247AdapterOptions = Sequel247HttpOptions & {
  /** Dockets per `trackMultiple` call; default SEQUEL247_TRACK_BATCH_SIZE. */
  batchSize?: number;
};

export type Sequel247Serviceability = {
  serviceable: boolean;
  city: string | null;
  state: string | null;
  hub: string | null;
};

/** Sequel247's adapter: the shared contract plus the carrier's pre-booking helpers. */
export type Sequel247Adapter = CarrierAdapter &
  Required<Pick<CarrierAdapter, "createShipment" | "cancelShipment">> & {
    /** Whether Sequel247 serves a 6-digit pin code. */
    checkServiceability(pinCode: string): Promise<Sequel247Serviceability>;
    /** Sequel247's own delivery estimate before booking (`calculateEDD`); null when it gives none. */
    estimateDelivery(input: {
      originPincode: string;
      destinationPincode: string;
      pickupDate: Date;
    }): Promise<Date | null>;
  };

type DocketOutcome = { ok: true; update: CarrierUpdate } | { ok: false; error: CarrierError };

/**
 * Sequel247 adapter. Credentials `{ token }` are checked lazily: an account with a malformed token can
 * still be built, and every call (and `testConnection`) then answers AUTH_FAILED with the reason.
 */
export function createSequel247Adapter(
  account: CarrierAccountConfig,
  options: Sequel247AdapterOptions = {},
): Sequel247Adapter {
  const { batchSize: requestedBatchSize, ...httpOptions } = options;
  const batchSize = Math.max(1, Math.floor(requestedBatchSize ?? SEQUEL247_TRACK_BATCH_SIZE));
  const logger = options.logger ?? account.logger;
  const credentials = sequel247CredentialsSchema.safeParse(account.credentials);
  const client: Sequel247Client | null = credentials.success
    ? createSequel247Client({
        ...(account.baseUrl !== undefined ? { baseUrl: account.baseUrl } : {}),
        ...(account.fetch !== undefined ? { fetch: account.fetch } : {}),
        ...(account.rateLimit !== undefined ? { rateLimit: account.rateLimit } : {}),
        ...(account.now !== undefined ? { now: account.now } : {}),
        ...(logger !== undefined ? { logger } : {}),
        ...httpOptions,
        token: credentials.data.token,
      })
    : null;

  function api(): Sequel247Client {
    if (client) return client;
    const reason = credentials.error?.issues[0]?.message ?? "missing token";
    throw new CarrierError("AUTH_FAILED", `Sequel247 credentials are invalid: ${reason}`, {
      carrier: "sequel247",
    });
  }

  async function trackOne(docket: string): Promise<DocketOutcome> {
    return settle(async () => toUpdate(docket, await api().track(docket), logger));
  }

  async function trackBatch(dockets: string[]): Promise<Map<string, DocketOutcome>> {
    const outcomes = new Map<string, DocketOutcome>();
    let body: Awaited<ReturnType<Sequel247Client["trackMultiple"]>>;
    try {
      body = await api().trackMultiple(dockets);
    } catch (error) {
      const failure = asCarrierError(error);
      for (const docket of dockets) outcomes.set(docket, { ok: false, error: failure });
      return outcomes;
    }
    const found = new Map(Object.entries(body.successShipments));
    for (const entry of body.data ?? []) {
      if (entry.docket_no !== null) found.set(entry.docket_no, entry);
    }
    for (const docket of dockets) {
      const data = found.get(docket);
      const refusal = body.errorShipments[docket];
      if (data) {
        outcomes.set(docket, await settle(async () => toUpdate(docket, data, logger)));
      } else if (refusal !== undefined) {
        const message = refusal ?? "No Tracking Information found";
        outcomes.set(docket, {
          ok: false,
          error: new CarrierError("NOT_FOUND", `Sequel247 docket ${docket}: ${message}`, {
            carrier: "sequel247",
          }),
        });
      } else {
        // Neither list names it (shape drift): ask for this docket alone, as integrators fall back to.
        outcomes.set(docket, await trackOne(docket));
      }
    }
    return outcomes;
  }

  return {
    carrier: "sequel247",

    async testConnection(): Promise<ConnectionVerdict> {
      try {
        const answer = await api().checkServiceability(SEQUEL247_PROBE_PIN_CODE);
        const where = answer.data?.city ? ` (probe pin served from ${answer.data.city})` : "";
        return { ok: true, message: `Sequel247 accepted the token${where}` };
      } catch (error) {
        const failure = asCarrierError(error);
        // Sequel247 refusing the probe pin code still means it accepted the token.
        if (failure.code === "REJECTED") {
          return { ok: true, message: "Sequel247 accepted the token" };
        }
        return { ok: false, code: failure.code, message: failure.message };
      }
    },

    async track(refs: ShipmentRef[]): Promise<TrackResult[]> {
      const results: Array<TrackResult | undefined> = new Array(refs.length);
      const indexesByDocket = new Map<string, number[]>();
      refs.forEach((ref, index) => {
        const docket = ref.trackingNumber?.trim() ?? "";
        if (!isValidDocket(docket)) {
          const why =
            docket === ""
              ? "no docket number yet"
              : `"${docket}" is not a docket number (10 digits)`;
          results[index] = {
            ref,
            ok: false,
            error: new CarrierError("NOT_FOUND", `Sequel247 cannot track: ${why}`, {
              carrier: "sequel247",
            }),
          };
          return;
        }
        indexesByDocket.set(docket, [...(indexesByDocket.get(docket) ?? []), index]);
      });

      const dockets = [...indexesByDocket.keys()];
      const outcomes = new Map<string, DocketOutcome>();
      if (dockets.length === 1) {
        const [docket] = dockets as [string];
        outcomes.set(docket, await trackOne(docket));
      } else {
        for (let start = 0; start < dockets.length; start += batchSize) {
          const batch = await trackBatch(dockets.slice(start, start + batchSize));
          for (const [docket, outcome] of batch) outcomes.set(docket, outcome);
        }
      }

      for (const [docket, indexes] of indexesByDocket) {
        const outcome = outcomes.get(docket) as DocketOutcome;
        for (const index of indexes) {
          const ref = refs[index] as ShipmentRef;
          results[index] = outcome.ok
            ? { ref, ok: true, update: { ...outcome.update, ref } }
            : { ref, ok: false, error: outcome.error };
        }
      }
      return results as TrackResult[];
    },

    async createShipment(input: CreateShipmentInput): Promise<CreatedShipment> {
      const request = buildCreateRequest(input);
      const data = await api().createShipment(request);
      const docket = data.docketNumber.trim();
      return {
        carrierOrderId: data.brn,
        carrierShipmentId: null,
        trackingNumber: docket,
        courierName: null,
        trackingUrl: sequel247TrackingUrl(docket),
        estimatedDelivery: parseCarrierTime(data.estimated_delivery, SEQUEL247_TIME_ZONE),
      };
    },

    async cancelShipment(ref: ShipmentRef, reason?: string): Promise<void> {
      const docket = ref.trackingNumber?.trim() ?? "";
      if (!isValidDocket(docket)) {
        throw new CarrierError("NOT_FOUND", "Sequel247 cancels by docket number; none is known", {
          carrier: "sequel247",
        });
      }
      await api().cancel(docket, reason?.trim() || "Cancelled by merchant");
    },

    parseWebhook(): WebhookParseResult {
      return { ok: false, reason: "MALFORMED", message: "Sequel247 does not send webhooks" };
    },

    async checkServiceability(pinCode: string): Promise<Sequel247Serviceability> {
      const answer = await api().checkServiceability(pinCode);
      return {
        serviceable: answer.status && answer.data !== null && answer.data !== undefined,
        city: answer.data?.city ?? null,
        state: answer.data?.state ?? null,
        hub: answer.data?.hub ?? null,
      };
    },

    async estimateDelivery(input): Promise<Date | null> {
      const answer = await api().calculateEdd({
        originPincode: input.originPincode,
        destinationPincode: input.destinationPincode,
        pickupDate: istDate(input.pickupDate),
      });
      return parseCarrierTime(answer.data?.estimated_delivery, SEQUEL247_TIME_ZONE);
    },
  };
}

function buildCreateRequest(input: CreateShipmentInput): Omit<SequelCreateRequest, "token"> {
  const fromStoreCode = optionText(input, "fromStoreCode");
  if (fromStoreCode === null) {
    throw new CarrierError(
      "REJECTED",
      "Sequel247 needs options.fromStoreCode: the pickup store's address short code",
      { carrier: "sequel247" },
    );
  }
  const { address, parcel } = input;
  const [line1, line2] = fitAddressLines([address.line1, address.line2, address.city]);
  const grams = String(Math.round(parcel.weightKg * 1000));
  const value = formatAmount(input.subTotal);
  const remark = optionText(input, "remark");
  const lockNumber = optionText(input, "lockNumber");
  return {
    location: optionText(input, "location") ?? DEFAULT_LOCATION,
    shipmentType: optionText(input, "shipmentType") ?? DEFAULT_SHIPMENT_TYPE,
    serviceType: optionText(input, "serviceType") ?? DEFAULT_SERVICE_TYPE,
    pickUpDate: optionText(input, "pickUpDate") ?? DEFAULT_PICKUP_DATE,
    pickUpTime: optionText(input, "pickUpTime") ?? DEFAULT_PICKUP_TIME,
    fromStoreCode,
    toAddress: {
      consignee_name: address.name,
      address_line1: line1,
      ...(line2 !== "" ? { address_line2: line2 } : {}),
      pinCode: address.postalCode.replace(/\s+/g, ""),
      auth_receiver_name: address.name,
      auth_receiver_phone: indianMobile(address.phone),
      auth_receiver_email: address.email,
    },
    // Sequel247 takes every number as a string; jewellery integrations send grams.
    net_weight: grams,
    gross_weight: grams,
    net_value: value,
    codValue: input.paymentMethod === "cod" ? value : "0",
    no_of_packages: "1",
    boxes: [
      {
        box_number: optionText(input, "boxNumber") ?? `${input.orderNumber}-1`,
        ...(lockNumber !== null ? { lock_number: lockNumber } : {}),
        length: formatAmount(parcel.lengthCm),
        breadth: formatAmount(parcel.breadthCm),
        height: formatAmount(parcel.heightCm),
        gross_weight: grams,
      },
    ],
    invoice: [optionText(input, "invoiceNumber") ?? input.orderNumber],
    ...(remark !== null ? { remark } : {}),
  };
}

function optionText(input: CreateShipmentInput, key: string): string | null {
  const value = input.options?.[key];
  if (value === null || value === undefined || typeof value === "boolean") return null;
  const text = String(value).trim();
  return text === "" ? null : text;
}

/** Packs the address words into two lines of at most 50 characters; what cannot fit is cut. */
function fitAddressLines(parts: Array<string | null | undefined>): [string, string] {
  const words = parts
    .map((part) => part?.trim() ?? "")
    .filter((part) => part !== "")
    .join(", ")
    .split(/\s+/);
  const lines: [string, string] = ["", ""];
  let current: 0 | 1 = 0;
  for (const word of words) {
    const candidate = lines[current] === "" ? word : `${lines[current]} ${word}`;
    if (candidate.length <= ADDRESS_LINE_MAX) {
      lines[current] = candidate;
    } else if (lines[current] === "") {
      lines[current] = word.slice(0, ADDRESS_LINE_MAX);
    } else if (current === 0) {
      current = 1;
      lines[1] = word.slice(0, ADDRESS_LINE_MAX);
    } else {
      break;
    }
  }
  return [lines[0].replace(/,$/, ""), lines[1].replace(/,$/, "")];
}

/** Sequel247 wants a bare 10-digit mobile; shops store `+91 98450 12345` or `098450 12345`. */
function indianMobile(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length === 12 && digits.startsWith("91")) return digits.slice(2);
  if (digits.length === 11 && digits.startsWith("0")) return digits.slice(1);
  return digits;
}

function formatAmount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** `YYYY-MM-DD` of an instant on the Indian calendar, the `pickup_date` format most clients send. */
function istDate(instant: Date): string {
  return new Date(instant.getTime() + 330 * 60_000).toISOString().slice(0, 10);
}

async function settle(run: () => Promise<CarrierUpdate>): Promise<DocketOutcome> {
  try {
    return { ok: true, update: await run() };
  } catch (error) {
    return { ok: false, error: asCarrierError(error) };
  }
}

// Anything that is not a CarrierError is a bug in this package: let it surface, loudly.
function asCarrierError(error: unknown): CarrierError {
  if (isCarrierError(error)) return error;
  throw error;
}
