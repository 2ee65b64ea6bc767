import { describe, expect, it } from "vitest";
import { describeMaystroError } from "./error-body";
import duplicate from "./fixtures/error-duplicate.json";
import invalidToken from "./fixtures/error-invalid-token.json";
import oldField from "./fixtures/error-old-field.json";

describe("describeMaystroError", () => {
  it("reads the old backend format {status_code, <field>: <message>}", () => {
    expect(describeMaystroError(oldField)).toEqual({
      message: "commune: Commune does not belong to the selected wilaya.",
      duplicate: false,
      fields: { commune: "Commune does not belong to the selected wilaya." },
      codes: [],
    });
  });

  it("recognizes error 55 as the 24-hour duplicate rule", () => {
    const described = describeMaystroError(duplicate);
    expect(described.duplicate).toBe(true);
    expect(described.message).toMatch(/error 55: duplicate order.*24 hours/);
  });

  it.each([
    [{ error: 55 }, true],
    [{ error: "55" }, true],
    [{ errors: [40, 55] }, true],
    [{ errors: [40] }, false],
  ])("finds the duplicate code in %j: %s", (body, expected) => {
    expect(describeMaystroError(body).duplicate).toBe(expected);
  });

  it.each([
    [invalidToken, "Invalid token."],
    [{ error: "Store not found" }, "Store not found"],
    [{ message: "Quota exceeded" }, "Quota exceeded"],
    [
      { logistical_description: ["A product with this logistical description already exists."] },
      "logistical_description: A product with this logistical description already exists.",
    ],
    [{ errors: { phone: ["invalid"] } }, "phone: invalid"],
    [{ errors: [101] }, "error 101: insufficient points to pay delivery fees"],
    ["<html>Bad Request</html>", "<html>Bad Request</html>"],
    [undefined, "no error details given"],
    [{}, "no error details given"],
  ])("summarizes %j", (body, message) => {
    expect(describeMaystroError(body).message).toBe(message);
  });
});
