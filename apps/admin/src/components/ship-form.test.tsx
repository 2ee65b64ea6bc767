import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { TRPCClientError } from "@trpc/client";
import { apiError, createFakeApi, type FakeHandler, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it, vi } from "vitest";
import type { CarrierAccount } from "../lib/api-types";
import { ShipForm, type ShipResult } from "./ship-form";

function account(carrier: CarrierAccount["carrier"], id: string, active = true): CarrierAccount {
  return {
    id,
    carrier,
    name: `${carrier} main`,
    baseUrl: null,
    active,
    syncSchedule: "*/5 * * * *",
    health: {
      breaker: active ? "closed" : "disabled",
      lastUsedAt: null,
      errorCount: 0,
      consecutiveFailures: 0,
      lastError: null,
      lastErrorAt: null,
      pausedUntil: null,
      reason: null,
    },
    webhook: { url: `https://shop.example/hooks/${id}/tok`, secret: "tok", problem: null },
    createdAt: "2026-01-01T00:00:00.000Z",
  };
}

const ACCOUNTS = [
  account("sequel247", "acc_seq"),
  account("shiprocket", "acc_ship"),
  account("maystro", "acc_may"),
  account("maystro", "acc_off", false),
];

const SHIPPED: ShipResult = {
  shipment: { carrier: "sequel247", trackingNumber: "0581094993" } as ShipResult["shipment"],
  warnings: [],
};

function renderForm(ship: FakeHandler, accounts = ACCOUNTS) {
  const onShipped = vi.fn();
  const api = createFakeApi({ "admin.orders.ship": ship });
  renderRoutes(
    [
      {
        path: "/",
        element: (
          <ShipForm
            orderId="o_1"
            orderNumber="WB-2026-000001"
            accounts={accounts}
            onShipped={onShipped}
          />
        ),
      },
    ],
    "/",
    api,
  );
  const shipCalls = () => api.calls.filter((call) => call.path === "admin.orders.ship");
  return { api, onShipped, shipCalls };
}

function chooseAccount(id: string) {
  fireEvent.change(screen.getByLabelText("Carrier account"), { target: { value: id } });
}

