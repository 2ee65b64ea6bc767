import { createId, schema } from "@waybill/db";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../lib/logger";
import { createTestDeps } from "../testing/deps";
import { EMPTY_RUN_RETENTION_MS, pruneLogs, WEBHOOK_RETENTION_MS } from "./prune-logs";

describe("pruneLogs", () => {
  it("drops month-old deliveries and week-old empty runs, keeping runs that did work", () => {
    const { db } = createTestDeps();
    const now = new Date("2026-11-22T00:00:00Z");
    const ago = (ms: number) => new Date(now.getTime() - ms - 1);
    const delivery = (receivedAt: Date) =>
      db
        .insert(schema.webhookDeliveries)
        .values({ id: createId(), receivedAt, headers: "{}", body: "" })
        .run();
    delivery(ago(WEBHOOK_RETENTION_MS));
    delivery(now);
    const run = (startedAt: Date, due: number) =>
      db
        .insert(schema.syncRuns)
        .values({ id: createId(), trigger: "schedule", state: "succeeded", startedAt, due })
        .run();
    run(ago(EMPTY_RUN_RETENTION_MS), 0);
    run(ago(EMPTY_RUN_RETENTION_MS), 12);
    run(now, 0);
    expect(pruneLogs({ db, logger: silentLogger, now })).toEqual({ deliveries: 1, emptyRuns: 1 });
    expect(db.select().from(schema.webhookDeliveries).all()).toHaveLength(1);
    expect(db.select().from(schema.syncRuns).all()).toHaveLength(2);
  });
});
