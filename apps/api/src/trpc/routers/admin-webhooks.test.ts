import { createUser } from "@waybill/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../lib/crypto";
import { type SandboxServer, startSandboxServer } from "../../testing/sandboxes";
import { createBrowserLikeClient, startTestServer, type TestServer } from "../../testing/server";
import { createHookedAccount, deliveriesOf, postWebhook } from "../../webhooks/testing";

type Summary = {
  id: string;
  accountId: string | null;
  accountName: string | null;
  verdict: string;
  receivedAt: string;
  replayOf: string | null;
  bodyBytes: number;
};
type Page = { items: Summary[]; nextCursor: string | null };

let server: TestServer;
let sandbox: SandboxServer;
let admin: ReturnType<typeof createBrowserLikeClient>;
let customer: ReturnType<typeof createBrowserLikeClient>;
let hooked: ReturnType<typeof createHookedAccount>;
let other: ReturnType<typeof createHookedAccount>;

const payload = (n: number) => JSON.stringify({ awb: `1904000000${n}`, scans: "oops" });

beforeAll(async () => {
  server = await startTestServer({ env: { CARRIER_SANDBOX: "off" } });
  sandbox = await startSandboxServer();
  const passwordHash = await hashPassword("admin-pass-1234");
  createUser(server.deps.db, { email: "ops@shop.test", name: "Ops", passwordHash, role: "admin" });
  createUser(server.deps.db, { email: "buyer@shop.test", name: "Buyer", passwordHash });
  admin = createBrowserLikeClient(server.url);
  customer = createBrowserLikeClient(server.url);
  await admin.mutation("auth.login", { email: "ops@shop.test", password: "admin-pass-1234" });
  await customer.mutation("auth.login", { email: "buyer@shop.test", password: "admin-pass-1234" });

  hooked = createHookedAccount(server, sandbox, "shiprocket");
  other = createHookedAccount(server, sandbox, "maystro");
  // 7 deliveries to one account (5 malformed, 1 ping, 1 bad secret), 2 to another.
  for (let n = 0; n < 5; n++) {
    await postWebhook(hooked.hookUrl, payload(n), { "x-api-key": hooked.secret });
  }
  await postWebhook(hooked.hookUrl, "", { "x-api-key": hooked.secret });
  await postWebhook(`${server.url}/hooks/${hooked.account.id}/wrong`, "{}");
  await postWebhook(other.hookUrl, "not base64 at all!");
  await postWebhook(other.hookUrl, "{}");
});
afterAll(async () => {
  await sandbox.close();
  await server.close();
});

describe("admin.webhooks", () => {
  it("are for admins only", async () => {
    const answer = await customer.query("admin.webhooks.deliveries", {});
    expect(answer.error?.data.code).toBe("FORBIDDEN");
  });

  it("lists deliveries newest first, filtered, page by page without gaps or repeats", async () => {
    const all = deliveriesOf(server.deps.db, hooked.account.id);
    const seen: Summary[] = [];
    let cursor: string | null = null;
    do {
      const answer = await admin.query("admin.webhooks.deliveries", {
        accountId: hooked.account.id,
        limit: 3,
        cursor,
      });
      const page = answer.data as Page;
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);

    expect(seen.map((item) => item.id).sort()).toEqual(all.map((row) => row.id).sort());
    const times = seen.map((item) => Date.parse(item.receivedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(seen[0]).toMatchObject({
      accountId: hooked.account.id,
      accountName: hooked.account.name,
      replayOf: null,
    });
    expect(seen[0]).not.toHaveProperty("body");
    expect(seen.find((item) => item.verdict === "failed")?.bodyBytes).toBe(payload(0).length);

    const rejected = (
      await admin.query("admin.webhooks.deliveries", {
        accountId: hooked.account.id,
        verdict: "rejected",
      })
    ).data as Page;
    expect(rejected.items.map((item) => item.verdict)).toEqual(["rejected"]);
    expect(rejected.nextCursor).toBeNull();
  });

  it("shows one delivery with masked headers and its JSON body pretty-printed", async () => {
    const row = deliveriesOf(server.deps.db, hooked.account.id)[0];
    const answer = await admin.query("admin.webhooks.byId", { id: row?.id });
    const detail = answer.data as {
      headers: Record<string, string>;
      body: string;
      bodyIsJson: boolean;
    };
    expect(detail.headers["x-api-key"]).toBe("***");
    expect(JSON.stringify(detail)).not.toContain(hooked.secret);
    expect(detail.bodyIsJson).toBe(true);
    expect(detail.body).toBe(JSON.stringify(JSON.parse(payload(0)), null, 2));

    const missing = await admin.query("admin.webhooks.byId", { id: "nope" });
    expect(missing.error?.data.code).toBe("NOT_FOUND");
  });

  it("replays a delivery and lists the replay pointing at its original", async () => {
    const original = deliveriesOf(server.deps.db, hooked.account.id).find((row) => row.body === "");
    const replay = await admin.mutation("admin.webhooks.replay", { id: original?.id });
    expect(replay.data).toMatchObject({ status: 200, verdict: "accepted" });

    const newest = (
      (await admin.query("admin.webhooks.deliveries", { accountId: hooked.account.id, limit: 1 }))
        .data as Page
    ).items[0];
    expect(newest?.replayOf).toBe(original?.id);

    const rejected = deliveriesOf(server.deps.db, hooked.account.id).find(
      (row) => row.verdict === "rejected",
    );
    const refused = await admin.mutation("admin.webhooks.replay", { id: rejected?.id });
    expect(refused.error?.data.code).toBe("CONFLICT");
  });

  it("refuses a cursor it did not issue", async () => {
    const answer = await admin.query("admin.webhooks.deliveries", { cursor: "12;drop" });
    expect(answer.error?.data.code).toBe("BAD_REQUEST");
  });
});