function type(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function submit() {
  const form = screen.getByRole("form", { name: "Ship WB-2026-000001" }) as HTMLFormElement;
  fireEvent.submit(form);
}

describe("ShipForm", () => {
  it("asks for an account first and sends nothing without one", () => {
    const { shipCalls } = renderForm(() => SHIPPED);
    expect(screen.getByRole("button", { name: "Ship" }).hasAttribute("disabled")).toBe(true);
    submit();
    expect(screen.getByText("Choose the carrier account to ship with.")).toBeTruthy();
    expect(shipCalls()).toHaveLength(0);
  });

  it("refuses a Sequel247 docket that is not exactly 10 digits, beside the field, before calling the api", async () => {
    const { shipCalls } = renderForm(() => SHIPPED);
    chooseAccount("acc_seq");
    type("Docket number", "058109499");
    submit();

    const docket = screen.getByLabelText("Docket number");
    const message = screen.getByText(
      "A Sequel247 docket number is exactly 10 digits (this one has 9).",
    );
    expect(docket.getAttribute("aria-invalid")).toBe("true");
    expect(docket.getAttribute("aria-describedby")).toContain(message.id);
    await waitFor(() => expect(document.activeElement).toBe(docket));

    type("Docket number", "05810949AB");
    fireEvent.blur(screen.getByLabelText("Docket number"));
    expect(screen.getByText("A docket number has digits only.")).toBeTruthy();
    expect(shipCalls()).toHaveLength(0);
  });

  it("ships a Sequel247 docket typed with spaces as its 10 digits and reports the result", async () => {
    const { shipCalls, onShipped } = renderForm(() => SHIPPED);
    chooseAccount("acc_seq");
    type("Docket number", " 0581 094 993 ");
    fireEvent.click(screen.getByRole("button", { name: "Start tracking this docket" }));

    await waitFor(() => expect(onShipped).toHaveBeenCalledTimes(1));
    expect(shipCalls()).toEqual([
      {
        path: "admin.orders.ship",
        input: { carrier: "sequel247", orderId: "o_1", accountId: "acc_seq", docket: "0581094993" },
      },
    ]);
    expect(onShipped.mock.calls[0]?.[0]).toEqual(SHIPPED);
  });

  it("wants all four Shiprocket parcel measures or none, and a whole courier id", () => {
    const { shipCalls } = renderForm(() => SHIPPED);
    chooseAccount("acc_ship");
    type("Length (cm)", "30");
    type("Weight (kg)", "0");
    type(/Courier id/, "ten");
    submit();

    expect(
      screen.getAllByText("Give all four parcel measures, or none to use the default box."),
    ).toHaveLength(2);
    expect(screen.getByText("More than 0 and at most 100 kg.")).toBeTruthy();
    expect(screen.getByText("A courier id is a whole number, e.g. 10.")).toBeTruthy();
    expect(shipCalls()).toHaveLength(0);
  });

  it("sends a Shiprocket shipment with numbers where the api wants numbers", async () => {
    const { shipCalls } = renderForm(() => ({ ...SHIPPED, warnings: [] }));
    chooseAccount("acc_ship");
    type("Pickup location", "Warehouse 2");
    type(/Courier id/, "12");
    type("Length (cm)", "30");
    type("Breadth (cm)", "20");
    type("Height (cm)", "10,5");
    type("Weight (kg)", "1.2");
    submit();
    await waitFor(() => expect(shipCalls()).toHaveLength(1));
    expect(shipCalls()[0]?.input).toEqual({
      carrier: "shiprocket",
      orderId: "o_1",
      accountId: "acc_ship",
      pickupLocation: "Warehouse 2",
      courierId: 12,
      parcel: { lengthCm: 30, breadthCm: 20, heightCm: 10.5, weightKg: 1.2 },
    });
  });

  it("checks Maystro's wilaya and commune ids and sends a stop-desk express order", async () => {
    const { shipCalls } = renderForm(() => SHIPPED);
    chooseAccount("acc_may");
    type("Wilaya", "Alger");
    submit();
    expect(screen.getByText("Enter the wilaya's number, e.g. 16 for Alger.")).toBeTruthy();
    expect(screen.getByText("Enter Maystro's numeric commune id, e.g. 1621.")).toBeTruthy();
    expect(shipCalls()).toHaveLength(0);

    type("Wilaya", "16");
    type("Commune id", "1621");
    fireEvent.change(screen.getByLabelText("Delivery"), { target: { value: "2" } });
    type(/Stop desk id/, "7");
    fireEvent.click(screen.getByLabelText("Express delivery"));
    type(/Note to the driver/, "Call before");
    submit();
    await waitFor(() => expect(shipCalls()).toHaveLength(1));
    expect(shipCalls()[0]?.input).toEqual({
      carrier: "maystro",
      orderId: "o_1",
      accountId: "acc_may",
      wilaya: 16,
      commune: 1621,
      deliveryType: 2,
      express: true,
      noteToDriver: "Call before",
      stopDeskId: 7,
    });
  });

  it("does not offer a disabled account", () => {
    renderForm(() => SHIPPED);
    const option = screen.getByRole("option", {
      name: /maystro main \(disabled\)/,
    }) as HTMLOptionElement;
    expect(option.disabled).toBe(true);
  });

  it("shows a carrier's refusal in the carrier's words, with its code", async () => {
    renderForm(() => {
      throw TRPCClientError.from({
        error: {
          code: -32603,
          message: "Shiprocket: pickup location 'Warehouse 9' does not exist",
          data: {
            code: "UNPROCESSABLE_CONTENT",
            httpStatus: 422,
            path: "admin.orders.ship",
            zodError: null,
            details: null,
            carrierError: { code: "REJECTED", carrier: "shiprocket" },
          },
        },
      });
    });
    chooseAccount("acc_ship");
    type("Pickup location", "Warehouse 9");
    submit();

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("Shiprocket refused the shipment")).toBeTruthy();
    expect(
      within(alert).getByText("Shiprocket: pickup location 'Warehouse 9' does not exist"),
    ).toBeTruthy();
    expect(within(alert).getByText("REJECTED").tagName).toBe("CODE");
  });

  it("puts the api's field messages beside the field they are about", async () => {
    renderForm(() => {
      throw apiError("BAD_REQUEST", "Invalid input", {
        formErrors: [],
        fieldErrors: { docket: ["Docket 0581094993 is already used by another order."] },
      });
    });
    chooseAccount("acc_seq");
    type("Docket number", "0581094993");
    submit();
    const message = await screen.findByText("Docket 0581094993 is already used by another order.");
    expect(screen.getByLabelText("Docket number").getAttribute("aria-describedby")).toContain(
      message.id,
    );
  });

  it("explains a conflict in the server's words", async () => {
    renderForm(() => {
      throw apiError("CONFLICT", "Order WB-2026-000001 has already shipped.");
    });
    chooseAccount("acc_seq");
    type("Docket number", "0581094993");
    submit();
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("The order was not shipped")).toBeTruthy();
    expect(within(alert).getByText("Order WB-2026-000001 has already shipped.")).toBeTruthy();
  });
});
