import { describe, expect, it } from "vitest";
import { docketProblem, EMPTY_SHIP_FORM, normalizeDocket, validateShipForm } from "./ship-form";

describe("docket numbers", () => {
  it.each([
    ["0581094993", undefined],
    ["0581 094 993", undefined],
    ["0581-094-993", undefined],
    ["", "Enter the docket number from the Sequel247 booking."],
    ["581094993", "A Sequel247 docket number is exactly 10 digits (this one has 9)."],
    ["05810949931", "A Sequel247 docket number is exactly 10 digits (this one has 11)."],
    ["0581O94993", "A docket number has digits only."],
  ])("%j → %s", (value, expected) => {
    expect(docketProblem(value)).toBe(expected);
  });

  it("keeps leading zeros", () => {
    expect(normalizeDocket(" 0000 000 001 ")).toBe("0000000001");
  });
});

describe("validateShipForm", () => {
  it("needs an account", () => {
    expect(validateShipForm(null, "o", EMPTY_SHIP_FORM)).toEqual({
      ok: false,
      errors: { accountId: "Choose the carrier account to ship with." },
    });
  });

  it("leaves the Shiprocket parcel out when no measure is given, so the api's default box is used", () => {
    const result = validateShipForm("shiprocket", "o", { ...EMPTY_SHIP_FORM, accountId: "a" });
    expect(result).toEqual({
      ok: true,
      input: { carrier: "shiprocket", orderId: "o", accountId: "a", pickupLocation: "Primary" },
    });
  });

  it("sends home delivery without a stop desk even if one was typed before switching", () => {
    const result = validateShipForm("maystro", "o", {
      ...EMPTY_SHIP_FORM,
      accountId: "a",
      wilaya: "16",
      commune: "1621",
      deliveryType: "1",
      stopDeskId: "7",
    });
    expect(result).toEqual({
      ok: true,
      input: {
        carrier: "maystro",
        orderId: "o",
        accountId: "a",
        wilaya: 16,
        commune: 1621,
        deliveryType: 1,
        express: false,
      },
    });
  });

  it("refuses a zero or negative id", () => {
    const result = validateShipForm("maystro", "o", {
      ...EMPTY_SHIP_FORM,
      accountId: "a",
      wilaya: "0",
      commune: "-3",
    });
    expect(result.ok).toBe(false);
  });
});
