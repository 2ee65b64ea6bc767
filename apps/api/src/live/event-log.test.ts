import { createTestDb, type Db, schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createShippedOrder } from "../testing/fixtures";
import { queryPlan } from "../testing/query-plan";
import { eventsAfterQuery, readEventsAfter } from "./event-log";
import type { LiveScope } from "./registry";

function appendEvent(db: Db, row: { topic: string; orderId: string | null; userId: string }) {
  return db
    .insert(schema.events)
    .values({ ...row, payload: "{}" })
    .returning({ id: schema.events.id })
    .get().id;
}

/** Two customers, the first with two orders; order events and notifications of each, interleaved. */
function twoCustomers() {
  const db = createTestDb();
  const a = createShippedOrder(db);
  const a2 = createShippedOrder(db);
  // The first customer's second order (the fixture makes a customer per order).
  db.update(schema.orders).set({ userId: a.user.id }).where(eq(schema.orders.id, a2.orderId)).run();
  const b = createShippedOrder(db);
  const ids = {
    a: [] as number[],
    a2: [] as number[],
    b: [] as number[],
    bellA: [] as number[],
    bellB: [] as number[],
  };
  for (let round = 0; round < 3; round += 1) {
    ids.a.push(appendEvent(db, { topic: "order", orderId: a.orderId, userId: a.user.id }));
    ids.b.push(appendEvent(db, { topic: "order", orderId: b.orderId, userId: b.user.id }));
    ids.a2.push(appendEvent(db, { topic: "order", orderId: a2.orderId, userId: a.user.id }));
    ids.bellA.push(
      appendEvent(db, { topic: "notification", orderId: a.orderId, userId: a.user.id }),
    );
    ids.bellB.push(appendEvent(db, { topic: "notification", orderId: null, userId: b.user.id }));
  }
  return { db, a, a2, b, ids };
}

const idsOf = (db: Db, scope: LiveScope, afterId = 0, limit = 100) =>
  readEventsAfter(db, { afterId, limit, scope }).map((row) => row.id);

describe("readEventsAfter", () => {
  it("reads exactly a scope's rows after an id, in id order", () => {
    const { db, a, a2, b, ids } = twoCustomers();
    const sorted = (list: number[]) => [...list].sort((x, y) => x - y);

    expect(idsOf(db, { topic: "order", orderId: a.orderId })).toEqual(ids.a);
    expect(idsOf(db, { topic: "order", userId: a.user.id })).toEqual(sorted([...ids.a, ...ids.a2]));
    expect(idsOf(db, { topic: "order", userId: b.user.id })).toEqual(ids.b);
    expect(idsOf(db, { topic: "notification", userId: a.user.id })).toEqual(ids.bellA);
    expect(idsOf(db, { topic: "notification", userId: b.user.id })).toEqual(ids.bellB);
    expect(idsOf(db, { topic: "order" })).toEqual(sorted([...ids.a, ...ids.a2, ...ids.b]));

    const afterFirst = ids.a2[0] as number;
    expect(idsOf(db, { topic: "order", userId: a.user.id }, afterFirst, 2)).toEqual(
      sorted([...ids.a, ...ids.a2])
        .filter((id) => id > afterFirst)
        .slice(0, 2),
    );
    expect(idsOf(db, { topic: "order", orderId: a2.orderId }, afterFirst)).toEqual(ids.a2.slice(1));
  });

  it("never hands a user an order event written for someone else, even on their own order", () => {
    const { db, a, b } = twoCustomers();
    const stray = appendEvent(db, { topic: "order", orderId: a.orderId, userId: b.user.id });
    expect(idsOf(db, { topic: "order", userId: b.user.id })).not.toContain(stray);
    expect(idsOf(db, { topic: "order", userId: a.user.id })).not.toContain(stray);
  });

  it("seeks by order or user, never walking every row of a topic after the id", () => {
    const { db, a } = twoCustomers();
    const planOf = (scope: LiveScope) =>
      queryPlan(db, eventsAfterQuery(db, { afterId: 1, limit: 100, scope }).toSQL());
    const plans = [
      planOf({ topic: "order", orderId: a.orderId }),
      planOf({ topic: "order", userId: a.user.id }),
      planOf({ topic: "notification", userId: a.user.id }),
    ];
    expect(plans[0]).toContain("USING INDEX events_order_idx (order_id=? AND id>?)");
    expect(plans[1]).toContain("USING INDEX events_order_idx (order_id=? AND id>?)");
    expect(plans[2]).toContain("USING INDEX events_notification_user_idx (user_id=? AND id>?)");
    for (const plan of plans) expect(plan).not.toContain("events_topic_idx");
  });
});
