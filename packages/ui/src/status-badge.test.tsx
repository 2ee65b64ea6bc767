import { render } from "@testing-library/react";
import { ORDER_STATUSES, SHIPMENT_STATUSES } from "@waybill/carriers/statuses";
import { describe, expect, it } from "vitest";
import { StatusBadge } from "./status-badge";

// Written out by hand so a changed label is a deliberate, reviewed change.
const SHIPMENT_LABELS: Array<[string, string, string]> = [
  ["pending", "Pending", "neutral"],
  ["info_received", "Info received", "info"],
  ["in_transit", "In transit", "info"],
  ["out_for_delivery", "Out for delivery", "accent"],
  ["failed_attempt", "Delivery attempt failed", "warning"],
  ["available_for_pickup", "Ready for pickup", "accent"],
  ["delivered", "Delivered", "success"],
  ["exception", "Exception", "danger"],
  ["return_to_sender", "Returning to sender", "warning"],
  ["returned", "Returned", "neutral"],
  ["cancelled", "Cancelled", "neutral"],
  ["unknown", "Unknown status", "neutral"],
];

const ORDER_LABELS: Array<[string, string, string]> = [
  ["pending", "Pending", "neutral"],
  ["confirmed", "Confirmed", "info"],
  ["processing", "Processing", "info"],
  ["shipped", "Shipped", "info"],
  ["out_for_delivery", "Out for delivery", "accent"],
  ["delivered", "Delivered", "success"],
  ["cancelled", "Cancelled", "neutral"],
  ["returned", "Returned", "neutral"],
];

function toneOf(element: Element): string {
  const toneClass = [...element.classList].find((name) => name.startsWith("wb-badge--"));
  return toneClass ? toneClass.slice("wb-badge--".length) : "neutral";
}

describe("StatusBadge", () => {
  it("has an expected label for every shipment status in the vocabulary", () => {
    expect(SHIPMENT_LABELS.map(([status]) => status)).toEqual([...SHIPMENT_STATUSES]);
  });

  it("has an expected label for every order status in the vocabulary", () => {
    expect(ORDER_LABELS.map(([status]) => status)).toEqual([...ORDER_STATUSES]);
  });

  it.each(SHIPMENT_STATUSES.map((status, i) => [status, SHIPMENT_LABELS[i]] as const))(
    "labels shipment status %s",
    (status, expected) => {
      const { container } = render(<StatusBadge kind="shipment" status={status} />);
      const badge = container.querySelector(`[data-status="${status}"]`);
      expect(badge?.textContent).toBe(expected?.[1]);
      expect(badge && toneOf(badge)).toBe(expected?.[2]);
    },
  );

  it.each(ORDER_STATUSES.map((status, i) => [status, ORDER_LABELS[i]] as const))(
    "labels order status %s",
    (status, expected) => {
      const { container } = render(<StatusBadge kind="order" status={status} />);
      const badge = container.querySelector(`[data-status="${status}"]`);
      expect(badge?.textContent).toBe(expected?.[1]);
      expect(badge && toneOf(badge)).toBe(expected?.[2]);
    },
  );
});
