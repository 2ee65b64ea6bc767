import { createUser, schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { AppDeps } from "../deps";
import { createTestDeps } from "../testing/deps";
import { createSandboxAccount } from "../testing/sandboxes";
import { receiveWebhook } from "./ingest";
import { REJECTION_BURST } from "./rejection-alerts";

const MINUTE = 60_000;

let deps: AppDeps | undefined;
afterEach(() => deps?.bus.close());

/** Deps on a clock only the test moves, with two admins and one Maystro account (never called). */
function setup() {
  let nowMs = Date.UTC(2026, 10, 21, 12, 0, 0);
  const testDeps = createTestDeps({ now: () => new Date(nowMs) });
  deps = testDeps;
  const admins = ["ops", "owner"].map((name) =>
    createUser(testDeps.db, {
      email: `${name}@shop.test`,
      name,
      passwordHash: "not-a-real-hash",
      role: "admin",
    }),
  );
  const account = createSandboxAccount(testDeps, "maystro", "http://127.0.0.1:9");
  let wakes = 0;
  testDeps.bus.onWake(() => {
    wakes++;
  });
  const reject = (times: number) => {
    for (let i = 0; i < times; i++) {
      const outcome = receiveWebhook(testDeps, {
        accountId: account.id,
        token: `guess-${i}`,
        headers: {},
        rawBody: "{}",
      });
      expect(outcome.verdict).toBe("rejected");
    }
  };
  const alertsOf = (userId: string | undefined) =>
    testDeps.db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.userId, userId ?? ""))
      .all()
      .filter((n) => n.category === "account");
  return {
    admins,
    account,
    reject,
    alertsOf,
    wakes: () => wakes,
    advance(ms: number) {
      nowMs += ms;
    },
  };
}

describe("rejected webhook bursts", () => {
  it("tell every admin once when an account collects 20 rejections within 10 minutes", () => {
    const world = setup();
    world.reject(REJECTION_BURST.threshold - 1);
    expect(world.alertsOf(world.admins[0]?.id)).toHaveLength(0);

    const wakesBefore = world.wakes();
    world.reject(1);
    for (const admin of world.admins) {
      const alerts = world.alertsOf(admin.id);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]?.body).toContain(world.account.name);
    }
    expect(world.wakes()).toBeGreaterThan(wakesBefore);

    world.reject(10);
    expect(world.alertsOf(world.admins[0]?.id)).toHaveLength(1);
  });

  it("count only the last 10 minutes, and alert again in a later window", () => {
    const world = setup();
    world.reject(15);
    world.advance(11 * MINUTE);
    world.reject(15);
    expect(world.alertsOf(world.admins[0]?.id)).toHaveLength(0);

    world.reject(5);
    expect(world.alertsOf(world.admins[0]?.id)).toHaveLength(1);
    world.advance(REJECTION_BURST.windowMs);
    world.reject(REJECTION_BURST.threshold);
    expect(world.alertsOf(world.admins[0]?.id)).toHaveLength(2);
  });
});
