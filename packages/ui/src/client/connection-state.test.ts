import { describe, expect, it } from "vitest";
import { toConnectionState } from "./connection-state";

describe("toConnectionState", () => {
  it.each([
    ["pending", true, "live"],
    ["connecting", true, "reconnecting"],
    ["idle", true, "offline"],
    ["pending", false, "offline"],
    ["connecting", false, "offline"],
  ] as const)("maps socket %s with browser online=%s to %s", (socket, online, expected) => {
    expect(toConnectionState(socket, online)).toBe(expected);
  });
});
