import { createTestDb, type Db, schema } from "@waybill/db";
import { count, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createShippedOrder } from "../testing/fixtures";
import { preparedQuery } from "./prepared";

const { orders, shipments } = schema;
const p = sql.placeholder;
const shipmentById = preparedQuery((handle) =>
  handle
    .select()
    .from(shipments)
    .where(eq(shipments.id, p("id")))
    .prepare(),
);

// Statements run straight on SQLite must answer exactly what drizzle's own calls answer.
describe("preparedQuery", () => {
  let db: Db;
  let shipmentId: string;
  let orderId: string;

  beforeEach(() => {
    db = createTestDb();
    ({ shipmentId, orderId } = createShippedOrder(db));
    db.update(shipments)
      .set({ status: "in_transit", statusAt: new Date("2026-11-20T10:00:00Z"), version: 3 })
      .where(eq(shipments.id, shipmentId))
      .run();
  });

  it("decodes every column of a row as drizzle does (dates, nulls, numbers)", () => {
    const expected = db.select().from(shipments).where(eq(shipments.id, shipmentId)).get();
    const row = shipmentById(db).get({ id: shipmentId });
    expect(row).toEqual(expected);
    expect(row?.statusAt).toBeInstanceOf(Date);
    expect(row?.trackingUrl).toBeNull();
    expect(shipmentById(db).get({ id: "missing" })).toBeUndefined();
    expect(shipmentById(db).all({ id: shipmentId })).toEqual([expected]);
  });

  it("decodes selected expressions with their own mapping", () => {
    const summary = preparedQuery((handle) =>
      handle
        .select({
          total: count(),
          newest: sql<Date>`max(${shipments.statusAt})`.mapWith(shipments.statusAt),
          tag: sql<string>`'x' || ${shipments.status}`.as("tag"),
        })
        .from(shipments)
        .where(eq(shipments.orderId, p("orderId")))
        .prepare(),
    );
    expect(summary(db).get({ orderId })).toEqual({
      total: 1,
      newest: new Date("2026-11-20T10:00:00Z"),
      tag: "xin_transit",
    });
  });

  it("encodes an inserted placeholder through its column's codec (a date to epoch ms)", () => {
    const insertEvent = preparedQuery((handle) =>
      handle
        .insert(schema.events)
        .values({ topic: "order", orderId: p("orderId"), payload: "{}", createdAt: p("at") })
        .prepare(),
    );
    const at = new Date("2026-11-21T08:30:00Z");
    const { lastInsertRowid } = insertEvent(db).run({ orderId, at });
    const stored = db.$client
      .prepare("select created_at as createdAt from events where id = ?")
      .get(lastInsertRowid) as { createdAt: number };
    expect(stored.createdAt).toBe(at.getTime());
  });

  it("refuses a missing placeholder value, as drizzle does", () => {
    expect(() => shipmentById(db).get({})).toThrow('No value for placeholder "id" was provided');
  });

  it("runs writes and reports their changes", () => {
    const setVersion = preparedQuery((handle) =>
      handle
        .update(shipments)
        .set({ version: sql`${p("version")}` })
        .where(eq(shipments.id, p("id")))
        .prepare(),
    );
    expect(setVersion(db).run({ id: shipmentId, version: 7 }).changes).toBe(1);
    expect(setVersion(db).run({ id: "missing", version: 7 }).changes).toBe(0);
    expect(db.select().from(shipments).get()?.version).toBe(7);
  });

  it("leaves nested selections (joins) to drizzle, with the same answer", () => {
    const withOrder = preparedQuery((handle) =>
      handle
        .select({ shipment: { id: shipments.id }, order: { id: orders.id, status: orders.status } })
        .from(shipments)
        .innerJoin(orders, eq(orders.id, shipments.orderId))
        .where(eq(shipments.id, p("id")))
        .prepare(),
    );
    expect(withOrder(db).get({ id: shipmentId })).toEqual({
      shipment: { id: shipmentId },
      order: { id: orderId, status: "processing" },
    });
  });
});
