import { describe, expect, it } from "vitest";
import { readCheckoutForm } from "./checkout-form";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const VALID = {
  contactEmail: " meera@example.test ",
  contactPhone: "+91 98450 12345",
  name: "Meera Iyer",
  line1: "14 Residency Road",
  line2: "",
  city: "Bengaluru",
  state: "Karnataka",
  postalCode: "560025",
  paymentMethod: "cod",
};
const ITEMS = [{ productId: "p_1", quantity: 2 }];

describe("readCheckoutForm", () => {
  it("builds the orders.place request, trimmed, without an empty second line", () => {
    const read = readCheckoutForm(form({ ...VALID, emailOptOut: "on" }), ITEMS);
    expect(read).toEqual({
      ok: true,
      request: {
        items: ITEMS,
        address: {
          name: "Meera Iyer",
          line1: "14 Residency Road",
          city: "Bengaluru",
          state: "Karnataka",
          postalCode: "560025",
          country: "India",
        },
        contactEmail: "meera@example.test",
        contactPhone: "+91 98450 12345",
        paymentMethod: "cod",
        emailOptOut: true,
      },
    });
  });

  it("defaults to prepaid with e-mails on", () => {
    const read = readCheckoutForm(form({ ...VALID, paymentMethod: "" }), ITEMS);
    expect(read.ok && read.request.paymentMethod).toBe("prepaid");
    expect(read.ok && read.request.emailOptOut).toBe(false);
  });

  it("gives each invalid field its own message, as the server's rules would", () => {
    const read = readCheckoutForm(
      form({
        ...VALID,
        contactEmail: "meera@",
        contactPhone: "call me",
        line1: " ",
        postalCode: "5",
      }),
      ITEMS,
    );
    expect(read).toEqual({
      ok: false,
      errors: {
        contactEmail: "Enter a valid e-mail address.",
        contactPhone: "Enter a valid phone number, for example +91 98765 43210.",
        line1: "Enter the street address.",
        postalCode: "Enter a valid PIN code.",
      },
    });
  });

  it("refuses values longer than the server keeps", () => {
    const read = readCheckoutForm(form({ ...VALID, city: "x".repeat(81) }), ITEMS);
    expect(read).toEqual({ ok: false, errors: { city: "Use at most 80 characters." } });
  });
});
