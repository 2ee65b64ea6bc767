import { describe, expect, it } from "vitest";
import { formatDuration } from "./format-duration";

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [59, "59 s"],
    [60, "1 min"],
    [3599, "59 min"],
    [3600, "1 h"],
    [3600 + 5 * 60, "1 h 5 min"],
    [86_400, "1 d"],
    [2 * 86_400 + 4 * 3600 + 59, "2 d 4 h"],
    [-5, "0 s"],
  ])("formats %i seconds as %s", (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});
