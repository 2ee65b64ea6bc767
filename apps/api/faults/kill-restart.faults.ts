import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SCENARIO_NAMES, type ScenarioName } from "@waybill/carriers/sandbox";
import { closeDb, createDb, createUser, type Db, formatOrderNumber, migrateDb } from "@waybill/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession } from "../src/auth/sessions";
import { webhookUrlOf } from "../src/carrier-accounts/accounts";
import { SESSION_TTL_MS } from "../src/deps";
import { createSecretBox } from "../src/lib/crypto";
import { workspacePaths } from "../src/paths";
import { TEST_APP_SECRET } from "../src/testing/deps";
import { createShippedOrder } from "../src/testing/fixtures";
import {
  createSandboxAccount,
  type SandboxServer,
  startSandboxServer,
} from "../src/testing/sandboxes";
import { type ApiProcess, startApiProcess, trpcMutation } from "./lib/api-process";
import { type CapturedDelivery, startCapture, stormOf } from "./lib/capture";
import { PROFILE, report } from "./lib/profile";
import { announcementProblems, diffStates, ourStates, truthStates } from "./lib/truth";
import { forEachConcurrently, seededRandom, waitFor } from "./lib/wait";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SCENARIOS = SCENARIO_NAMES.filter((s): s is ScenarioName => s !== "stop_desk");

/** A database file the API process will open, prepared here: migrations, an admin with a session. */
function prepareDatabase(dir: string) {
  const path = join(dir, "waybill.db");
  const db = createDb(path);
  migrateDb(db, workspacePaths().migrations);
  const admin = createUser(db, {
    email: "ops@example.test",
    name: "Ops",
    passwordHash: "unused",
    role: "admin",
  });
  const { token } = openSession(db, admin.id, new Date(), SESSION_TTL_MS);
  const secrets = createSecretBox(TEST_APP_SECRET);
  return { path, db, secrets, cookie: `waybill_session=${token}` };
}

function runRow(db: Db, id: string) {
  return db.$client
    .prepare("select state, checked, due, errors from sync_runs where id = ?")
    .get(id) as { state: string; checked: number; due: number; errors: string } | undefined;
}

