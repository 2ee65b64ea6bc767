import { createTestDb, type Db, schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createShippedOrder } from "../testing/fixtures";
import { queryPlan } from "../testing/query-plan";
import { type DuePageInput, duePageQuery, type PageCursor, selectDuePage } from "./due-page";

const DUE_AT = new Date("2026-11-20T08:00:00Z");
const NOW = new Date("2026-11-21T08:00:00Z");

/** Shipments of one account; `dueAt` null means never checked automatically. */
function shipmentsDue(db: Db, dueTimes: Array<Date | null>) {
  const first = createShippedOrder(db, { trackingNumber: null });
  const ids = [first.shipmentId];
  for (let i = 1; i < dueTimes.length; i++)
    ids.push(
      createShippedOrder(db, { accountId: first.accountId, trackingNumber: null }).shipmentId,
    );
  ids.forEach((id, i) => {
    db.update(schema.shipments)
      .set({ nextCheckAt: dueTimes[i] ?? null })
      .where(eq(schema.shipments.id, id))
      .run();
  });
  return { accountId: first.accountId, ids };
}

function everyPage(db: Db, input: Omit<DuePageInput, "after">): string[][] {
  const pages: string[][] = [];
  let after: PageCursor | null = null;
  for (;;) {
    const page = selectDuePage(db, { ...input, after });
    if (page.length === 0) return pages;
    pages.push(page.map((s) => s.id));
    const last = page.at(-1);
    if (!last) return pages;
    after = { nextCheckAt: last.nextCheckAt, id: last.id };
  }
}

describe("due pages", () => {
  it("visits every due shipment once, in (due time, id) order, when many share one due time", () => {
    const db = createTestDb();
    const later = new Date(DUE_AT.getTime() + 60_000);
    const notYet = new Date(NOW.getTime() + 60_000);
    const { accountId, ids } = shipmentsDue(db, [
      later,
      DUE_AT,
      DUE_AT,
      null,
      DUE_AT,
      notYet,
      DUE_AT,
    ]);
    createShippedOrder(db, { trackingNumber: null }); // another account's, due as well

    const pages = everyPage(db, { accountId, dueBy: NOW, limit: 2 });

    const sameTime = [ids[1], ids[2], ids[4], ids[6]].sort();
    expect(pages.flat()).toEqual([...sameTime, ids[0]]);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
  });

  it("seeks the due index to the cursor and reads no more than a page, without sorting", () => {
    const db = createTestDb();
    const plan = queryPlan(
      db,
      duePageQuery(db, {
        accountId: "account",
        dueBy: NOW,
        after: { nextCheckAt: DUE_AT, id: "shipment" },
        limit: 500,
      }).toSQL(),
    );
    expect(plan).toContain(
      "USING INDEX shipments_due_idx (account_id=? AND (next_check_at,id)>(?,?)",
    );
    expect(plan).not.toContain("TEMP B-TREE");
  });
});
