import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { TRPCClientError } from "@trpc/client";
import { createFakeApi, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it } from "vitest";
import type { OrderDetail } from "../lib/api-types";
import { routes } from "../router";
import { isoAgo, isoIn, order, scan, sessionHandlers, shipment } from "../testing/fixtures";

const HOUR = 3_600_000;

function renderOrder(detail: OrderDetail, extra: Record<string, (input: unknown) => unknown> = {}) {
  const api = createFakeApi({
    ...sessionHandlers(),
    "orders.byId": () => detail,
    "orders.onUpdate": () => new Promise(() => {}),
    ...extra,
  });
  const view = renderRoutes(routes, `/orders/${detail.id}`, api);
  return { api, ...view };
}

async function statusCard() {
  const title = await screen.findByTestId("status-title");
  return title.closest("section") as HTMLElement;
}

function milestoneStates() {
  const track = screen.getByRole("list", { name: "Delivery progress" });
  return Object.fromEntries(
    within(track)
      .getAllByRole("listitem")
      .map((item) => [
        item.querySelector(".wb-milestone__label")?.textContent?.split(":")[0],
        item.getAttribute("data-state"),
      ]),
  );
}

function facts() {
  const card = screen.getByRole("region", { name: "Shipment" });
  return Object.fromEntries(
    [...card.querySelectorAll("dt")].map((dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]),
  );
}

function timelineTitles() {
  const timeline = screen.getByRole("region", { name: "Tracking history, newest first" });
  return [...timeline.querySelectorAll(".wb-timeline__title")].map((title) =>
    title.textContent?.replace(" (latest)", ""),
  );
}

const IN_TRANSIT_SCANS = [
  scan({
    id: "e3",
    status: "in_transit",
    minutesAgo: 5 * 60,
    location: "Nagpur_Hingna_H (Maharashtra)",
    description: "In Transit - Shipment Received at Facility",
  }),
  scan({
    id: "e2",
    status: "in_transit",
    minutesAgo: 20 * 60,
    location: "Mumbai_Andheri_PC (Maharashtra)",
    description: "In Transit - Shipment picked up",
  }),
  scan({
    id: "e1",
    status: "info_received",
    minutesAgo: 24 * 60,
    location: "Mumbai_Andheri_PC (Maharashtra)",
    description: "Manifested - Manifest uploaded",
  }),
];

