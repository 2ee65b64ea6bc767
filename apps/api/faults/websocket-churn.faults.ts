import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession } from "../src/auth/sessions";
import { SESSION_TTL_MS } from "../src/deps";
import { carrierUpdate, createShippedOrder, scan } from "../src/testing/fixtures";
import { startTestServer, type TestServer } from "../src/testing/server";
import { createWsTrpcClient } from "../src/testing/ws-client";
import { commitCarrierUpdates } from "../src/tracking/commit";
import { PROFILE, report } from "./lib/profile";
import { seededRandom, waitFor } from "./lib/wait";

type Tab = {
  orderId: string;
  shipmentId: string;
  cookie: string;
  received: string[];
  socket: ReturnType<typeof createWsTrpcClient> | null;
  reconnects: number;
};

describe("WebSocket churn", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("gives every client every event of its order exactly once across drops and resumes", async () => {
    const random = seededRandom(500);
    const tabs: Tab[] = Array.from({ length: PROFILE.churnClients }, () => {
      const { user, orderId, shipmentId } = createShippedOrder(server.deps.db);
      const { token } = openSession(server.deps.db, user.id, new Date(), SESSION_TTL_MS);
      return {
        orderId,
        shipmentId,
        cookie: `waybill_session=${token}`,
        received: [],
        socket: null,
        reconnects: 0,
      };
    });

    const connect = (tab: Tab) => {
      const socket = createWsTrpcClient(server.url, { cookie: tab.cookie, origin: server.url });
      // From the last event this tab saw (0: from the start), as a browser resumes after a drop.
      const lastEventId = tab.received.at(-1) ?? "0";
      socket.client.orders.onUpdate.subscribe(
        { orderId: tab.orderId, lastEventId },
        { onData: (item) => tab.received.push((item as { id: string }).id) },
      );
      tab.socket = socket;
    };
    const drop = (tab: Tab) => {
      tab.socket?.close();
      tab.socket = null;
    };
    for (const tab of tabs) connect(tab);

    let minute = 0;
    let changes = 0;
    const churn = async () => {
      // One tick: a few changes committed through the engine, a few tabs dropped, a few dropped tabs back.
      for (let k = 0; k < 6 && changes < PROFILE.churnChanges; k++) {
        const tab = tabs[Math.floor(random() * tabs.length)] as Tab;
        minute += 1;
        const at = new Date(Date.UTC(2026, 10, 1, 0, minute)).toISOString();
        commitCarrierUpdates(
          server.deps,
          [
            {
              shipmentId: tab.shipmentId,
              update: carrierUpdate("shiprocket", [scan("in_transit", `T${minute}`, at)]),
            },
          ],
          "webhook",
        );
        changes += 1;
      }
      for (let k = 0; k < 3; k++) {
        const tab = tabs[Math.floor(random() * tabs.length)] as Tab;
        if (tab.socket) drop(tab);
      }
      for (const tab of tabs) {
        if (!tab.socket && random() < 0.3) {
          tab.reconnects += 1;
          connect(tab);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    };
    while (changes < PROFILE.churnChanges) await churn();
    for (const tab of tabs) if (!tab.socket) connect(tab);

    const expectedFor = (tab: Tab) =>
      (
        server.deps.db.$client
          .prepare("select id from events where order_id = ? and topic = 'order' order by id")
          .all(tab.orderId) as Array<{ id: number }>
      ).map((row) => String(row.id));
    await waitFor(
      "every tab to catch up",
      () => tabs.every((tab) => tab.received.length >= expectedFor(tab).length),
      120_000,
    );
    // A little longer, so a late duplicate would have arrived.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const wrong = tabs.filter((tab) => tab.received.join() !== expectedFor(tab).join());
    report("websocket churn", {
      clients: tabs.length,
      changes,
      reconnects: tabs.reduce((sum, tab) => sum + tab.reconnects, 0),
      framesReceived: tabs.reduce((sum, tab) => sum + tab.received.length, 0),
      tabsWithGapsOrDuplicates: wrong.length,
    });
    for (const tab of tabs) drop(tab);

    expect(tabs.reduce((sum, tab) => sum + tab.reconnects, 0)).toBeGreaterThan(tabs.length / 2);
    expect(
      wrong.map((tab) => ({ received: tab.received, expected: expectedFor(tab) })).slice(0, 3),
    ).toEqual([]);
  });
});
