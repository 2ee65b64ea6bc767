import { createTestDb, type Db, schema } from "@waybill/db";
import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { carrierUpdate, createShippedOrder, scan } from "../testing/fixtures";
import { applyCarrierUpdates } from "./apply-updates";

const NOW = new Date("2026-11-21T12:00:00Z");
const options = (source: "webhook" | "poll" | "manual" = "webhook") => ({
  source,
  now: NOW,
  publicUrl: "https://track.example",
});

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

function countRows(
  table:
    | typeof schema.trackingEvents
    | typeof schema.notifications
    | typeof schema.outbox
    | typeof schema.events,
) {
  return db.select({ n: count() }).from(table).get()?.n ?? 0;
}

function shipmentRow(id: string) {
  return db.select().from(schema.shipments).where(eq(schema.shipments.id, id)).get();
}

const JOURNEY = [
  scan("info_received", "5", "2026-11-18T06:29:16Z"),
  scan("in_transit", "42", "2026-11-18T10:02:17Z"),
  scan("in_transit", "18", "2026-11-19T03:15:00Z"),
  scan("out_for_delivery", "17", "2026-11-20T03:27:00Z"),
  scan("failed_attempt", "21", "2026-11-20T12:40:00Z"),
  scan("out_for_delivery", "17", "2026-11-21T03:30:00Z"),
  scan("delivered", "7", "2026-11-21T06:07:00Z"),
];

