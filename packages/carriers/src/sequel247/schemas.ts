import { z } from "zod";

/**
 * Sequel247 wire shapes (carriers.md §2). No official documentation exists, so response schemas are
 * lenient where integrators disagree (the `status` flag, `trackMultiple` layout, nullable fields) and
 * strict only on what we depend on (docket numbers, scan codes and times).
 */

/** Account credentials: the API token Sequel247 issues per environment (test and production differ). */
export const sequel247CredentialsSchema = z.object({
  token: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{32}$/, "Sequel247 token must be a 32-character hex string"),
});
export type Sequel247Credentials = z.infer<typeof sequel247CredentialsSchema>;

/** A docket number as an admin types it: exactly 10 digits, leading zeros kept (`0581094993`). */
export const docketSchema = z
  .string()
  .trim()
  .regex(/^\d{10}$/, "A Sequel247 docket number is exactly 10 digits");
export type Docket = z.infer<typeof docketSchema>;

/** True when `value` is a well-formed docket number (10 digits, nothing else). */
export function isValidDocket(value: unknown): value is string {
  return typeof value === "string" && /^\d{10}$/.test(value);
}

const TRUTHY_FLAGS = new Set<unknown>([true, "true", 1, "1"]);

/**
 * Sequel247's success flag: a boolean in some endpoints, the strings "true"/"false" in others, and
 * 1/0 in a few clients' captures. Anything else is a shape we do not understand.
 */
export const sequelFlagSchema = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0"]), z.literal(1), z.literal(0)])
  .transform((value) => TRUTHY_FLAGS.has(value));

// Free-text fields arrive as strings, numbers or null depending on the integration that captured them.
const looseText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value)));

/** One scan inside `data.tracking[]`. `date_time` is IST without offset: "YYYY-MM-DD HH:MM:SS". */
export const sequelScanSchema = z.object({
  code: z.string().min(1),
  description: looseText,
  location: looseText,
  date_time: z.string().min(1),
});
export type SequelScan = z.infer<typeof sequelScanSchema>;

/** `data` of `/api/track`, and each entry of `trackMultiple`. Only the fields we read are declared. */
export const sequelTrackDataSchema = z.object({
  docket_no: looseText,
  br_number: looseText,
  shipment_status: looseText,
  estimated_delivery: looseText,
  // A freshly booked docket can come back with no history at all: no data yet, not an error.
  tracking: z
    .array(sequelScanSchema)
    .nullish()
    .transform((scans) => scans ?? []),
});
export type SequelTrackData = z.infer<typeof sequelTrackDataSchema>;

export const sequelTrackResponseSchema = z.object({
  status: sequelFlagSchema,
  data: sequelTrackDataSchema,
});
export type SequelTrackResponse = z.infer<typeof sequelTrackResponseSchema>;

// PHP backends encode an empty associative array as `[]`, so an empty keyed map may arrive as a list.
function keyedOrEmpty<T extends z.ZodType>(value: T) {
  return z
    .union([z.record(z.string(), value), z.array(z.never()).length(0)])
    .nullish()
    .transform((entries): Record<string, z.output<T>> => {
      if (!entries || Array.isArray(entries)) return {};
      return entries;
    });
}

/** Per-docket failure inside a 200 `trackMultiple`: `{"docketNo": "No Tracking Information found"}`. */
export const sequelDocketErrorSchema = z
  .object({ docketNo: looseText, message: looseText })
  .transform((value) => value.docketNo ?? value.message);

/**
 * `/api/trackMultiple`. Two layouts are seen: `successShipments` keyed by docket (most clients) and a
 * `data: [...]` array of track entries (one typed client). Both are accepted.
 */
export const sequelTrackMultipleResponseSchema = z.object({
  status: sequelFlagSchema,
  successShipments: keyedOrEmpty(sequelTrackDataSchema),
  errorShipments: keyedOrEmpty(z.union([sequelDocketErrorSchema, z.string()])),
  data: z.array(sequelTrackDataSchema).optional(),
});
export type SequelTrackMultipleResponse = z.infer<typeof sequelTrackMultipleResponseSchema>;

/**
 * The body of an answer that is not a success, whatever its HTTP status: `code` 103 is "docket does
 * not exist"; `errorInfo` is field → message on validation failures.
 */
