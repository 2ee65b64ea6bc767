import { describe, expect, it } from "vitest";
import hooks from "./fixtures/hooks-list.json";
import page from "./fixtures/order-list-page.json";
import {
  maystroCredentialsSchema,
  maystroHookListSchema,
  maystroOrderPageSchema,
  maystroShipmentOptionsSchema,
} from "./schemas";

describe("maystro schemas", () => {
  it("accepts a token with an optional numeric or text store id", () => {
    expect(maystroCredentialsSchema.parse({ apiToken: " abc " })).toEqual({ apiToken: "abc" });
    expect(maystroCredentialsSchema.parse({ apiToken: "abc", storeId: 42 })).toEqual({
      apiToken: "abc",
      storeId: "42",
    });
    expect(maystroCredentialsSchema.safeParse({ apiToken: "" }).success).toBe(false);
  });

  it("reads the list-wrapped order page", () => {
    const parsed = maystroOrderPageSchema.parse(page);
    expect(parsed.list.count).toBe(21);
    expect(parsed.list.results.map((order) => order.display_id ?? null)).toEqual(["1234567", null]);
  });

  it("rejects an order page without the list wrapper", () => {
    expect(maystroOrderPageSchema.safeParse(page.list).success).toBe(false);
  });

  it("requires numeric wilaya and commune ids for shipment options and defaults to home delivery", () => {
    expect(maystroShipmentOptionsSchema.parse({ wilaya: "16", commune: 1621 })).toEqual({
      wilaya: 16,
      commune: 1621,
      delivery_type: 1,
      express: false,
    });
    expect(maystroShipmentOptionsSchema.safeParse({ wilaya: "Alger", commune: 1621 }).success).toBe(
      false,
    );
    expect(maystroShipmentOptionsSchema.safeParse({ wilaya: 16 }).success).toBe(false);
  });

  it("reads the hook list whether it is a bare array or a DRF page", () => {
    const expected = [{ id: "812", endpoint: hooks[0]?.endpoint, trigger_type_id: null }];
    expect(maystroHookListSchema.parse(hooks)).toEqual(expected);
    expect(maystroHookListSchema.parse({ count: 1, next: null, results: hooks })).toEqual(expected);
    expect(maystroHookListSchema.safeParse({ hooks }).success).toBe(false);
  });
});