describe("applyCarrierUpdates", () => {
  it("applies the same update from webhook and poll once: one event, one notification, one e-mail", () => {
    const { shipmentId } = createShippedOrder(db);
    const update = carrierUpdate("shiprocket", [scan("delivered", "7", "2026-11-21T06:07:00Z")]);
    const first = applyCarrierUpdates(db, [{ shipmentId, update }], options("webhook"));
    const second = applyCarrierUpdates(db, [{ shipmentId, update }], options("poll"));
    expect(first).toHaveLength(1);
    expect(first[0]?.milestones).toEqual(["delivered"]);
    expect(second).toEqual([]);
    expect(countRows(schema.trackingEvents)).toBe(1);
    expect(countRows(schema.notifications)).toBe(1);
    expect(countRows(schema.outbox)).toBe(1);
    // One "order" event for the change and one "notification" event for the bell, each once.
    expect(db.select({ topic: schema.events.topic }).from(schema.events).all()).toEqual([
      { topic: "notification" },
      { topic: "order" },
    ]);
  });

  it("keeps a late older scan in the timeline without moving delivered back", () => {
    const { shipmentId, orderId } = createShippedOrder(db);
    applyCarrierUpdates(
      db,
      [
        {
          shipmentId,
          update: carrierUpdate("shiprocket", [scan("delivered", "7", "2026-11-21T06:07:00Z")]),
        },
      ],
      options(),
    );
    const late = applyCarrierUpdates(
      db,
      [
        {
          shipmentId,
          update: carrierUpdate("shiprocket", [scan("in_transit", "18", "2026-11-19T03:15:00Z")]),
        },
      ],
      options("poll"),
    );
    expect(late[0]).toMatchObject({
      newEvents: 1,
      status: "delivered",
      previousStatus: "delivered",
    });
    expect(shipmentRow(shipmentId)?.status).toBe("delivered");
    expect(countRows(schema.trackingEvents)).toBe(2);
    const order = db.select().from(schema.orders).where(eq(schema.orders.id, orderId)).get();
    expect(order?.status).toBe("delivered");
  });

  it("ends a Maystro 50 → 51 → 52 shipment as returned", () => {
    const { shipmentId, orderId } = createShippedOrder(db, { carrier: "maystro" });
    for (const step of [
      scan("cancelled", "50", "2026-11-19T10:00:00Z"),
      scan("return_to_sender", "51", "2026-11-20T10:00:00Z"),
      scan("returned", "52", "2026-11-21T10:00:00Z"),
    ]) {
      applyCarrierUpdates(
        db,
        [{ shipmentId, update: carrierUpdate("maystro", [step]) }],
        options(),
      );
    }
    expect(shipmentRow(shipmentId)?.status).toBe("returned");
    expect(db.select().from(schema.orders).where(eq(schema.orders.id, orderId)).get()?.status).toBe(
      "returned",
    );
  });

  it("ends a shuffled, 30%-duplicated stream exactly where the in-order journey ends", () => {
    const { shipmentId } = createShippedOrder(db);
    let seed = 7;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const stream = JOURNEY.flatMap((s) => (random() < 0.3 ? [s, s] : [s]));
    for (let i = stream.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [stream[i], stream[j]] = [
        stream[j] as (typeof stream)[number],
        stream[i] as (typeof stream)[number],
      ];
    }
    expect(stream.length).toBeGreaterThan(JOURNEY.length);
    for (const s of stream) {
      applyCarrierUpdates(
        db,
        [{ shipmentId, update: carrierUpdate("shiprocket", [s]) }],
        options(),
      );
    }
    const shipment = shipmentRow(shipmentId);
    expect(shipment?.status).toBe("delivered");
    expect(shipment?.deliveredAt?.toISOString()).toBe("2026-11-21T06:07:00.000Z");
    const stored = db
      .select({ rawCode: schema.trackingEvents.rawCode, at: schema.trackingEvents.occurredAt })
      .from(schema.trackingEvents)
      .all()
      .map((e) => `${e.rawCode}@${e.at.toISOString()}`)
      .sort();
    expect(stored).toEqual(JOURNEY.map((s) => `${s.rawCode}@${s.occurredAt.toISOString()}`).sort());
    // Delivered is announced once however often its scan arrived.
    const delivered = db
      .select({ n: count() })
      .from(schema.notifications)
      .where(eq(schema.notifications.title, "Delivered"))
      .get();
    expect(delivered?.n).toBe(1);
  });

  it("leaves the database as before the batch when one item throws", () => {
    const { shipmentId } = createShippedOrder(db);
    const good = { shipmentId, update: carrierUpdate("shiprocket", JOURNEY) };
    const bad = { shipmentId: "missing-shipment", update: carrierUpdate("shiprocket", JOURNEY) };
    expect(() => applyCarrierUpdates(db, [good, bad], options())).toThrow(/does not exist/);
    expect(countRows(schema.trackingEvents)).toBe(0);
    expect(countRows(schema.notifications)).toBe(0);
    expect(countRows(schema.events)).toBe(0);
    expect(shipmentRow(shipmentId)?.status).toBe("pending");
  });

  it("inside a caller's transaction, leaves nothing when the throw ends that transaction", () => {
    const { shipmentId } = createShippedOrder(db);
    const good = { shipmentId, update: carrierUpdate("shiprocket", JOURNEY) };
    const bad = { shipmentId: "missing-shipment", update: carrierUpdate("shiprocket", JOURNEY) };
    // The applier's shape (the database handle, its connection in a transaction) and a `tx` handle's.
    expect(() =>
      db.transaction(() => {
        db.update(schema.orders).set({ emailOptOut: true }).run();
        applyCarrierUpdates(db, [good, bad], options());
      }),
    ).toThrow(/does not exist/);
    expect(() => db.transaction((tx) => applyCarrierUpdates(tx, [good, bad], options()))).toThrow(
      /does not exist/,
    );
    expect(countRows(schema.trackingEvents)).toBe(0);
    expect(countRows(schema.events)).toBe(0);
    expect(shipmentRow(shipmentId)?.status).toBe("pending");
    expect(db.select().from(schema.orders).get()?.emailOptOut).toBe(false);

    // And commits with it when nothing throws.
    db.transaction(() => applyCarrierUpdates(db, [good], options()));
    expect(shipmentRow(shipmentId)?.status).toBe("delivered");
  });

  it("fills reference fields only from carrier data and never clears them", () => {
    const { shipmentId } = createShippedOrder(db, { trackingNumber: null });
    applyCarrierUpdates(
      db,
      [{ shipmentId, update: carrierUpdate("shiprocket", []) }],
      options("poll"),
    );
    expect(shipmentRow(shipmentId)).toMatchObject({
      trackingNumber: null,
      courierName: null,
      trackingUrl: null,
      estimatedDeliveryAt: null,
    });

    const given = carrierUpdate("shiprocket", [], {
      trackingNumber: "19041424751540",
      courierName: "Delhivery Surface",
      estimatedDelivery: new Date("2026-11-23T10:10:19Z"),
    });
    const changes = applyCarrierUpdates(db, [{ shipmentId, update: given }], options("poll"));
    expect(changes[0]?.fieldsChanged.sort()).toEqual([
      "courierName",
      "estimatedDeliveryAt",
      "trackingNumber",
    ]);
    expect(changes[0]?.milestones).toEqual(["tracking_available"]);

    applyCarrierUpdates(
      db,
      [{ shipmentId, update: carrierUpdate("shiprocket", []) }],
      options("poll"),
    );
    expect(shipmentRow(shipmentId)).toMatchObject({
      trackingNumber: "19041424751540",
      courierName: "Delhivery Surface",
      trackingUrl: null,
    });
  });

  it("keeps an unknown scan in the timeline without moving the status", () => {
    const { shipmentId } = createShippedOrder(db);
    applyCarrierUpdates(
      db,
      [
        {
          shipmentId,
          update: carrierUpdate("shiprocket", [scan("in_transit", "18", "2026-11-19T03:15:00Z")]),
        },
      ],
      options(),
    );
    applyCarrierUpdates(
      db,
      [
        {
          shipmentId,
          update: carrierUpdate("shiprocket", [scan("unknown", "NA", "2026-11-20T03:15:00Z")]),
        },
      ],
      options(),
    );
    expect(shipmentRow(shipmentId)?.status).toBe("in_transit");
    expect(countRows(schema.trackingEvents)).toBe(2);
  });

  it("stores a receipt-dated scan once however often the carrier repeats it", () => {
    const { shipmentId } = createShippedOrder(db, { carrier: "maystro" });
    const delivery = (at: string) =>
      carrierUpdate("maystro", [scan("out_for_delivery", "31", at, { timeSource: "received" })]);
    applyCarrierUpdates(db, [{ shipmentId, update: delivery("2026-11-21T09:00:00Z") }], options());
    const repeat = applyCarrierUpdates(
      db,
      [{ shipmentId, update: delivery("2026-11-21T09:05:00Z") }],
      options(),
    );
    expect(repeat).toEqual([]);
    expect(countRows(schema.trackingEvents)).toBe(1);
    expect(countRows(schema.notifications)).toBe(1);
  });
});

describe("the shipment write", () => {
  it("sets only the columns that changed, so a repeat rewrites no indexed column", () => {
    const { shipmentId } = createShippedOrder(db);
    const updates: string[] = [];
    const prepare = db.$client.prepare.bind(db.$client);
    db.$client.prepare = ((source: string) => {
      if (source.startsWith('update "shipments"')) updates.push(source);
      return prepare(source);
    }) as typeof db.$client.prepare;
    const journey = carrierUpdate("shiprocket", JOURNEY.slice(0, 2));

    applyCarrierUpdates(db, [{ shipmentId, update: journey }], options());
    applyCarrierUpdates(db, [{ shipmentId, update: journey }], options());

    const setColumns = (source: string) =>
      [...(source.split(" where ")[0] ?? "").matchAll(/"(\w+)" = /g)].map((match) => match[1]);
    expect(updates).toHaveLength(2);
    expect(setColumns(updates[0] as string)).toEqual(
      expect.arrayContaining(["status", "next_check_at", "last_event_at"]),
    );
    expect(setColumns(updates[1] as string).sort()).toEqual([
      "last_check_source",
      "last_checked_at",
      "updated_at",
    ]);
    expect(shipmentRow(shipmentId)?.status).toBe("in_transit");
  });
});
