import type { ShipmentStatus } from "@waybill/carriers/statuses";

/** The moments a customer hears about: a notification and (unless opted out) one e-mail each. */
export const MILESTONES = [
  "confirmed",
  "tracking_available",
  "out_for_delivery",
  "failed_attempt",
  "available_for_pickup",
  "delivered",
  "exception",
  "return_to_sender",
  "returned",
  "cancelled",
] as const;
export type Milestone = (typeof MILESTONES)[number];

export function milestoneForStatus(status: ShipmentStatus): Milestone | null {
  // No shipment status is named like the order-only milestones (confirmed, tracking_available).
  return (MILESTONES as readonly string[]).includes(status) ? (status as Milestone) : null;
}

export type MilestoneContext = {
  orderNumber: string;
  courierName: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  estimatedDelivery: Date | null;
  location: string | null;
  orderUrl: string;
  /** What is in the parcel, listed in e-mails; absent or empty: no list. */
  items?: ReadonlyArray<{ name: string; quantity: number }>;
};

type Copy = {
  category: "order_update" | "delivery";
  title: string;
  body: (c: MilestoneContext) => string;
};

const via = (c: MilestoneContext) => (c.courierName ? ` with ${c.courierName}` : "");
const at = (c: MilestoneContext) => (c.location ? ` (${c.location})` : "");

/** All customer-facing wording in one place. */
export const MILESTONE_COPY: Record<Milestone, Copy> = {
  confirmed: {
    category: "order_update",
    title: "Order confirmed",
    body: (c) => `Thank you! Order ${c.orderNumber} is confirmed. We will tell you when it ships.`,
  },
  tracking_available: {
    category: "order_update",
    title: "Your order has a tracking number",
    body: (c) => `Order ${c.orderNumber} is booked${via(c)}. Tracking number: ${c.trackingNumber}.`,
  },
  out_for_delivery: {
    category: "delivery",
    title: "Out for delivery",
    body: (c) => `Order ${c.orderNumber} is out for delivery today${at(c)}.`,
  },
  failed_attempt: {
    category: "delivery",
    title: "Delivery attempt failed",
    body: (c) =>
      `The courier could not deliver order ${c.orderNumber}${at(c)}. They usually try again on the next working day.`,
  },
  available_for_pickup: {
    category: "delivery",
    title: "Ready for pickup",
    body: (c) => `Order ${c.orderNumber} is waiting for you at the pickup point${at(c)}.`,
  },
  delivered: {
    category: "delivery",
    title: "Delivered",
    body: (c) => `Order ${c.orderNumber} has been delivered${at(c)}. Enjoy!`,
  },
  exception: {
    category: "order_update",
    title: "A problem with your shipment",
    body: (c) =>
      `The carrier reported a problem with order ${c.orderNumber}${at(c)}. We are looking into it.`,
  },
  return_to_sender: {
    category: "order_update",
    title: "Your order is being returned",
    body: (c) => `Order ${c.orderNumber} is on its way back to the shop.`,
  },
  returned: {
    category: "order_update",
    title: "Your order was returned",
    body: (c) => `Order ${c.orderNumber} is back with the shop.`,
  },
  cancelled: {
    category: "order_update",
    title: "Shipment cancelled",
    body: (c) => `The shipment of order ${c.orderNumber} was cancelled.`,
  },
};

/** Customers read dates in the shop's zone (the storefront formats the same way). */
const SHOP_DATE = new Intl.DateTimeFormat("en-IN", { dateStyle: "full", timeZone: "Asia/Kolkata" });

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The e-mail for a milestone, in text and HTML. */
export function renderMilestoneEmail(milestone: Milestone, c: MilestoneContext) {
  const copy = MILESTONE_COPY[milestone];
  const body = copy.body(c);
  const facts: Array<[string, string]> = [["Order", c.orderNumber]];
  if (c.courierName) facts.push(["Courier", c.courierName]);
  if (c.trackingNumber) facts.push(["Tracking number", c.trackingNumber]);
  if (c.estimatedDelivery)
    facts.push(["Estimated delivery", SHOP_DATE.format(c.estimatedDelivery)]);
  const items = (c.items ?? []).map((item) => `${item.quantity} × ${item.name}`);
  const text = [
    body,
    "",
    ...facts.map(([k, v]) => `${k}: ${v}`),
    ...(items.length > 0 ? ["", "In this order:", ...items.map((line) => `- ${line}`)] : []),
    ...(c.trackingUrl ? [`Carrier tracking: ${c.trackingUrl}`] : []),
    "",
    `Follow your order live: ${c.orderUrl}`,
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111">
<h1 style="font-size:20px">${escapeHtml(copy.title)}</h1>
<p>${escapeHtml(body)}</p>
<table>${facts.map(([k, v]) => `<tr><td style="color:#555;padding-right:12px">${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join("")}</table>
${items.length > 0 ? `<p style="margin-bottom:4px">In this order:</p><ul style="margin-top:0">${items.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>` : ""}
${c.trackingUrl ? `<p><a href="${escapeHtml(c.trackingUrl)}">Carrier tracking page</a></p>` : ""}
<p><a href="${escapeHtml(c.orderUrl)}">Follow your order live</a></p>
</body></html>`;
  return { subject: `${copy.title} · ${c.orderNumber}`, text, html };
}
