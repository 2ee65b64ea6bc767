import { createHash } from "node:crypto";
import type { CarrierId } from "@waybill/carriers/statuses";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxServer, startSandboxServer } from "../src/testing/sandboxes";
import { startTestServer, type TestServer } from "../src/testing/server";
import { createHookedAccount, createTrackedShipment, postRaw } from "../src/webhooks/testing";
import { PROFILE, report } from "./lib/profile";
import { forEachConcurrently, seededRandom } from "./lib/wait";

type Fuzz = { kind: string; body: Uint8Array | string };

/** A random JSON value of bounded depth: scalars, arrays and objects with carrier-like and random keys. */
function randomJson(random: () => number, depth = 0): unknown {
  const roll = random();
  if (depth > 3 || roll < 0.3) {
    const scalars = [
      null,
      true,
      false,
      0,
      -1,
      1e308,
      "",
      "NA",
      "7",
      "19041424751540",
      "2026-13-45 99:99:99",
      "💥",
    ];
    return scalars[Math.floor(random() * scalars.length)];
  }
  if (roll < 0.55)
    return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, depth + 1));
  const keys = [
    "awb",
    "scans",
    "current_status",
    "current_timestamp",
    "order_id",
    "etd",
    "sr-status",
    "data",
    "status",
    "x",
  ];
  return Object.fromEntries(
    Array.from({ length: 1 + Math.floor(random() * 5) }, () => [
      keys[Math.floor(random() * keys.length)] as string,
      randomJson(random, depth + 1),
    ]),
  );
}

/** A real-shaped Shiprocket payload for a shipment we have, with one field of the wrong type or value. */
function wrongTypes(random: () => number, awb: string): unknown {
  const good = {
    awb,
    current_status: "IN TRANSIT",
    current_status_id: 20,
    shipment_status: "IN TRANSIT",
    shipment_status_id: 18,
    current_timestamp: "23 05 2026 11:43:52",
    order_id: "WB-2026-000001",
    scans: [
      {
        date: "2026-05-19 11:59:16",
        status: "X-UCI",
        activity: "Manifested",
        location: "Mumbai",
        "sr-status": "5",
        "sr-status-label": "MANIFEST GENERATED",
      },
    ],
  };
  const breakages: Array<(p: Record<string, unknown>) => void> = [
    (p) => {
      p.scans = "not a list";
    },
    (p) => {
      p.scans = [{ date: 42, "sr-status": { code: 5 } }];
    },
    (p) => {
      p.awb = { nested: awb };
    },
    (p) => {
      p.current_timestamp = ["23", "05"];
    },
  ];
  const payload: Record<string, unknown> = structuredClone(good);
  breakages[Math.floor(random() * breakages.length)]?.(payload);
  return payload;
}

function invalidUtf8(random: () => number): Uint8Array {
  const prefix = Buffer.from('{"awb":"');
  const junk = Buffer.from([
    0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xff,
  ]);
  const cut = 1 + Math.floor(random() * junk.length);
  return Buffer.concat([prefix, junk.subarray(0, cut), Buffer.from('"}')]);
}

/** Everything a bad body must not have touched: the tables the apply path writes. */
function fingerprint(server: TestServer): string {
  const client = server.deps.db.$client;
  const hash = createHash("sha256");
  for (const sql of [
    "select id, status, substatus, tracking_number, courier_name, status_at, last_event_at, version from shipments order by id",
    "select id, status from orders order by id",
    "select count(*) from tracking_events",
    "select count(*) from events where topic = 'order'",
    "select count(*) from notifications",
    "select count(*) from outbox",
  ]) {
    hash.update(JSON.stringify(client.prepare(sql).raw().all()));
  }
  return hash.digest("hex");
}

