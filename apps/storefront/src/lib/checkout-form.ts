import type { CartLine } from "./cart";

/** The checkout form's fields, by their `name`. */
export type CheckoutField =
  | "contactEmail"
  | "contactPhone"
  | "name"
  | "line1"
  | "line2"
  | "city"
  | "state"
  | "postalCode";

export type CheckoutErrors = Partial<Record<CheckoutField, string>>;

export type PlaceOrderRequest = {
  items: CartLine[];
  address: {
    name: string;
    line1: string;
    line2?: string;
    city: string;
    state: string;
    postalCode: string;
    country: string;
  };
  contactEmail: string;
  contactPhone: string;
  paymentMethod: "prepaid" | "cod";
  emailOptOut: boolean;
};

// The server's rules (apps/api/src/orders/place.ts), checked here first so each field gets its own
// message: the server flattens the nested address into one.
const PHONE = /^\+?[0-9 ()-]{7,20}$/;
const POSTAL_CODE = /^[0-9A-Za-z -]{3,10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const REQUIRED: Array<[CheckoutField, string, number]> = [
  ["name", "Enter the recipient's name.", 120],
  ["line1", "Enter the street address.", 200],
  ["city", "Enter the city.", 80],
  ["state", "Enter the state.", 80],
];

/** Reads and checks the form; either the request to send or a message per invalid field. */
export function readCheckoutForm(
  form: FormData,
  items: CartLine[],
): { ok: true; request: PlaceOrderRequest } | { ok: false; errors: CheckoutErrors } {
  const text = (field: string) => String(form.get(field) ?? "").trim();
  const errors: CheckoutErrors = {};

  const contactEmail = text("contactEmail");
  if (!EMAIL.test(contactEmail) || contactEmail.length > 254) {
    errors.contactEmail = "Enter a valid e-mail address.";
  }
  const contactPhone = text("contactPhone");
  if (!PHONE.test(contactPhone)) {
    errors.contactPhone = "Enter a valid phone number, for example +91 98765 43210.";
  }
  for (const [field, message, max] of REQUIRED) {
    const value = text(field);
    if (!value) errors[field] = message;
    else if (value.length > max) errors[field] = `Use at most ${max} characters.`;
  }
  const line2 = text("line2");
  if (line2.length > 200) errors.line2 = "Use at most 200 characters.";
  const postalCode = text("postalCode");
  if (!POSTAL_CODE.test(postalCode)) errors.postalCode = "Enter a valid PIN code.";

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: {
      items,
      address: {
        name: text("name"),
        line1: text("line1"),
        ...(line2 ? { line2 } : {}),
        city: text("city"),
        state: text("state"),
        postalCode,
        country: "India",
      },
      contactEmail,
      contactPhone,
      paymentMethod: form.get("paymentMethod") === "cod" ? "cod" : "prepaid",
      emailOptOut: form.get("emailOptOut") === "on",
    },
  };
}
