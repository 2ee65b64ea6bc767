import { describe, expect, it } from "vitest";
import { safeNextPath, signInPathFor } from "./next-path";

describe("safeNextPath", () => {
  it("keeps same-origin paths with their query", () => {
    expect(safeNextPath("/account?tab=profile", "/x")).toBe("/account?tab=profile");
  });

  it.each([null, "", "account", "//evil.example/", "/\\evil.example", "https://evil.example/"])(
    "falls back for %j",
    (next) => {
      expect(safeNextPath(next, "/account")).toBe("/account");
    },
  );
});

describe("signInPathFor", () => {
  it("carries the current path in next", () => {
    expect(signInPathFor("/account?x=1")).toBe("/signin?next=%2Faccount%3Fx%3D1");
  });

  it("omits next for the home page", () => {
    expect(signInPathFor("/")).toBe("/signin");
  });
});
