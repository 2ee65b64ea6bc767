import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrowserLikeClient, startTestServer, type TestServer } from "./testing/server";
import { createWsTrpcClient, upgradeStatus } from "./testing/ws-client";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

describe("GET /healthz", () => {
  it("answers 200 with the database status", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });
});

describe("security headers", () => {
  it("are on every kind of answer: JSON, tRPC, webhook, export and a 404", async () => {
    const answers = await Promise.all([
      fetch(`${server.url}/healthz`),
      fetch(`${server.url}/trpc/auth.me`),
      fetch(`${server.url}/hooks/no-such-account/token`, { method: "POST", body: "{}" }),
      fetch(`${server.url}/exports/orders.csv`),
      fetch(`${server.url}/no-such-page`),
    ]);
    for (const response of answers) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      await response.arrayBuffer();
    }
    expect(answers.map((response) => response.status)).toEqual([200, 200, 401, 401, 404]);
  });
});

describe("auth over HTTP", () => {
  it("registers, reads me, logs out and logs back in", async () => {
    const browser = createBrowserLikeClient(server.url);
    const registered = await browser.mutation("auth.register", {
      email: "Neha@Example.test",
      password: "correct horse battery",
      name: "Neha Rao",
    });
    expect(registered.error).toBeUndefined();
    expect(browser.cookie).toMatch(/^waybill_session=/);

    const me = await browser.query("auth.me");
    expect(me.data).toMatchObject({ user: { email: "neha@example.test", role: "customer" } });
    expect(JSON.stringify(me.data)).not.toContain("passwordHash");

    await browser.mutation("auth.logout");
    expect(browser.cookie).toBe("");
    expect((await browser.query("auth.me")).data).toEqual({ user: null });

    const login = await browser.mutation("auth.login", {
      email: "neha@example.test",
      password: "correct horse battery",
    });
    expect(login.error).toBeUndefined();
    expect((await browser.query("auth.me")).data).toMatchObject({ user: { name: "Neha Rao" } });
  });

  it("sets an httpOnly SameSite=Lax session cookie", async () => {
    const response = await fetch(`${server.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "asha@waybill.test", password: "demo-customer-pass" }),
    });
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
  });

  it("refuses a logged-out session token even if the browser keeps it", async () => {
    const browser = createBrowserLikeClient(server.url);
    await browser.mutation("auth.login", {
      email: "asha@waybill.test",
      password: "demo-customer-pass",
    });
    const stolen = browser.cookie;
    await browser.mutation("auth.logout");
    const replay = await fetch(`${server.url}/trpc/auth.me`, { headers: { cookie: stolen } });
    expect(await replay.json()).toMatchObject({ result: { data: { user: null } } });
  });

  it("gives a wrong password and an unknown user the same error", async () => {
    const browser = createBrowserLikeClient(server.url);
    const wrongPassword = await browser.mutation("auth.login", {
      email: "asha@waybill.test",
      password: "not-the-password",
    });
    const unknownUser = await browser.mutation("auth.login", {
      email: "nobody@waybill.test",
      password: "not-the-password",
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.error?.message).toBe(unknownUser.error?.message);
    expect(wrongPassword.error?.data.code).toBe("UNAUTHORIZED");
    expect(unknownUser.error?.data.code).toBe("UNAUTHORIZED");
  });

  it("refuses the 11th rapid failed login for one e-mail, even with the right password", async () => {
    const browser = createBrowserLikeClient(server.url);
    await browser.mutation("auth.register", {
      email: "target@example.test",
      password: "the right password",
      name: "Target",
    });
    for (let attempt = 1; attempt <= 10; attempt++) {
      const answer = await browser.mutation("auth.login", {
        email: "target@example.test",
        password: `guess-${attempt}-xx`,
      });
      expect(answer.error?.data.code).toBe("UNAUTHORIZED");
    }
    const eleventh = await browser.mutation("auth.login", {
      email: "target@example.test",
      password: "the right password",
    });
    expect(eleventh.status).toBe(429);
    expect(eleventh.error?.data.code).toBe("TOO_MANY_REQUESTS");
  });

  it("explains bad input field by field", async () => {
    const browser = createBrowserLikeClient(server.url);
    const answer = await browser.mutation("auth.register", {
      email: "nope",
      password: "short",
      name: "",
    });
    expect(answer.error?.data.code).toBe("BAD_REQUEST");
    expect(answer.error?.data.zodError).toMatchObject({
      fieldErrors: {
        email: expect.any(Array),
        password: expect.any(Array),
        name: expect.any(Array),
      },
    });
  });
});

describe("authorization", () => {
  it("answers an admin procedure with UNAUTHORIZED for nobody and FORBIDDEN for a customer", async () => {
    const nobody = createBrowserLikeClient(server.url);
    expect((await nobody.query("admin.system.status")).error?.data.code).toBe("UNAUTHORIZED");

    const customer = createBrowserLikeClient(server.url);
    await customer.mutation("auth.login", {
      email: "asha@waybill.test",
      password: "demo-customer-pass",
    });
    expect((await customer.query("admin.system.status")).error?.data.code).toBe("FORBIDDEN");

    const admin = createBrowserLikeClient(server.url);
    await admin.mutation("auth.login", {
      email: "admin@waybill.test",
      password: "demo-admin-pass",
    });
    const status = await admin.query("admin.system.status");
    expect(status.data).toMatchObject({ database: "ok", orders: 8 });
  });
});

describe("WebSocket", () => {
  it("carries the caller's session from the cookie into subscriptions", async () => {
    const browser = createBrowserLikeClient(server.url);
    await browser.mutation("auth.login", {
      email: "asha@waybill.test",
      password: "demo-customer-pass",
    });
    const { client, close } = createWsTrpcClient(server.url, {
      cookie: browser.cookie,
      origin: server.url,
    });
    const first = await new Promise<unknown>((resolve, reject) => {
      const subscription = client.auth.onSession.subscribe(undefined, {
        onData: (data) => {
          subscription.unsubscribe();
          resolve(data);
        },
        onError: reject,
      });
    });
    close();
    expect(first).toMatchObject({ user: { email: "asha@waybill.test" } });
  });

  it("sees no user on a socket without a session", async () => {
    const { client, close } = createWsTrpcClient(server.url);
    const first = await new Promise<unknown>((resolve, reject) => {
      const subscription = client.auth.onSession.subscribe(undefined, {
        onData: (data) => {
          subscription.unsubscribe();
          resolve(data);
        },
        onError: reject,
      });
    });
    close();
    expect(first).toEqual({ user: null });
  });

  it("refuses an upgrade from a foreign Origin with 403 and accepts the app's own", async () => {
    expect(await upgradeStatus(server.url, { origin: "https://evil.example" })).toBe(403);
    expect(await upgradeStatus(server.url, { origin: server.url })).toBe(101);
  });

  it("closes a socket that sends a frame over 64 KB", async () => {
    const { default: WebSocket } = await import("ws");
    const socket = new WebSocket(`${server.url.replace("http", "ws")}/trpc`);
    await new Promise((resolve) => socket.once("open", resolve));
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    socket.send("x".repeat(65 * 1024));
    expect(await closed).toBe(1009);
  });
});
