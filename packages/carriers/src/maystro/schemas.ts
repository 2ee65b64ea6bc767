import { z } from "zod";

/**
 * Zod schemas for Maystro's backend API (carriers.md §3). Strict on the fields Waybill acts on
 * (`id`, `status`), lenient elsewhere: field names drift between Maystro deployments and the
 * official docs were never reachable, so unknown keys pass through and optional fields may be null.
 */

/** Credentials of a Maystro account: the DRF token from the dashboard, and the store id some calls need. */
export const maystroCredentialsSchema = z.object({
  apiToken: z.string().trim().min(1, "apiToken is required"),
  storeId: z
    .union([z.string().trim().min(1), z.number().int()])
    .transform(String)
    .optional(),
});
export type MaystroCredentials = z.infer<typeof maystroCredentialsSchema>;

/** Maystro sends ids as numbers in some places and numeric strings in others. */
const idLikeSchema = z.union([z.string(), z.number()]).transform(String);

/** Status codes are integers; a numeric string is accepted because older handlers saw both. */
export const maystroStatusCodeSchema = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^\d+$/, "expected a numeric status code")
    .transform((value) => Number(value)),
]);

const optionalText = z.string().nullish();
const optionalIdLike = idLikeSchema.nullish();

/** One order on the backend API (`GET /api/stores/orders/{id}/`, list `results[]`, create response). */
export const maystroOrderSchema = z.looseObject({
  id: z.string().min(1),
  display_id: optionalIdLike,
  // Some deployments name the human-facing tracking id this way (carriers.md §3.2).
  tracking: optionalIdLike,
  tracking_number: optionalIdLike,
  external_order_id: optionalIdLike,
  status: maystroStatusCodeSchema,
  created_at: optionalText,
  last_update: optionalText,
  updated_at: optionalText,
  delivered_at: optionalText,
  alerted_at: optionalText,
  postponed_to: optionalText,
  alert_reason: optionalIdLike,
  abort_reason: optionalIdLike,
  delivery_type: z.number().int().nullish(),
  customer_name: optionalText,
  customer_phone: optionalText,
  wilaya: optionalIdLike,
  commune: optionalIdLike,
  commune_name: optionalText,
  destination_text: optionalText,
  product_price: z.number().nullish(),
});
export type MaystroOrder = z.infer<typeof maystroOrderSchema>;

/** The store's order list: a DRF page wrapped in a `list` key, 20 orders a page. */
export const maystroOrderPageSchema = z.object({
  list: z.object({
    count: z.number().int().nonnegative(),
    next: z.string().nullable(),
    previous: z.string().nullish(),
    results: z.array(maystroOrderSchema),
  }),
});
export type MaystroOrderPage = z.infer<typeof maystroOrderPageSchema>;

/**
 * One entry of `GET /api/stores/history_order/{id}` in the shape courier-dz documents. The shape
 * is uncertain (carriers.md §3.4), so callers validate with `safeParse` and drop what does not fit.
 */
export const maystroHistoryEntrySchema = z.looseObject({
  status: maystroStatusCodeSchema,
  created_at: z.string().min(1),
  comment: z.string().nullish(),
});
export type MaystroHistoryEntry = z.infer<typeof maystroHistoryEntrySchema>;

/** A registered webhook (`/api/stores/hooks/costume/`). */
export const maystroHookSchema = z.looseObject({
  id: idLikeSchema,
  endpoint: z.string(),
  trigger_type_id: optionalIdLike,
});
export type MaystroHook = z.infer<typeof maystroHookSchema>;

/** The hook list arrives as a bare array, a DRF page, or a `list`-wrapped page depending on deployment. */
export const maystroHookListSchema = z.union([
  z.array(maystroHookSchema),
  z.object({ results: z.array(maystroHookSchema) }).transform((page) => page.results),
  z
    .object({ list: z.object({ results: z.array(maystroHookSchema) }) })
    .transform((page) => page.list.results),
]);

/** The decoded webhook event (carriers.md §3.6); field names come from integrators, not an official sample. */
export const maystroWebhookEventSchema = z.object({
  event: z.string().min(1),
  payload: z.looseObject({
    id: z.string().nullish(),
    external_id: optionalIdLike,
    external_order_id: optionalIdLike,
    status: maystroStatusCodeSchema,
    status_label: optionalText,
    display_id_order: optionalIdLike,
    display_id: optionalIdLike,
    delivery_type: z.number().int().nullish(),
    created_at: optionalText,
    updated_at: optionalText,
    last_update: optionalText,
  }),
});
export type MaystroWebhookEvent = z.infer<typeof maystroWebhookEventSchema>;

/** Events Maystro is known to send. */
export const MAYSTRO_WEBHOOK_EVENTS = ["OrderStatusChanged", "orderCreated"] as const;

const positiveIdSchema = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^\d+$/, "expected a numeric id")
    .transform((value) => Number(value)),
]);

/**
 * `CreateShipmentInput.options` for Maystro: numeric wilaya and commune ids (resolve them from
 * Maystro's commune list), `delivery_type` 1 = home, 2 = stop desk, and the optional extras.
 */
export const maystroShipmentOptionsSchema = z.object({
  wilaya: positiveIdSchema,
  commune: positiveIdSchema,
  delivery_type: z
    .union([z.number().int().min(0).max(2), z.enum(["0", "1", "2"]).transform(Number)])
    .default(1),
  express: z.boolean().default(false),
  note_to_driver: z.string().nullish(),
  stop_desk_id: optionalIdLike,
  /** Cash to collect when it differs from the order's sub-total (e.g. shipping charged on top). */
  cod_amount: z.number().nonnegative().nullish(),
});
export type MaystroShipmentOptions = z.infer<typeof maystroShipmentOptionsSchema>;

/** Body of `POST /api/stores/orders/` (carriers.md §3.3, backend API). */
export type MaystroCreateOrderRequest = {
  source: 4;
  external_order_id: string;
  customer_name: string;
  customer_phone: string;
  wilaya: number;
  commune: number;
  destination_text: string;
  product_price: number;
  delivery_type: number;
  express: boolean;
  note_to_driver: string;
  stop_desk_id: string | null;
  products: Array<{ quantity: number; logistical_description: string; product_id?: string }>;
};