export const sequelErrorBodySchema = z.object({
  status: sequelFlagSchema.optional(),
  message: looseText,
  code: z
    .union([z.number(), z.string()])
    .nullish()
    .transform((code) => (code === null || code === undefined ? null : Number(code))),
  errorInfo: z.unknown().optional(),
});
export type SequelErrorBody = z.infer<typeof sequelErrorBodySchema>;

/** `/api/shipment/create` success. `docket_print` (a PDF URL) and the echo of the request are ignored. */
export const sequelCreateResponseSchema = z.object({
  status: sequelFlagSchema,
  message: looseText,
  data: z.object({
    docketNumber: z.string().min(1),
    brn: looseText,
    estimated_delivery: looseText,
  }),
});
export type SequelCreateResponse = z.infer<typeof sequelCreateResponseSchema>;

export const sequelCancelResponseSchema = z.object({
  status: sequelFlagSchema,
  message: looseText,
  data: z
    .object({ docket_number: looseText, cancelled: z.union([z.boolean(), z.string()]).optional() })
    .nullish(),
});
export type SequelCancelResponse = z.infer<typeof sequelCancelResponseSchema>;

export const sequelServiceabilityResponseSchema = z.object({
  status: sequelFlagSchema,
  message: looseText,
  data: z
    .object({
      city: looseText,
      hub: looseText,
      state: looseText,
      Tier_Classification: looseText,
      Pickup_Availability: looseText,
      Delivery_Availability: looseText,
    })
    .nullish(),
});
export type SequelServiceabilityResponse = z.infer<typeof sequelServiceabilityResponseSchema>;

/** `/api/shipment/calculateEDD`: `estimated_delivery` is IST "DD-MM-YYYY HH:MM". */
export const sequelEddResponseSchema = z.object({
  status: sequelFlagSchema,
  message: looseText,
  data: z.object({ estimated_delivery: looseText, estimated_day: looseText }).nullish(),
});
export type SequelEddResponse = z.infer<typeof sequelEddResponseSchema>;

// ---- Requests (what the client sends and the sandbox checks). Numbers travel as strings. ----

const numericString = z.string().regex(/^\d+(\.\d+)?$/, "a number sent as a string");

export const sequelTrackRequestSchema = z.object({ token: z.string(), docket: z.string() });
export const sequelTrackMultipleRequestSchema = z.object({
  token: z.string(),
  dockets: z.array(z.string()).min(1),
});
export const sequelCancelRequestSchema = z.object({
  token: z.string(),
  docket: z.string(),
  cancelReason: z.string().min(1),
});
export const sequelServiceabilityRequestSchema = z.object({
  token: z.string(),
  pin_code: z.string().regex(/^\d{6}$/, "a 6-digit pin code"),
});
export const sequelEddRequestSchema = z.object({
  token: z.string(),
  origin_pincode: z.string().regex(/^\d{6}$/),
  destination_pincode: z.string().regex(/^\d{6}$/),
  pickup_date: z.string().min(1),
});

export const sequelCreateRequestSchema = z.object({
  token: z.string(),
  location: z.string(),
  shipmentType: z.string(),
  serviceType: z.string(),
  pickUpDate: z.string().min(1),
  pickUpTime: z.string().min(1),
  fromStoreCode: z.string().min(1),
  toAddress: z.object({
    consignee_name: z.string().min(1),
    address_line1: z.string().min(1).max(50),
    address_line2: z.string().max(50).optional(),
    pinCode: z.string().regex(/^\d{6}$/, "a 6-digit pin code"),
    auth_receiver_name: z.string().min(1),
    auth_receiver_phone: z.string().regex(/^\d{10}$/, "a 10-digit phone number"),
    auth_receiver_email: z.string().optional(),
  }),
  net_weight: numericString,
  gross_weight: numericString,
  net_value: numericString,
  codValue: numericString,
  no_of_packages: z.string().regex(/^[1-9]\d*$/),
  boxes: z
    .array(
      z.object({
        box_number: z.string(),
        lock_number: z.string().optional(),
        length: numericString,
        breadth: numericString,
        height: numericString,
        gross_weight: numericString,
      }),
    )
    .min(1),
  invoice: z.array(z.string()),
  remark: z.string().optional(),
});
export type SequelCreateRequest = z.infer<typeof sequelCreateRequestSchema>;