describe("bad webhook input", () => {
  let server: TestServer;
  let sandbox: SandboxServer;

  beforeAll(async () => {
    server = await startTestServer();
    sandbox = await startSandboxServer({ seed: 5 });
  });
  afterAll(async () => {
    await server?.close();
    await sandbox?.close();
  });

  it("answers every fuzzed body with a 4xx (or a harmless 2xx ping), never crashes and writes nothing", async () => {
    const random = seededRandom(99);
    const hooks = (["shiprocket", "maystro"] as CarrierId[]).map((carrier) => {
      const hooked = createHookedAccount(server, sandbox, carrier);
      const shipment = createTrackedShipment(server, sandbox, {
        account: hooked.account,
        scenario: "delivered",
      });
      return { carrier, ...hooked, trackingNumber: shipment.trackingNumber ?? "" };
    });
    const before = fingerprint(server);

    const bodies: Array<Fuzz & { hook: (typeof hooks)[number] }> = [];
    for (let i = 0; i < PROFILE.fuzzBodies; i++) {
      const hook = hooks[i % hooks.length] as (typeof hooks)[number];
      const roll = random();
      const fuzz: Fuzz =
        roll < 0.35
          ? { kind: "random JSON", body: JSON.stringify(randomJson(random)) }
          : roll < 0.6
            ? { kind: "wrong types", body: JSON.stringify(wrongTypes(random, hook.trackingNumber)) }
            : roll < 0.75
              ? { kind: "not JSON", body: `{"awb": ${"[".repeat(1 + Math.floor(random() * 50))}` }
              : roll < 0.85
                ? {
                    kind: "huge string",
                    body: JSON.stringify({
                      awb: "x".repeat(100_000 + Math.floor(random() * 100_000)),
                    }),
                  }
                : roll < 0.95
                  ? { kind: "invalid UTF-8", body: invalidUtf8(random) }
                  : {
                      kind: "1 MB body",
                      body: JSON.stringify({
                        awb: hook.trackingNumber,
                        pad: "y".repeat(1024 * 1024),
                      }),
                    };
      bodies.push({ ...fuzz, hook });
    }

    const byKind = new Map<string, Map<number, number>>();
    await forEachConcurrently(bodies, 8, async ({ kind, body, hook }) => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (hook.carrier === "shiprocket") headers["x-api-key"] = hook.secret;
      const status =
        kind === "1 MB body"
          ? (await postRaw(hook.hookUrl, body as string)).status
          : await fetch(hook.hookUrl, { method: "POST", headers, body: body as BodyInit }).then(
              async (r) => {
                await r.arrayBuffer();
                return r.status;
              },
            );
      const counts = byKind.get(kind) ?? new Map<number, number>();
      counts.set(status, (counts.get(status) ?? 0) + 1);
      byKind.set(kind, counts);
    });

    await server.deps.webhooks.idle();
    const statuses = [...byKind.values()].flatMap((counts) => [...counts.keys()]);
    const unsettled = server.deps.db.$client
      .prepare("select count(*) as n from webhook_deliveries where verdict = 'received'")
      .get() as { n: number };
    const health = await fetch(`${server.url}/healthz`);
    report("bad input", {
      bodies: bodies.length,
      statuses: Object.fromEntries(
        [...byKind].map(([kind, counts]) => [kind, Object.fromEntries(counts)]),
      ),
    });

    expect(statuses.every((status) => status < 500)).toBe(true);
    // Only a JSON object naming no AWB is a panel "ping" (2xx); the rest of each kind is refused.
    for (const kind of ["wrong types", "not JSON", "invalid UTF-8", "1 MB body"]) {
      expect(
        [...(byKind.get(kind)?.keys() ?? [])].every((status) => status >= 400 && status < 500),
      ).toBe(true);
    }
    expect(fingerprint(server)).toBe(before);
    expect(unsettled.n).toBe(0);
    expect(health.status).toBe(200);

    // Still working: a well-formed delivery after the fuzz is applied.
    const [shiprocket] = hooks;
    await sandbox.sandboxes.shiprocket.control.webhooks.configure({
      url: shiprocket?.hookUrl ?? "",
      headers: { "x-api-key": shiprocket?.secret ?? "" },
    });
    await sandbox.sandboxes.advance(4 * 3_600_000);
    await server.deps.webhooks.idle();
    expect(fingerprint(server)).not.toBe(before);
  });
});
