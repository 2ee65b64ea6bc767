import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { apiError, createFakeApi, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it } from "vitest";
import { routes } from "../router";
import { isoAgo, sessionHandlers } from "../testing/fixtures";

function myOrder(n: number, extra: Record<string, unknown> = {}) {
  return {
    id: `o_${n}`,
    number: `WB-2026-${String(n).padStart(6, "0")}`,
    status: "confirmed",
    totalCents: 64_900,
    currency: "INR",
    itemCount: 1,
    createdAt: isoAgo(n * 3_600_000),
    updatedAt: isoAgo(n * 3_600_000),
    shipment: null,
    ...extra,
  };
}

const SHIPPED = myOrder(1, {
  status: "shipped",
  itemCount: 3,
  totalCents: 2_24_700,
  shipment: {
    id: "s_1",
    carrier: "shiprocket",
    status: "in_transit",
    substatus: null,
    trackingNumber: "19041234567890",
    courierName: "Xpressbees Surface",
    trackingUrl: null,
    estimatedDeliveryAt: null,
    deliveredAt: null,
    lastEventAt: isoAgo(600_000),
    latestEvent: {
      occurredAt: isoAgo(600_000),
      status: "in_transit",
      label: "In Transit - Bag added to Trip",
      location: "Nagpur",
    },
  },
});

describe("my orders", () => {
  it("shows an empty state that leads to the shop", async () => {
    renderRoutes(
      routes,
      "/orders",
      createFakeApi({ ...sessionHandlers(), "orders.my": () => ({ items: [], nextCursor: null }) }),
    );
    await screen.findByRole("heading", { name: "No orders yet" });
    expect(screen.getByRole("link", { name: "Browse the shop" }).getAttribute("href")).toBe(
      "/shop",
    );
  });

  it("says why the orders could not load, and Try again loads them", async () => {
    let calls = 0;
    renderRoutes(
      routes,
      "/orders",
      createFakeApi({
        ...sessionHandlers(),
        "orders.my": () => {
          calls += 1;
          if (calls === 1) throw apiError("INTERNAL_SERVER_ERROR", "database is locked");
          return { items: [SHIPPED], nextCursor: null };
        },
      }),
    );
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("We couldn't load your orders");
    // An internal error's own words are not for customers.
    expect(alert.textContent).not.toContain("database is locked");

    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findByText(SHIPPED.number);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("lists each order with its live status, carrier, tracking number or its absence", async () => {
    renderRoutes(
      routes,
      "/orders",
      createFakeApi({
        ...sessionHandlers(),
        "orders.my": () => ({ items: [SHIPPED, myOrder(2)], nextCursor: null }),
      }),
    );
    const shipped = await screen.findByRole("link", { name: /WB-2026-000001/ });
    expect(shipped.getAttribute("href")).toBe("/orders/o_1");
    expect(within(shipped).getByText("In transit")).toBeTruthy();
    expect(shipped.textContent).toContain("3 items · ₹2,247");
    expect(shipped.textContent).toContain("Shiprocket · Xpressbees Surface · 19041234567890");
    expect(shipped.textContent).toContain("In Transit - Bag added to Trip · Nagpur · 10 min ago");

    const unshipped = screen.getByRole("link", { name: /WB-2026-000002/ });
    expect(within(unshipped).getByText("Confirmed")).toBeTruthy();
    expect(unshipped.textContent).toContain("Not shipped yet");
  });

  it("pages with a cursor", async () => {
    const api = createFakeApi({
      ...sessionHandlers(),
      "orders.my": (input) =>
        (input as { cursor?: string }).cursor === "c1"
          ? { items: [myOrder(3)], nextCursor: null }
          : { items: [myOrder(1), myOrder(2)], nextCursor: "c1" },
    });
    renderRoutes(routes, "/orders", api);
    fireEvent.click(await screen.findByRole("button", { name: "Show older orders" }));
    await screen.findByRole("link", { name: /WB-2026-000003/ });
    expect(screen.queryByRole("button", { name: "Show older orders" })).toBeNull();
  });

  it("updates a badge in place when the order changes, with a toast", async () => {
    let current = [myOrder(1, { status: "processing" })];
    let push: (value: unknown) => void = () => {};
    renderRoutes(
      routes,
      "/orders",
      createFakeApi({
        ...sessionHandlers(),
        "orders.my": () => ({ items: current, nextCursor: null }),
        "orders.onMine": () =>
          new Promise((resolve) => {
            push = resolve;
          }),
      }),
    );
    const card = await screen.findByRole("link", { name: /WB-2026-000001/ });
    expect(within(card).getByText("Processing")).toBeTruthy();

    current = [SHIPPED];
    push({
      id: "9",
      data: {
        type: "shipment.updated",
        orderId: "o_1",
        orderNumber: "WB-2026-000001",
        status: "out_for_delivery",
        newEvents: 1,
        milestones: ["out_for_delivery"],
      },
    });
    await waitFor(() =>
      expect(
        within(screen.getByRole("link", { name: /WB-2026-000001/ })).getByText("In transit"),
      ).toBeTruthy(),
    );
    expect(screen.getByRole("link", { name: /WB-2026-000001/ }).getAttribute("data-updated")).toBe(
      "true",
    );
    await screen.findByText("Order WB-2026-000001: out for delivery");
  });

  it("subscribes again after the server refused for a moment, and refetches what it may have missed", async () => {
    let attempts = 0;
    let listCalls = 0;
    renderRoutes(
      routes,
      "/orders",
      createFakeApi({
        ...sessionHandlers(),
        "orders.my": () => {
          listCalls += 1;
          return { items: [myOrder(1)], nextCursor: null };
        },
        "orders.onMine": () => {
          attempts += 1;
          if (attempts === 1) throw apiError("INTERNAL_SERVER_ERROR", "Restarting");
          return new Promise(() => {});
        },
      }),
    );
    await screen.findByRole("link", { name: /WB-2026-000001/ });
    const before = listCalls;
    await waitFor(() => expect(attempts).toBe(2), { timeout: 5_000 });
    await waitFor(() => expect(listCalls).toBeGreaterThan(before));
  });
});
