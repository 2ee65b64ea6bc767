import { SCENARIO_NAMES, type ScenarioName } from "@waybill/carriers/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxServer, startSandboxServer } from "../src/testing/sandboxes";
import { startTestServer, type TestServer } from "../src/testing/server";
import { createHookedAccount, createTrackedShipment } from "../src/webhooks/testing";
import { type CapturedDelivery, startCapture, stormOf } from "./lib/capture";
import { PROFILE, report } from "./lib/profile";
import { announcementProblems, diffStates, ourStates, truthStates } from "./lib/truth";
import { forEachConcurrently, seededRandom } from "./lib/wait";

const HOUR = 3_600_000;
/** Shiprocket has no stop desk; every other scenario plays. */
const SCENARIOS = SCENARIO_NAMES.filter((s): s is ScenarioName => s !== "stop_desk");

describe("webhook storm", () => {
  let server: TestServer;
  let sandbox: SandboxServer;

  beforeAll(async () => {
    server = await startTestServer();
    sandbox = await startSandboxServer({ seed: 8 });
  });
  afterAll(async () => {
    await server?.close();
    await sandbox?.close();
  });

  it("ends every shipment exactly at the carrier's ground truth, announcing each fact once", async () => {
    const { account, secret, hookUrl } = createHookedAccount(server, sandbox, "shiprocket");
    const capture = await startCapture();
    const carrier = sandbox.sandboxes.shiprocket.control;
    carrier.webhooks.configure({ url: capture.url, headers: { "x-api-key": secret } });
    for (let i = 0; i < PROFILE.stormShipments; i++) {
      createTrackedShipment(server, sandbox, {
        account,
        scenario: SCENARIOS[i % SCENARIOS.length] as ScenarioName,
      });
    }
    // The carrier's whole story, hour by hour: every scan leaves as one webhook, in carrier order.
    for (let hour = 0; hour < 24 * 9; hour++) await sandbox.sandboxes.advance(HOUR);
    await capture.close();
    const ordered = capture.deliveries;

    // Duplicates and moves are sized so the storm holds the profile's number of deliveries.
    const duplicateShare = Math.max(
      0.3,
      Math.min(1, PROFILE.stormDeliveries / ordered.length - 1.0),
    );
    const storm = stormOf<CapturedDelivery>(ordered, {
      duplicateShare,
      reorderShare: 0.3,
      distance: 200,
      random: seededRandom(2026),
    });
    const statuses = new Map<number, number>();
    await forEachConcurrently(storm.deliveries, 16, async (delivery) => {
      const response = await fetch(hookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": secret },
        body: delivery.body,
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    });
    // Every answer came once its delivery was stored; applying them finishes behind the replies.
    await server.deps.webhooks.idle();

    const diff = diffStates(
      truthStates(carrier.groundTruth()),
      ourStates(server.deps.db, account.id),
    );
    const problems = announcementProblems(server.deps.db);
    const unsettled = server.deps.db.$client
      .prepare(
        "select count(*) as n from webhook_deliveries where verdict in ('received', 'failed')",
      )
      .get() as { n: number };
    const notifications = server.deps.db.$client
      .prepare("select count(*) as n from notifications")
      .get() as {
      n: number;
    };
    const emails = server.deps.db.$client.prepare("select count(*) as n from outbox").get() as {
      n: number;
    };
    report("webhook storm", {
      shipments: PROFILE.stormShipments,
      carrierWebhooks: ordered.length,
      delivered: storm.deliveries.length,
      duplicated: storm.duplicated,
      reordered: storm.moved,
      statuses: Object.fromEntries(statuses),
      compared: diff.compared,
      mismatches: diff.mismatches.length,
      notifications: notifications.n,
      emails: emails.n,
    });

    expect([...statuses.keys()]).toEqual([200]);
    expect(storm.deliveries.length).toBeGreaterThanOrEqual(PROFILE.stormDeliveries * 0.9);
    expect(diff.compared).toBe(PROFILE.stormShipments);
    expect(diff.mismatches).toEqual([]);
    expect(problems).toEqual([]);
    expect(unsettled.n).toBe(0);
    // Every shipment told its customer something, and a storm never announces more than the facts.
    expect(notifications.n).toBeGreaterThan(PROFILE.stormShipments);
    expect(emails.n).toBe(notifications.n);
  });
});