describe("order tracking page", () => {
  it("before any shipment: confirmed, and no invented tracking data", async () => {
    renderOrder(order({ status: "confirmed", shipments: [] }));
    await screen.findByRole("heading", { name: "Order WB-2026-000123" });
    expect(screen.getByTestId("status-title").textContent).toBe("Order confirmed");
    expect(milestoneStates()).toEqual({
      Confirmed: "current",
      Shipped: "upcoming",
      "Out for delivery": "upcoming",
      Delivered: "upcoming",
    });
    expect(screen.getByText(/We'll start tracking as soon as your order is handed/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Check for updates" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Shipment" })).toBeNull();
  });

  it("no tracking number yet: says 'not assigned yet' for every carrier value", async () => {
    renderOrder(order({ status: "processing", shipments: [shipment({ status: "pending" })] }));
    await statusCard();
    expect(screen.getByTestId("status-title").textContent).toBe("Handed to the carrier");
    expect(facts()).toEqual({
      Carrier: "Shiprocket",
      Courier: "Not assigned yet",
      "Tracking number": "Not assigned yet",
      "Estimated delivery": "Not assigned yet",
      "Carrier's tracking page": "Not assigned yet",
    });
    expect(screen.queryByRole("button", { name: "Copy tracking number" })).toBeNull();
    expect(screen.getByText(/No scans yet/)).toBeTruthy();
    expect(milestoneStates().Shipped).toBe("current");
  });

  it("in transit: timeline newest first with place, details, freshness and the check button", async () => {
    renderOrder(
      order({
        status: "shipped",
        shipments: [
          shipment({
            status: "in_transit",
            trackingNumber: "190412345678",
            courierName: "Delhivery Surface",
            trackingUrl: "https://shiprocket.co/tracking/190412345678",
            estimatedDeliveryAt: isoIn(2 * 24 * HOUR),
            timeline: IN_TRANSIT_SCANS,
          }),
        ],
      }),
    );
    const card = await statusCard();
    expect(within(card).getByTestId("status-title").textContent).toBe("In transit");
    expect(within(card).getByText(/^Estimated delivery /)).toBeTruthy();
    expect(screen.getByTestId("freshness").textContent).toBe(
      "Last checked 3 min ago by webhook · next automatic check in 40 min",
    );
    expect(within(card).getByRole("button", { name: "Check for updates" })).toBeTruthy();

    expect(timelineTitles()).toEqual(["In transit", "In transit", "Info received"]);
    const latest = screen.getByText("In Transit - Shipment Received at Facility").closest("li");
    expect(latest?.textContent).toContain("Nagpur_Hingna_H (Maharashtra)");
    expect(latest?.classList.contains("wb-timeline__item--latest")).toBe(true);

    const details = facts();
    expect(details.Courier).toBe("Delhivery Surface");
    expect(screen.getByTestId("tracking-number").textContent).toBe("190412345678");
    expect(screen.getByRole("button", { name: "Copy tracking number" })).toBeTruthy();
    const link = screen.getByRole("link", { name: /Track at Shiprocket/ });
    expect(link.getAttribute("href")).toBe("https://shiprocket.co/tracking/190412345678");
    expect(link.getAttribute("rel")).toContain("noopener");
    expect(milestoneStates()).toEqual({
      Confirmed: "done",
      Shipped: "current",
      "Out for delivery": "upcoming",
      Delivered: "upcoming",
    });
  });

  it("failed attempt: shown as a problem at 'out for delivery', never as progress", async () => {
    renderOrder(
      order({
        status: "out_for_delivery",
        shipments: [
          shipment({
            status: "failed_attempt",
            trackingNumber: "190412345678",
            timeline: [
              scan({
                id: "e5",
                status: "failed_attempt",
                minutesAgo: 20,
                location: "Bengaluru_Koramangala_DC (Karnataka)",
                description: "Pending - Consignee Unavailable",
              }),
              scan({ id: "e4", status: "out_for_delivery", minutesAgo: 3 * 60 }),
              ...IN_TRANSIT_SCANS,
            ],
          }),
        ],
      }),
    );
    await statusCard();
    expect(screen.getByTestId("status-title").textContent).toBe("Delivery attempt failed");
    expect(milestoneStates()).toEqual({
      Confirmed: "done",
      Shipped: "done",
      "Out for delivery": "problem",
      Delivered: "upcoming",
    });
    const top = screen.getByText("Pending - Consignee Unavailable").closest("li");
    expect(top?.classList.contains("wb-timeline__item--warning")).toBe(true);
    expect(timelineTitles()[0]).toBe("Delivery attempt failed");
  });

  it("delivered: every milestone done, tracking complete, nothing left to check", async () => {
    const deliveredAt = isoAgo(2 * HOUR);
    renderOrder(
      order({
        status: "delivered",
        shipments: [
          shipment({
            status: "delivered",
            trackingNumber: "190412345678",
            deliveredAt,
            freshness: {
              lastCheckedAt: isoAgo(2 * HOUR),
              lastCheckSource: "poll",
              nextCheckAt: null,
              manualCheckAllowedAt: null,
            } as never,
            timeline: [
              scan({ id: "e9", status: "delivered", minutesAgo: 120, location: "Bengaluru" }),
              scan({ id: "e4", status: "out_for_delivery", minutesAgo: 3 * 60 }),
              ...IN_TRANSIT_SCANS,
            ],
          }),
        ],
      }),
    );
    await statusCard();
    expect(screen.getByTestId("status-title").textContent).toBe("Delivered");
    expect(Object.values(milestoneStates())).toEqual(["done", "done", "done", "done"]);
    expect(screen.queryByRole("button", { name: "Check for updates" })).toBeNull();
    expect(screen.getByTestId("freshness").textContent).toBe(
      "Last checked 2 hr ago by scheduled check · tracking complete",
    );
    expect(facts().Delivered).toBeTruthy();
  });

  it("returned: a return leg instead of delivery", async () => {
    renderOrder(
      order({
        status: "returned",
        shipments: [
          shipment({
            status: "returned",
            trackingNumber: "190412345678",
            timeline: [
              scan({
                id: "r3",
                status: "returned",
                minutesAgo: 60,
                description: "RTO - Returned to shipper",
              }),
              scan({ id: "r2", status: "return_to_sender", minutesAgo: 3 * 24 * 60 }),
              scan({ id: "r1", status: "failed_attempt", minutesAgo: 4 * 24 * 60 }),
            ],
          }),
        ],
      }),
    );
    await statusCard();
    expect(screen.getByTestId("status-title").textContent).toBe("Returned");
    expect(milestoneStates()).toEqual({
      Confirmed: "done",
      Shipped: "done",
      Returning: "done",
      Returned: "problem",
    });
    expect(screen.queryByText("Delivered")).toBeNull();
    expect(timelineTitles()).toEqual([
      "Returned",
      "Returning to sender",
      "Delivery attempt failed",
    ]);
  });

  it("shows the server's cooldown as a countdown after 'check for updates' is refused", async () => {
    const retryAt = isoIn(42_000);
    renderOrder(
      order({
        status: "shipped",
        shipments: [shipment({ status: "in_transit", trackingNumber: "190412345678" })],
      }),
      {
        "orders.checkForUpdates": () => {
          throw TRPCClientError.from({
            error: {
              code: -32029,
              message: "Checked a moment ago.",
              data: { code: "TOO_MANY_REQUESTS", httpStatus: 429, details: { retryAt } },
            },
          });
        },
      },
    );
    const button = (await screen.findByRole("button", {
      name: "Check for updates",
    })) as HTMLButtonElement;
    fireEvent.click(button);
    const timer = await screen.findByRole("timer");
    expect(timer.textContent).toMatch(/^0:4[0-2]$/);
    await waitFor(() => expect(button.disabled).toBe(true));
    expect(screen.getByText(/You checked a moment ago/)).toBeTruthy();
  });

  it("applies a live update without a reload and highlights the new row", async () => {
    const before = order({
      status: "shipped",
      shipments: [
        shipment({
          status: "in_transit",
          trackingNumber: "190412345678",
          timeline: IN_TRANSIT_SCANS,
        }),
      ],
    });
    const after = order({
      status: "out_for_delivery",
      shipments: [
        shipment({
          status: "out_for_delivery",
          trackingNumber: "190412345678",
          timeline: [
            scan({
              id: "e4",
              status: "out_for_delivery",
              minutesAgo: 1,
              location: "Bengaluru_Koramangala_DC (Karnataka)",
              description: "Dispatched - Out for delivery",
            }),
            ...IN_TRANSIT_SCANS,
          ],
        }),
      ],
    });
    let current = before;
    let push: (value: unknown) => void = () => {};
    renderOrder(before, {
      "orders.byId": () => current,
      "orders.onUpdate": () =>
        new Promise((resolve) => {
          push = resolve;
        }),
    });
    await statusCard();
    expect(screen.getByTestId("status-title").textContent).toBe("In transit");

    current = after;
    push({
      id: "41",
      data: {
        type: "shipment.updated",
        orderId: "o_1",
        orderNumber: "WB-2026-000123",
        status: "out_for_delivery",
        newEvents: 1,
        milestones: ["out_for_delivery"],
      },
    });
    await waitFor(() =>
      expect(screen.getByTestId("status-title").textContent).toBe("Out for delivery"),
    );
    const row = screen.getByText("Dispatched - Out for delivery").closest("li");
    expect(row?.classList.contains("wb-timeline__item--fresh")).toBe(true);
    expect(
      screen.getByText("In Transit - Shipment Received at Facility").closest("li")?.className,
    ).not.toContain("fresh");
  });

  it("says 'not found' for an order that is not the customer's", async () => {
    const api = createFakeApi({
      ...sessionHandlers(),
      "orders.byId": () => {
        throw TRPCClientError.from({
          error: {
            code: -32004,
            message: "No such order.",
            data: { code: "NOT_FOUND", httpStatus: 404 },
          },
        });
      },
    });
    renderRoutes(routes, "/orders/someone-elses", api);
    await screen.findByRole("heading", { name: "Order not found" });
  });
});
