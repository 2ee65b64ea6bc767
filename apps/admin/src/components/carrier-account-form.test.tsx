import { fireEvent, screen, waitFor } from "@testing-library/react";
import { TRPCClientError } from "@trpc/client";
import { createFakeApi, type FakeHandler, renderRoutes } from "@waybill/ui/testing";
import type { ReactElement } from "react";
import { describe, expect, it, vi } from "vitest";
import type { CarrierAccount } from "../lib/api-types";
import { CarrierAccountForm } from "./carrier-account-form";

const EXISTING: CarrierAccount = {
  id: "acc_1",
  carrier: "shiprocket",
  name: "Main Shiprocket",
  baseUrl: null,
  active: true,
  syncSchedule: "*/15 * * * *",
  health: {
    breaker: "closed",
    lastUsedAt: null,
    errorCount: 0,
    consecutiveFailures: 0,
    lastError: null,
    lastErrorAt: null,
    pausedUntil: null,
    reason: null,
  },
  webhook: { url: "https://shop.example/hooks/acc_1/tok", secret: "tok", problem: null },
  createdAt: "2026-01-01T00:00:00.000Z",
};

function render(element: ReactElement, handlers: Record<string, FakeHandler>) {
  const api = createFakeApi(handlers);
  renderRoutes([{ path: "/", element }], "/", api);
  return api;
}

function type(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe("CarrierAccountForm", () => {
  it("creates an account with every credential the carrier needs", async () => {
    const onSaved = vi.fn();
    const api = render(<CarrierAccountForm mode="create" onSaved={onSaved} />, {
      "admin.carriers.create": () => EXISTING,
    });
    fireEvent.change(screen.getByLabelText("Carrier"), { target: { value: "maystro" } });
    fireEvent.click(screen.getByRole("button", { name: "Add the account" }));
    expect(screen.getByText("Enter the API token.")).toBeTruthy();
    expect(screen.queryByText(/Enter the Store id/)).toBeNull();
    expect(api.calls.some((c) => c.path === "admin.carriers.create")).toBe(false);

    type("Name", "Maystro Alger");
    type("API token", "tok-123");
    fireEvent.click(screen.getByRole("button", { name: "Add the account" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(onSaved.mock.calls[0]?.[0]).toEqual(EXISTING);
    expect(api.calls.find((c) => c.path === "admin.carriers.create")?.input).toEqual({
      carrier: "maystro",
      name: "Maystro Alger",
      credentials: { apiToken: "tok-123" },
      baseUrl: null,
      syncSchedule: "*/5 * * * *",
    });
  });

  it("never shows stored credentials and keeps them when left empty", async () => {
    const onSaved = vi.fn();
    const api = render(<CarrierAccountForm mode="edit" account={EXISTING} onSaved={onSaved} />, {
      "admin.carriers.update": () => EXISTING,
    });
    const password = screen.getByLabelText("API user password") as HTMLInputElement;
    expect(password.value).toBe("");
    expect(password.type).toBe("password");

    type("Name", "Shiprocket India");
    fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.calls.find((c) => c.path === "admin.carriers.update")?.input).toEqual({
      id: "acc_1",
      name: "Shiprocket India",
      baseUrl: null,
      syncSchedule: "*/15 * * * *",
    });
  });

  it("replaces credentials only as a whole, and shows the carrier schema's field errors", async () => {
    const api = render(<CarrierAccountForm mode="edit" account={EXISTING} onSaved={() => {}} />, {
      "admin.carriers.update": () => {
        throw TRPCClientError.from({
          error: {
            code: -32600,
            message: "✖ Invalid email address",
            data: {
              code: "BAD_REQUEST",
              httpStatus: 400,
              path: "admin.carriers.update",
              zodError: null,
              details: { fields: { email: ["Invalid email address"] } },
              carrierError: null,
            },
          },
        });
      },
    });
    type("API user e-mail", "not-an-email");
    fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(screen.getByText("Enter the API user password.")).toBeTruthy();
    expect(api.calls.some((c) => c.path === "admin.carriers.update")).toBe(false);

    type("API user password", "s3cret");
    fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
    const message = await screen.findByText("Invalid email address");
    expect(screen.getByLabelText("API user e-mail").getAttribute("aria-describedby")).toContain(
      message.id,
    );
    expect(api.calls.find((c) => c.path === "admin.carriers.update")?.input).toMatchObject({
      credentials: { email: "not-an-email", password: "s3cret" },
    });
  });
});
