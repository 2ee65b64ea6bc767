import { z } from "zod";

/**
 * Raw Shiprocket shapes at the boundary (carriers.md §1). Objects are loose: Shiprocket adds fields
 * freely and we only pin down what we read. Types drift between endpoints and payload versions
 * (§1.8 item 7), so ids and codes accept a string or a number where the docs show both.
 */

/** Credentials of a Shiprocket API user (panel → Settings → API → Add New API User). */
export const shiprocketCredentialsSchema = z.object({
  email: z.email(),
  password: z.string().min(1),
});
export type ShiprocketCredentials = z.infer<typeof shiprocketCredentialsSchema>;

/** A string or a number on the wire, kept as a string (AWBs, channel order ids). */
const idString = z.union([z.string(), z.number()]).transform((value) => String(value));

/** Same as `idString`, but "" and null both mean "not given". */
const optionalIdString = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) =>
    value === null || value === undefined || value === "" ? null : String(value),
  );

/** Free text that may be absent, null or "". */
const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((value) =>
    value === null || value === undefined || value.trim() === "" ? null : value,
  );

/** A numeric status code that some payloads send as a string ("7") and some as a number. */
const optionalCode = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value) =>
    value === null || value === undefined || value === "" ? null : String(value),
  );

// ---------------------------------------------------------------------------------------- errors

/** `{ message, errors?, status_code? }`: every non-2xx body Shiprocket documents (§1.7). */
export const shiprocketErrorBodySchema = z.looseObject({
  message: z.string().optional(),
  errors: z.record(z.string(), z.union([z.array(z.string()), z.string()])).optional(),
  status_code: z.number().optional(),
});
export type ShiprocketErrorBody = z.infer<typeof shiprocketErrorBodySchema>;

// ------------------------------------------------------------------------------------------ auth

/**
 * Either `{ token, … }` or, for MFA accounts, `{ is_mfa_enabled: true, user_id, data: "OTP has been
 * generated" }` with no token (bfrs/shiprocket-mcp). The client tells them apart.
 */
export const loginResponseSchema = z.looseObject({
  token: z.string().min(1).optional(),
  is_mfa_enabled: z.boolean().optional(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

// ------------------------------------------------------------------------------- orders / create

export const createAdhocResponseSchema = z.looseObject({
  order_id: z.number(),
  shipment_id: z.number(),
  status: z.string().optional(),
  status_code: z.number().optional(),
  awb_code: optionalIdString,
  courier_name: optionalText,
});
export type CreateAdhocResponse = z.infer<typeof createAdhocResponseSchema>;

/** Business failures come back as HTTP 200 with `awb_assign_status: 0` and a reason inside `data`. */
export const assignAwbResponseSchema = z.looseObject({
  awb_assign_status: z.number(),
  response: z
    .looseObject({
      data: z
        .looseObject({
          awb_code: optionalIdString,
          courier_name: optionalText,
          awb_assign_error: optionalText,
          pickup_scheduled_date: optionalText,
        })
        .optional(),
    })
    .optional(),
  message: z.string().optional(),
});
export type AssignAwbResponse = z.infer<typeof assignAwbResponseSchema>;

export const generatePickupResponseSchema = z.looseObject({
  pickup_status: z.number(),
  response: z
    .looseObject({
      pickup_scheduled_date: optionalText,
      // `others` is double-encoded JSON (§1.3.3): never parsed.
      data: z.unknown().optional(),
    })
    .optional(),
  message: z.string().optional(),
});
export type GeneratePickupResponse = z.infer<typeof generatePickupResponseSchema>;

/** One shipment of an order in the list answer (an array there, an object in `/orders/show`). */
const orderShipmentSchema = z.looseObject({
  id: z.number(),
  awb: optionalIdString,
  courier: optionalText,
  etd: optionalText,
});

export const orderSchema = z.looseObject({
  id: z.number(),
  channel_order_id: idString,
  status: z.string().optional(),
  status_code: z.number().optional(),
  updated_at: optionalText,
  shipments: z
    .union([z.array(orderShipmentSchema), orderShipmentSchema])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
});
export type ShiprocketOrder = z.infer<typeof orderSchema>;

export const orderListResponseSchema = z.looseObject({
  data: z.array(orderSchema),
  meta: z.unknown().optional(),
});
export type OrderListResponse = z.infer<typeof orderListResponseSchema>;

// -------------------------------------------------------------------------------------- tracking

export const trackActivitySchema = z.looseObject({
  date: z.string(),
  /** The underlying courier's own code (`DLVD`, `X-PPOM`); absent in legacy payloads. */
  status: optionalText,
  activity: optionalText,
  location: optionalText,
  "sr-status": optionalCode,
  "sr-status-label": optionalText,
});
export type TrackActivity = z.infer<typeof trackActivitySchema>;

const shipmentTrackSchema = z.looseObject({
  awb_code: optionalIdString,
  shipment_id: optionalIdString,
  order_id: optionalIdString,
  courier_name: optionalText,
  current_status: optionalText,
  edd: optionalText,
});

export const trackingDataSchema = z.looseObject({
  track_status: z.number(),
  shipment_status: optionalCode,
  shipment_track: z.array(shipmentTrackSchema).nullish(),
  shipment_track_activities: z.array(trackActivitySchema).nullish(),
  track_url: optionalText,
  etd: optionalText,
  error: optionalText,
});
export type TrackingData = z.infer<typeof trackingDataSchema>;

export const trackResponseSchema = z.looseObject({ tracking_data: trackingDataSchema });
export type TrackResponse = z.infer<typeof trackResponseSchema>;

/** `GET /courier/track?order_id=` answers an array, one entry per shipment of the order. */
export const trackByOrderResponseSchema = z.array(trackResponseSchema);

/** `POST /courier/track/awbs` answers an object keyed by AWB; unknown AWBs are simply absent. */
export const trackAwbsResponseSchema = z.record(z.string(), z.unknown());

// -------------------------------------------------------------------------------------- webhooks

const webhookScanSchema = z.looseObject({
  date: z.string(),
  status: optionalText,
  activity: optionalText,
  location: optionalText,
  "sr-status": optionalCode,
  "sr-status-label": optionalText,
});
export type WebhookScan = z.infer<typeof webhookScanSchema>;

/**
 * Both payload generations (§1.4): current (`awb` string, `sr_order_id`, scans oldest-first with
 * `sr-status`) and legacy (`awb` number, `channel_order_id`, label-only scans newest-first).
 */
export const webhookPayloadSchema = z.looseObject({
  awb: z.union([z.string().min(1), z.number()]).transform((value) => String(value)),
  courier_name: optionalText,
  current_status: optionalText,
  current_status_id: optionalCode,
  shipment_status: optionalText,
  shipment_status_id: optionalCode,
  current_timestamp: optionalText,
  order_id: optionalIdString,
  sr_order_id: optionalIdString,
  channel_order_id: optionalIdString,
  etd: optionalText,
  scans: z.array(webhookScanSchema).nullish(),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
