import { afterEach, describe, expect, it, vi } from "vitest";
import { createId, createRandomId, createSecretToken } from "./ids";

afterEach(() => {
  vi.useRealTimers();
});

describe("createId", () => {
  it("sorts later ids after earlier ones, so inserts append to the primary-key index", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-22T10:00:00.000Z"));
    const earlier = Array.from({ length: 50 }, () => createId());
    vi.setSystemTime(new Date("2026-11-22T10:00:00.001Z"));
    const later = createId();
    for (const id of earlier) expect(id < later).toBe(true);
  });

  it("stays unique within one millisecond and never holds the letters Shiprocket refuses", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-22T10:00:00.000Z"));
    const ids = Array.from({ length: 10_000 }, () => createId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-jm-qt-z]{20}$/);
  });
});

describe("secrets and random tags", () => {
  it("carry no time prefix: two tokens made in the same millisecond share no leading run", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-22T10:00:00.000Z"));
    const tokens = Array.from({ length: 200 }, () => createSecretToken());
    const firstSymbols = new Set(tokens.map((token) => token.slice(0, 3)));
    expect(firstSymbols.size).toBeGreaterThan(150);
    expect(createRandomId(6)).toMatch(/^[0-9a-jm-qt-z]{6}$/);
  });
});
