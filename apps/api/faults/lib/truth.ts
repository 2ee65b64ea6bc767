import type { GroundTruthShipment } from "@waybill/carriers/sandbox";
import type { Db } from "@waybill/db";

/** A shipment as a comparable value: its status and its scans as `rawCode@ISO time`, sorted (duplicates kept). */
export type ShipmentState = { status: string; events: string[] };

export function truthStates(truth: readonly GroundTruthShipment[]): Map<string, ShipmentState> {
  const states = new Map<string, ShipmentState>();
  for (const shipment of truth) {
    if (shipment.trackingNumber === null) continue;
    states.set(shipment.trackingNumber, {
      status: shipment.status,
      events: shipment.events
        .map((e) => `${e.rawCode}@${new Date(e.occurredAt).toISOString()}`)
        .sort(),
    });
  }
  return states;
}

/**
 * How the sandbox's ground truth names a raw code we store: Shiprocket's unmapped scans ("NA" in its
 * `sr-status`) are stored under the courier's own code (DRC, ...), as the adapter documents.
 */
export function truthCodeOf(carrier: string, rawCode: string): string {
  return carrier === "shiprocket" && !/^\d+$/.test(rawCode) ? "NA" : rawCode;
}

/** Our shipments of one account, keyed by tracking number, raw codes named as the ground truth names them. */
export function ourStates(db: Db, accountId: string): Map<string, ShipmentState> {
  const client = db.$client;
  const states = new Map<string, ShipmentState>();
  const ids = new Map<string, string>();
  const shipments = client
    .prepare(
      "select id, tracking_number as trackingNumber, status, carrier from shipments where account_id = ?",
    )
    .all(accountId) as Array<{
    id: string;
    trackingNumber: string | null;
    status: string;
    carrier: string;
  }>;
  const carrier = shipments[0]?.carrier ?? "";
  for (const row of shipments) {
    if (row.trackingNumber === null) continue;
    const state = { status: row.status, events: [] as string[] };
    states.set(row.trackingNumber, state);
    ids.set(row.id, row.trackingNumber);
  }
  const scans = client
    .prepare(
      "select e.shipment_id as shipmentId, e.raw_code as rawCode, e.occurred_at as occurredAt from tracking_events e join shipments s on s.id = e.shipment_id where s.account_id = ?",
    )
    .all(accountId) as Array<{ shipmentId: string; rawCode: string; occurredAt: number }>;
  for (const scan of scans) {
    const tracking = ids.get(scan.shipmentId);
    if (tracking !== undefined)
      states
        .get(tracking)
        ?.events.push(
          `${truthCodeOf(carrier, scan.rawCode)}@${new Date(scan.occurredAt).toISOString()}`,
        );
  }
  for (const state of states.values()) state.events.sort();
  return states;
}

/** Shipments whose status or scans differ (first few), and how many were compared. */
export function diffStates(
  expected: Map<string, ShipmentState>,
  actual: Map<string, ShipmentState>,
): {
  compared: number;
  mismatches: Array<{ trackingNumber: string; expected?: ShipmentState; actual?: ShipmentState }>;
} {
  const mismatches: Array<{
    trackingNumber: string;
    expected?: ShipmentState;
    actual?: ShipmentState;
  }> = [];
  const keys = new Set([...expected.keys(), ...actual.keys()]);
  for (const key of keys) {
    const e = expected.get(key);
    const a = actual.get(key);
    if (!e || !a || e.status !== a.status || e.events.join() !== a.events.join()) {
      mismatches.push({
        trackingNumber: key,
        ...(e ? { expected: e } : {}),
        ...(a ? { actual: a } : {}),
      });
    }
  }
  return {
    compared: keys.size,
    mismatches: mismatches
      .slice(0, 5)
      .concat(
        mismatches.length > 5 ? [{ trackingNumber: `…and ${mismatches.length - 5} more` }] : [],
      ),
  };
}

/**
 * Announcement integrity: every notification about a status is keyed to a scan we stored for that order (no
 * phantom or repeated facts), each fact is announced once, and each announced milestone has exactly one
 * e-mail with the same key.
 */
export function announcementProblems(db: Db): string[] {
  const client = db.$client;
  const problems: string[] = [];
  const notifications = client
    .prepare(
      "select order_id as orderId, dedupe_key as key from notifications where order_id is not null",
    )
    .all() as Array<{ orderId: string; key: string }>;
  const keys = new Set<string>();
  for (const n of notifications) {
    if (keys.has(n.key)) problems.push(`notification ${n.key} twice`);
    keys.add(n.key);
  }
  const scanTimes = new Set(
    (
      client
        .prepare(
          "select s.order_id as orderId, e.occurred_at as at from tracking_events e join shipments s on s.id = e.shipment_id",
        )
        .all() as Array<{ orderId: string; at: number }>
    ).map((row) => `${row.orderId}:${row.at}`),
  );
  for (const n of notifications) {
    const [orderId, milestone, fact] = n.key.split(":");
    if (milestone === "tracking_available") continue;
    if (!scanTimes.has(`${orderId}:${fact}`))
      problems.push(`notification ${n.key} announces no stored scan`);
  }
  const emails = client.prepare("select dedupe_key as key from outbox").all() as Array<{
    key: string;
  }>;
  const emailKeys = new Set<string>();
  for (const e of emails) {
    if (emailKeys.has(e.key)) problems.push(`e-mail ${e.key} twice`);
    emailKeys.add(e.key);
  }
  for (const key of keys) if (!emailKeys.has(`email:${key}`)) problems.push(`no e-mail for ${key}`);
  for (const key of emailKeys)
    if (!keys.has(key.replace(/^email:/, ""))) problems.push(`e-mail ${key} without notification`);
  return problems.slice(0, 10);
}
