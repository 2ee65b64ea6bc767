import { fireEvent, screen, waitFor } from "@testing-library/react";
import { TRPCClientError } from "@trpc/client";
import { createFakeApi, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it } from "vitest";
import { routes } from "../router";
import { isoAgo, isoIn } from "../testing/fixtures";

const ANONYMOUS = {
  "auth.me": () => ({ user: null }),
  "auth.onSession": () => ({ user: null }),
};

const FOUND = {
  orderStatus: "out_for_delivery",
  carrier: "sequel247",
  status: "failed_attempt",
  substatus: null,
  trackingNumber: "10020030040",
  courierName: null,
  trackingUrl: null,
  estimatedDeliveryAt: null,
  deliveredAt: null,
  lastEventAt: isoAgo(3_600_000),
  lastCheckedAt: isoAgo(120_000),
  timeline: [
    {
      occurredAt: isoAgo(3_600_000),
      status: "failed_attempt",
      label: "UNDELIVERED",
      location: "Pune",
      description: "Consignee not available",
    },
    {
      occurredAt: isoAgo(6 * 3_600_000),
      status: "out_for_delivery",
      label: "OUT FOR DELIVERY",
      location: "Pune",
      description: null,
    },
  ],
};

function trpcError(code: string, status: number, message: string, details: unknown = null) {
  return TRPCClientError.from({
    error: { code: -32000, message, data: { code, httpStatus: status, details } },
  });
}

function submit(trackingNumber: string, contact: string) {
  fireEvent.change(screen.getByLabelText("Tracking number"), { target: { value: trackingNumber } });
  fireEvent.change(screen.getByLabelText("E-mail or phone on the order"), {
    target: { value: contact },
  });
  fireEvent.click(screen.getByRole("button", { name: "Track" }));
}

describe("public tracking page", () => {
  it("shows status, progress and the carrier's timeline for the right pair", async () => {
    const api = createFakeApi({ ...ANONYMOUS, "tracking.public": () => FOUND });
    renderRoutes(routes, "/track", api);
    await screen.findByRole("heading", { name: "Track a parcel" });
    submit(" 10020030040 ", "98765 43210");

    await screen.findByRole("heading", { name: "Delivery attempt failed" });
    expect(api.calls.find((c) => c.path === "tracking.public")?.input).toEqual({
      trackingNumber: "10020030040",
      contact: "98765 43210",
    });
    expect(screen.getByText("Consignee not available")).toBeTruthy();
    expect(screen.getByRole("list", { name: "Delivery progress" })).toBeTruthy();
    expect(screen.getAllByText("Not assigned yet")).toHaveLength(3);
    expect(screen.getByText(/Last checked with the carrier/).textContent).toContain("2 min ago");
  });

  it("says plainly when the pair does not match", async () => {
    renderRoutes(
      routes,
      "/track",
      createFakeApi({
        ...ANONYMOUS,
        "tracking.public": () => {
          throw trpcError(
            "NOT_FOUND",
            404,
            "We found no shipment with this tracking number and contact. Check both and try again.",
          );
        },
      }),
    );
    await screen.findByRole("heading", { name: "Track a parcel" });
    submit("10020030040", "someone@example.test");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(
      "We found no shipment with this tracking number and contact.",
    );
  });

  it("holds the button with a countdown when the server rate-limits the visitor", async () => {
    renderRoutes(
      routes,
      "/track",
      createFakeApi({
        ...ANONYMOUS,
        "tracking.public": () => {
          throw trpcError("TOO_MANY_REQUESTS", 429, "Too many lookups.", {
            retryAt: isoIn(90_000),
          });
        },
      }),
    );
    await screen.findByRole("heading", { name: "Track a parcel" });
    submit("10020030040", "someone@example.test");
    const timer = await screen.findByRole("timer");
    expect(timer.textContent).toMatch(/^1:(29|30)$/);
    await waitFor(() =>
      expect((screen.getByRole("button", { name: "Track" }) as HTMLButtonElement).disabled).toBe(
        true,
      ),
    );
  });

  it("checks the fields before asking", async () => {
    const api = createFakeApi({ ...ANONYMOUS, "tracking.public": () => FOUND });
    renderRoutes(routes, "/track", api);
    await screen.findByRole("heading", { name: "Track a parcel" });
    submit("", "");
    await screen.findByText("Enter the tracking number.");
    expect(screen.getByText("Enter the e-mail or phone number on the order.")).toBeTruthy();
    expect(api.calls.some((c) => c.path === "tracking.public")).toBe(false);
  });
});
