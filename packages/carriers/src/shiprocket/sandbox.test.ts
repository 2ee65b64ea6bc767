import { describe, expect, it } from "vitest";
import {
  createShiprocketSandbox,
  SHIPROCKET_SANDBOX_CREDENTIALS,
  type ShiprocketSandbox,
} from "./sandbox";

const HOUR = 60 * 60 * 1000;

function orderBody(orderId: string): Record<string, unknown> {
  return {
    order_id: orderId,
    order_date: "2026-01-05 10:00",
    pickup_location: "Primary",
    billing_customer_name: "Asha",
    billing_last_name: "Rao",
    billing_address: "12 MG Road",
    billing_city: "Bengaluru",
    billing_pincode: "560001",
    billing_state: "Karnataka",
    billing_country: "India",
    billing_email: "asha@example.com",
    billing_phone: "9876543210",
    shipping_is_billing: true,
    order_items: [{ name: "Kurta", sku: "KU-1", units: 1, selling_price: 899 }],
    payment_method: "Prepaid",
    sub_total: 899,
    length: 20,
    breadth: 15,
    height: 5,
    weight: 0.5,
  };
}

async function call(
  sandbox: ShiprocketSandbox,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await sandbox.app.request(`/v1/external/${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    // biome-ignore lint/suspicious/noExplicitAny: assertions walk the raw wire JSON freely.
    json: text === "" ? undefined : (JSON.parse(text) as any),
  };
}

async function login(sandbox: ShiprocketSandbox): Promise<string> {
  const res = await call(sandbox, "POST", "auth/login", undefined, SHIPROCKET_SANDBOX_CREDENTIALS);
  expect(res.status).toBe(200);
  return res.json.token as string;
}

describe("shiprocket sandbox: auth", () => {
  it("refuses a wrong password with a 400 business error", async () => {
    const sandbox = createShiprocketSandbox();
    const res = await call(sandbox, "POST", "auth/login", undefined, {
      ...SHIPROCKET_SANDBOX_CREDENTIALS,
      password: "x",
    });
    expect(res.status).toBe(400);
    expect(res.json.status_code).toBe(400);
  });

  it("answers the MFA challenge without a token in mfa mode", async () => {
    const sandbox = createShiprocketSandbox({ mfa: true });
    const res = await call(
      sandbox,
      "POST",
      "auth/login",
      undefined,
      SHIPROCKET_SANDBOX_CREDENTIALS,
    );
    expect(res.json).toEqual({
      is_mfa_enabled: true,
      user_id: 1234567,
      is_subuser: false,
      data: "OTP has been generated",
    });
  });

  it("answers 401 Unauthenticated without a token, after the TTL, and under the tokenExpired fault", async () => {
    const sandbox = createShiprocketSandbox({ tokenTtlMs: 2 * HOUR });
    expect(await call(sandbox, "GET", "orders")).toMatchObject({
      status: 401,
      json: { message: "Unauthenticated." },
    });
    const token = await login(sandbox);
    expect((await call(sandbox, "GET", "orders", token)).status).toBe(200);
    sandbox.control.faults.set({ tokenExpired: true });
    expect((await call(sandbox, "GET", "orders", token)).status).toBe(401);
    sandbox.control.faults.set({ tokenExpired: false });
    sandbox.control.clock.advance(2 * HOUR);
    expect((await call(sandbox, "GET", "orders", token)).status).toBe(401);
  });

  it("tells an IP refusal from a missing module in its 403 messages", async () => {
    const sandbox = createShiprocketSandbox({ forbidden: "ip" });
    const token = await login(sandbox);
    expect((await call(sandbox, "GET", "orders", token)).json.message).toContain("[IP]");
    sandbox.settings.forbidden = "permission";
    expect((await call(sandbox, "GET", "orders", token)).json.message).toBe(
      "Unauthorized. You do not have permission for this action.",
    );
  });
});

describe("shiprocket sandbox: orders and tracking", () => {
  it("creates an order with order-status NEW and refuses a reused order_id with a 422 errors map", async () => {
    const sandbox = createShiprocketSandbox({ scenarioForOrder: () => "delivered" });
    const token = await login(sandbox);
    const created = await call(sandbox, "POST", "orders/create/adhoc", token, orderBody("WB-1"));
    expect(created.json).toMatchObject({
      status: "NEW",
      status_code: 1,
      awb_code: null,
      courier_name: null,
    });
    const again = await call(sandbox, "POST", "orders/create/adhoc", token, orderBody("WB-1"));
    expect(again.status).toBe(422);
    expect(again.json.errors.order_id).toHaveLength(1);
  });

  it("lists missing required fields in the 422 errors map", async () => {
    const sandbox = createShiprocketSandbox();
    const token = await login(sandbox);
    const { order_id: _, weight: __, ...partial } = orderBody("WB-2");
    const res = await call(sandbox, "POST", "orders/create/adhoc", token, partial);
    expect(res.status).toBe(422);
    expect(Object.keys(res.json.errors).sort()).toEqual(["order_id", "weight"]);
  });

  it("answers awb_assign_status 0 inside HTTP 200 when assignment fails", async () => {
    const sandbox = createShiprocketSandbox({
      awbAssignError: "Insufficient wallet balance, please recharge",
    });
    const token = await login(sandbox);
    const created = await call(sandbox, "POST", "orders/create/adhoc", token, orderBody("WB-3"));
    const res = await call(sandbox, "POST", "courier/assign/awb", token, {
      shipment_id: created.json.shipment_id,
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      awb_assign_status: 0,
      response: { data: { awb_assign_error: "Insufficient wallet balance, please recharge" } },
    });
  });

  it("tracks with track_status 0 before the first scan, then in the three shapes plus the batch", async () => {
    const sandbox = createShiprocketSandbox({ scenarioForOrder: () => "delivered" });
    const token = await login(sandbox);
    const created = await call(sandbox, "POST", "orders/create/adhoc", token, orderBody("WB-4"));
    const assigned = await call(sandbox, "POST", "courier/assign/awb", token, {
      shipment_id: created.json.shipment_id,
    });
    const awb = assigned.json.response.data.awb_code as string;
    expect(
      (await call(sandbox, "GET", `courier/track/awb/${awb}`, token)).json.tracking_data
        .track_status,
    ).toBe(0);

    await sandbox.control.advance(12 * HOUR);
    const byAwb = (await call(sandbox, "GET", `courier/track/awb/${awb}`, token)).json;
    expect(byAwb.tracking_data.track_status).toBe(1);
    expect(byAwb.tracking_data.shipment_status).toBe(18);
    const activities = byAwb.tracking_data.shipment_track_activities as Array<{
      date: string;
      "sr-status": string;
    }>;
    expect(activities.map((a) => a["sr-status"])).toEqual(["18", "42", "5"]);
    expect(byAwb.tracking_data.track_url).toBe(`https://shiprocket.co//tracking/${awb}`);

    const byShipment = (
      await call(sandbox, "GET", `courier/track/shipment/${created.json.shipment_id}`, token)
    ).json;
    expect(byShipment).toEqual(byAwb);
    const byOrder = await call(sandbox, "GET", "courier/track?order_id=WB-4", token);
    expect(byOrder.json).toEqual([byAwb]);
    const batch = await call(sandbox, "POST", "courier/track/awbs", token, { awbs: [awb, "999"] });
    expect(batch.json).toEqual({ [awb]: byAwb });
  });

  it("answers PHP-style 500s for wrong types", async () => {
    const sandbox = createShiprocketSandbox();
    const token = await login(sandbox);
    const res = await call(sandbox, "POST", "courier/track/awbs", token, { awbs: "123" });
    expect(res).toMatchObject({
      status: 500,
      json: { message: "Invalid argument supplied for foreach()", status_code: 500 },
    });
  });

  it("cancels with 204 and no body, and the order list then shows CANCELED", async () => {
    const sandbox = createShiprocketSandbox({ scenarioForOrder: () => "delivered" });
    const token = await login(sandbox);
    const created = await call(sandbox, "POST", "orders/create/adhoc", token, orderBody("WB-5"));
    const res = await call(sandbox, "POST", "orders/cancel", token, {
      ids: [created.json.order_id],
    });
    expect(res.status).toBe(204);
    expect(res.json).toBeUndefined();
    const list = await call(sandbox, "GET", "orders?search=WB-5", token);
    expect(list.json.data[0]).toMatchObject({
      channel_order_id: "WB-5",
      status: "CANCELED",
      status_code: 5,
    });
    expect(sandbox.control.groundTruth()[0]?.status).toBe("cancelled");
  });

  it("answers 429 without Retry-After or rate-limit headers", async () => {
    const sandbox = createShiprocketSandbox();
    sandbox.control.faults.set({ rateLimitBurst: 1 });
    const res = await call(
      sandbox,
      "POST",
      "auth/login",
      undefined,
      SHIPROCKET_SANDBOX_CREDENTIALS,
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBeNull();
    expect([...res.headers.keys()].some((key) => key.startsWith("x-ratelimit"))).toBe(false);
  });
});

