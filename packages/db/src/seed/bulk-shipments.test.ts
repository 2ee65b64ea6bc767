import { describe, expect, it } from "vitest";
import { createTestDb } from "../client";
import { seedBulk } from "./bulk";
import { bulkTrackingNumber, seedBulkShipments } from "./bulk-shipments";

const NOW = new Date("2026-11-21T10:00:00Z");
const HOUR = 3_600_000;

describe("seedBulkShipments", () => {
  it("ships the open orders with the drawn states' scans and statuses, indexes intact", () => {
    const db = createTestDb();
    seedBulk(db, { orders: 2_000, passwordHash: "h", now: NOW });
    db.$client
      .prepare(
        "insert into carrier_accounts (id, carrier, name, credentials_encrypted, webhook_secret_encrypted) values ('acc', 'sequel247', 'S', 'x', 'y')",
      )
      .run();
    const delivered = {
      scans: [
        {
          afterMs: HOUR,
          rawCode: "SPU",
          rawLabel: "Picked up",
          status: "in_transit",
          substatus: null,
          location: "Delhi",
          description: null,
        },
        {
          afterMs: 30 * HOUR,
          rawCode: "DLV",
          rawLabel: "Delivered",
          status: "delivered",
          substatus: null,
          location: "Pune",
          description: null,
        },
      ],
      status: "delivered",
      substatus: null,
      orderStatus: "delivered",
    } as const;
    const open = (
      db.$client.prepare("select count(*) as n from orders where status <> 'cancelled'").get() as {
        n: number;
      }
    ).n;

    const result = seedBulkShipments(db, {
      accounts: [{ id: "acc", carrier: "sequel247" }],
      states: { sequel247: [delivered] },
      nextCheckAt: null,
      now: NOW,
    });

    expect(result).toEqual({ shipments: open, scans: 2 * open });
    const rows = db.$client
      .prepare(
        "select s.tracking_number as tracking, s.status, s.status_at as statusAt, s.delivered_at as deliveredAt, o.status as orderStatus from shipments s join orders o on o.id = s.order_id",
      )
      .all() as Array<{
      tracking: string;
      status: string;
      statusAt: number;
      deliveredAt: number;
      orderStatus: string;
    }>;
    expect(new Set(rows.map((r) => r.tracking)).size).toBe(open);
    expect(rows.every((r) => /^\d{10}$/.test(r.tracking))).toBe(true);
    expect(rows.every((r) => r.status === "delivered" && r.orderStatus === "delivered")).toBe(true);
    expect(rows.every((r) => r.statusAt === r.deliveredAt && r.statusAt <= NOW.getTime())).toBe(
      true,
    );
    expect(rows.map((r) => r.tracking)).toContain(bulkTrackingNumber("sequel247", 1));
    const indexes = db.$client
      .prepare(
        "select name from sqlite_master where type = 'index' and tbl_name in ('shipments', 'tracking_events') and sql is not null",
      )
      .all();
    expect(indexes.length).toBeGreaterThanOrEqual(8);

    // A second call finds nothing left to ship.
    expect(
      seedBulkShipments(db, { accounts: [{ id: "acc", carrier: "sequel247" }], now: NOW }),
    ).toEqual({
      shipments: 0,
      scans: 0,
    });
  });
});
