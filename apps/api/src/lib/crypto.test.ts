import { describe, expect, it } from "vitest";
import { safeEqual } from "./crypto";

describe("safeEqual", () => {
  it("is true only for the same string", () => {
    expect(safeEqual("wh_s3cret-token", "wh_s3cret-token")).toBe(true);
    expect(safeEqual("wh_s3cret-token", "wh_s3cret-tokem")).toBe(false);
    expect(safeEqual("", "")).toBe(true);
  });

  it("is false for strings of different lengths, either way round", () => {
    expect(safeEqual("wh_s3cret", "wh_s3cret-token")).toBe(false);
    expect(safeEqual("wh_s3cret-token", "wh_s3cret")).toBe(false);
    expect(safeEqual("", "x")).toBe(false);
  });

  it("compares bytes, not UTF-16 units", () => {
    expect(safeEqual("café", "café")).toBe(true);
    // Same number of UTF-16 units, different UTF-8 lengths.
    expect(safeEqual("café", "cafe")).toBe(false);
    expect(safeEqual("ab", "é")).toBe(false);
  });
});