describe("shiprocket sandbox: scenarios", () => {
  it.each([
    ["delivered", "delivered", "7"],
    ["failed_attempt_then_delivered", "delivered", "7"],
    ["rto", "returned", "10"],
    ["lost", "exception", "12"],
    ["cancelled_before_pickup", "cancelled", "8"],
    ["postponed", "delivered", "7"],
    ["stop_desk", "delivered", "7"],
    ["unknown_code", "delivered", "7"],
  ] as const)("runs %s to %s (last sr-status %s)", async (scenario, status, rawCode) => {
    const sandbox = createShiprocketSandbox();
    sandbox.control.createShipment({ scenario, orderNumber: "WB-9" });
    await sandbox.control.advance(10 * 24 * HOUR);
    const [truth] = sandbox.control.groundTruth();
    expect(truth).toMatchObject({ scenario, status, rawCode, orderNumber: "WB-9" });
    const times = truth?.events.map((event) => event.occurredAt) ?? [];
    expect([...times].sort()).toEqual(times);
  });

  it("includes an NA scan in the unknown_code scenario", async () => {
    const sandbox = createShiprocketSandbox();
    sandbox.control.createShipment({ scenario: "unknown_code" });
    await sandbox.control.advance(3 * HOUR);
    expect(sandbox.control.groundTruth()[0]?.events.map((e) => e.rawCode)).toEqual(["NA"]);
  });
});