describe("kill -9 of the API process", () => {
  let sandbox: SandboxServer;
  let dir: string;
  let api: ApiProcess | undefined;
  let db: Db | undefined;

  beforeAll(async () => {
    sandbox = await startSandboxServer({ seed: 9 });
    // The carrier's world runs three days behind ours, so its scans are recent to the API's real clock.
    // Carriers give times to the second: a whole minute keeps their scans and the truth equal.
    sandbox.sandboxes.clock.set(Math.floor((Date.now() - 3 * DAY) / 60_000) * 60_000);
  });
  afterAll(async () => {
    await api?.kill9();
    if (db) closeDb(db);
    await sandbox?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("in the middle of a sync run: the run is marked interrupted and the next one converges", async () => {
    dir = mkdtempSync(join(tmpdir(), "waybill-faults-kill-"));
    const prepared = prepareDatabase(dir);
    db = prepared.db;
    const account = createSandboxAccount(
      { ...prepared, now: () => new Date() },
      "sequel247",
      sandbox.url,
    );
    const carrier = sandbox.sandboxes.sequel247.control;
    for (let i = 0; i < PROFILE.killSyncShipments; i++) {
      const orderNumber = formatOrderNumber(2026, 600_000 + i);
      const truth = carrier.createShipment({ scenario: "delivered", orderNumber });
      const { shipmentId } = createShippedOrder(prepared.db, {
        carrier: "sequel247",
        accountId: account.id,
        orderNumber,
        trackingNumber: truth.trackingNumber,
      });
      prepared.db.$client
        .prepare("update shipments set next_check_at = ? where id = ?")
        .run(Date.now() - 60_000, shipmentId);
    }
    await sandbox.sandboxes.advance(2 * DAY);
    // Slow carrier calls, so that the run is surely in flight when the process dies.
    carrier.faults.set({ latencyMs: 250 });

    api = await startApiProcess(prepared.path);
    const [started] = await trpcMutation<Array<{ id: string }>>(
      api.url,
      "admin.sync.runNow",
      prepared.cookie,
      {
        accountId: account.id,
      },
    );
    const runId = started?.id ?? "";
    await waitFor(
      "the run to make progress",
      () => (runRow(prepared.db, runId)?.checked ?? 0) > 0,
      60_000,
    );
    const atKill = runRow(prepared.db, runId);
    await api.kill9();
    carrier.faults.set({ latencyMs: 0 });

    // Restarted at once, as a supervisor would: the dead run's lease lapses within a minute, and the
    // server's own reconciliation marks it.
    api = await startApiProcess(prepared.path);
    await waitFor(
      "the dead run to be marked interrupted",
      () => runRow(prepared.db, runId)?.state === "interrupted",
      150_000,
    );
    const [next] = await trpcMutation<Array<{ id: string }>>(
      api.url,
      "admin.sync.runNow",
      prepared.cookie,
      {
        accountId: account.id,
      },
    );
    const nextId = next?.id ?? "";
    await waitFor(
      "the next run to finish",
      () => runRow(prepared.db, nextId)?.state === "succeeded",
      120_000,
    );
    await api.stop();

    const diff = diffStates(truthStates(carrier.groundTruth()), ourStates(prepared.db, account.id));
    const interrupted = runRow(prepared.db, runId);
    report("kill -9 during sync", {
      shipments: PROFILE.killSyncShipments,
      checkedAtKill: atKill?.checked,
      interruptedRun: interrupted?.state,
      nextRun: runRow(prepared.db, nextId),
      mismatches: diff.mismatches.length,
    });
    expect(atKill?.state).toBe("running");
    expect(atKill?.checked).toBeLessThan(PROFILE.killSyncShipments);
    expect(interrupted?.errors).toContain("INTERRUPTED");
    expect(nextId).not.toBe(runId);
    expect(diff.compared).toBe(PROFILE.killSyncShipments);
    expect(diff.mismatches).toEqual([]);
    expect(announcementProblems(prepared.db)).toEqual([]);
    closeDb(prepared.db);
    db = undefined;
  });

  it("during a webhook storm: re-sent deliveries after the restart converge, nothing twice", async () => {
    const storeDir = mkdtempSync(join(tmpdir(), "waybill-faults-kill-storm-"));
    const prepared = prepareDatabase(storeDir);
    db = prepared.db;
    const account = createSandboxAccount(
      { ...prepared, now: () => new Date() },
      "shiprocket",
      sandbox.url,
    );
    const secret = prepared.secrets.open(account.webhookSecretEncrypted);
    const carrier = sandbox.sandboxes.shiprocket.control;
    const capture = await startCapture();
    carrier.webhooks.configure({ url: capture.url, headers: { "x-api-key": secret } });
    for (let i = 0; i < PROFILE.killStormShipments; i++) {
      const orderNumber = formatOrderNumber(2026, 650_000 + i);
      const truth = carrier.createShipment({
        scenario: SCENARIOS[i % SCENARIOS.length] as ScenarioName,
        orderNumber,
      });
      createShippedOrder(prepared.db, {
        carrier: "shiprocket",
        accountId: account.id,
        orderNumber,
        trackingNumber: truth.trackingNumber,
      });
    }
    for (let hour = 0; hour < 24 * 9; hour++) await sandbox.sandboxes.advance(HOUR);
    carrier.webhooks.configure(null);
    await capture.close();
    const storm = stormOf<CapturedDelivery>(capture.deliveries, {
      duplicateShare: 0.3,
      reorderShare: 0.3,
      distance: 100,
      random: seededRandom(77),
    });

    api = await startApiProcess(prepared.path);
    const acknowledged = new Set<number>();
    const killAt = Math.floor(storm.deliveries.length * 0.4);
    let sent = 0;
    let killed: Promise<void> | null = null;
    const send = async (base: string, index: number) => {
      const delivery = storm.deliveries[index] as CapturedDelivery;
      try {
        const response = await fetch(webhookUrlOf(base, account.id, secret), {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": secret },
          body: delivery.body,
        });
        await response.arrayBuffer();
        if (response.ok) acknowledged.add(index);
      } catch {
        // The process died under this delivery: the carrier will send it again.
      }
    };
    const firstUrl = api.url;
    const running = api;
    await forEachConcurrently(
      storm.deliveries.map((_, i) => i),
      8,
      async (index) => {
        sent += 1;
        if (sent === killAt) killed = running.kill9();
        if (killed) return;
        await send(firstUrl, index);
      },
    );
    await killed;
    const beforeRestart = acknowledged.size;
    const unapplied = () =>
      (
        prepared.db.$client
          .prepare("select count(*) as n from webhook_deliveries where verdict = 'received'")
          .get() as { n: number }
      ).n;
    const answeredButUnappliedAtKill = unapplied();

    api = await startApiProcess(prepared.path);
    // The carrier's retry: everything it never saw acknowledged, in its original order.
    const retry = storm.deliveries.map((_, i) => i).filter((i) => !acknowledged.has(i));
    const secondUrl = api.url;
    await forEachConcurrently(retry, 8, (index) => send(secondUrl, index));
    // Deliveries the killed process answered but never applied are recovered by the new one at start.
    await waitFor("every stored delivery to be applied", () => unapplied() === 0);
    await api.stop();

    const diff = diffStates(truthStates(carrier.groundTruth()), ourStates(prepared.db, account.id));
    report("kill -9 during webhook storm", {
      deliveries: storm.deliveries.length,
      acknowledgedBeforeKill: beforeRestart,
      resent: retry.length,
      acknowledgedInAll: acknowledged.size,
      storedButUnappliedAtKill: answeredButUnappliedAtKill,
      storedButUnappliedAtEnd: unapplied(),
      mismatches: diff.mismatches.length,
    });
    expect(beforeRestart).toBeLessThan(storm.deliveries.length);
    expect(acknowledged.size).toBe(storm.deliveries.length);
    expect(diff.compared).toBe(PROFILE.killStormShipments);
    expect(diff.mismatches).toEqual([]);
    expect(unapplied()).toBe(0);
    expect(announcementProblems(prepared.db)).toEqual([]);
    closeDb(prepared.db);
    db = undefined;
    rmSync(storeDir, { recursive: true, force: true });
  });
});
