import { describe, expect, it } from "vitest";
import type { ScenarioName } from "../sandbox/kit";
import type { ShipmentStatus } from "../statuses";
import { createSequel247Sandbox, SEQUEL247_SANDBOX_TOKEN, type Sequel247Sandbox } from "./sandbox";

const HOUR = 3_600_000;
const TOKEN = SEQUEL247_SANDBOX_TOKEN;

async function post(sandbox: Sequel247Sandbox, path: string, body: Record<string, unknown>) {
  const response = await sandbox.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  // Assertions walk the wire JSON freely; toEqual/toMatchObject do the checking.
  // biome-ignore lint/suspicious/noExplicitAny: untyped wire JSON under test
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const BOOKING = {
  token: TOKEN,
  location: "domestic",
  shipmentType: "D&J",
  serviceType: "valuable",
  pickUpDate: "Tomorrow",
  pickUpTime: "16:00-17:00",
  fromStoreCode: "BLRAK",
  toAddress: {
    consignee_name: "Meera Iyer",
    address_line1: "Flat 12B, Lotus Residency",
    pinCode: "110001",
    auth_receiver_name: "Meera Iyer",
    auth_receiver_phone: "9845012345",
    auth_receiver_email: "meera@example.com",
  },
  net_weight: "20",
  gross_weight: "70",
  net_value: "45000",
  codValue: "0",
  no_of_packages: "1",
  boxes: [{ box_number: "BOX-1", length: "15", breadth: "10", height: "8", gross_weight: "70" }],
  invoice: ["INV-123"],
};

describe("sequel247 sandbox wire format", () => {
  it("refuses a wrong token with 401 and the string flag", async () => {
    const sandbox = createSequel247Sandbox();
    for (const path of ["/api/track", "/api/checkServiceability", "/api/shipment/create"]) {
      expect(await post(sandbox, path, { token: "0".repeat(32), docket: "0581094993" })).toEqual({
        status: 401,
        body: { status: "false", message: "invalid token" },
      });
    }
  });

  it("answers every token as invalid while the tokenExpired fault is on", async () => {
    const sandbox = createSequel247Sandbox();
    sandbox.control.faults.set({ tokenExpired: true });
    const answer = await post(sandbox, "/api/checkServiceability", {
      token: TOKEN,
      pin_code: "560001",
    });
    expect(answer.status).toBe(401);
  });

  it("books a shipment with a fresh 10-digit docket and a boolean flag", async () => {
    const sandbox = createSequel247Sandbox();
    const first = await post(sandbox, "/api/shipment/create", BOOKING);
    const second = await post(sandbox, "/api/shipment/create", BOOKING);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe(true);
    expect(first.body.data).toMatchObject({
      docketNumber: expect.stringMatching(/^\d{10}$/),
      brn: expect.any(String),
      sender_store_code: "BLRAK",
      total_gross_weight: "70",
      // Booked 2026-01-05 10:00 IST: three days later at 18:00 IST.
      estimated_delivery: "08-01-2026 18:00",
      docket_print: expect.stringContaining(first.body.data.docketNumber),
    });
    expect(second.body.data.docketNumber).not.toBe(first.body.data.docketNumber);
  });

  it("refuses an invalid booking with field errors", async () => {
    const sandbox = createSequel247Sandbox();
    const answer = await post(sandbox, "/api/shipment/create", {
      ...BOOKING,
      net_weight: 20,
      toAddress: { ...BOOKING.toAddress, auth_receiver_phone: "12345" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: "false", code: 101 });
    expect(Object.keys(answer.body.errorInfo)).toEqual(
      expect.arrayContaining(["net_weight", "toAddress.auth_receiver_phone"]),
    );
  });

  it("tracks with the string flag, IST times and the configured order", async () => {
    const sandbox = createSequel247Sandbox();
    sandbox.control.createShipment({ scenario: "delivered", trackingNumber: "0581094993" });
    await sandbox.control.advance(10 * HOUR);

    const newest = await post(sandbox, "/api/track", { token: TOKEN, docket: "0581094993" });
    expect(newest.body.status).toBe("true");
    expect(newest.body.data.shipment_status).toBe("SCHKINORIGN");
    expect(newest.body.data.tracking).toEqual([
      {
        code: "SCHKINORIGN",
        description: "Checked in at origin hub",
        location: "BANGALORE",
        date_time: "2026-01-05 19:00:00",
      },
      {
        code: "SPU",
        description: "Picked up by sequel staff",
        location: "BANGALORE",
        date_time: "2026-01-05 16:00:00",
      },
      {
        code: "SCREATED",
        description: "Shipment created",
        location: null,
        date_time: "2026-01-05 10:00:00",
      },
    ]);

    sandbox.settings.trackingOrder = "oldest_first";
    const oldest = await post(sandbox, "/api/track", { token: TOKEN, docket: "0581094993" });
    expect(oldest.body.data.tracking.map((scan: { code: string }) => scan.code)).toEqual([
      "SCREATED",
      "SPU",
      "SCHKINORIGN",
    ]);
  });

  it("answers an unknown docket with an HTTP error and code 103", async () => {
    const sandbox = createSequel247Sandbox();
    const answer = await post(sandbox, "/api/track", { token: TOKEN, docket: "0000000001" });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ status: false, code: 103 });
  });

  it("reports trackMultiple per docket inside a 200, with PHP's [] for empty maps", async () => {
    const sandbox = createSequel247Sandbox();
    sandbox.control.createShipment({ scenario: "delivered", trackingNumber: "0581094993" });

    const mixed = await post(sandbox, "/api/trackMultiple", {
      token: TOKEN,
      dockets: ["0581094993", "0000000001"],
    });
    expect(mixed.status).toBe(200);
    expect(mixed.body.status).toBe("true");
    expect(Object.keys(mixed.body.successShipments)).toEqual(["0581094993"]);
    expect(mixed.body.errorShipments).toEqual({
      "0000000001": { docketNo: "No Tracking Information found" },
    });

    const allFound = await post(sandbox, "/api/trackMultiple", {
      token: TOKEN,
      dockets: ["0581094993"],
    });
    expect(allFound.body.errorShipments).toEqual([]);

    sandbox.settings.trackMultipleShape = "array";
    const asArray = await post(sandbox, "/api/trackMultiple", {
      token: TOKEN,
      dockets: ["0581094993"],
    });
    expect(asArray.body.data.map((entry: { docket_no: string }) => entry.docket_no)).toEqual([
      "0581094993",
    ]);
  });

  it("cancels only before pickup, and only once", async () => {
    const sandbox = createSequel247Sandbox();
    sandbox.control.createShipment({ scenario: "delivered", trackingNumber: "0581094993" });
    sandbox.control.createShipment({ scenario: "delivered", trackingNumber: "0581094994" });
    await sandbox.control.advance(HOUR);

    const cancel = (docket: string) =>
      post(sandbox, "/api/cancel", { token: TOKEN, docket, cancelReason: "Order cancelled" });
    expect((await cancel("0581094993")).body).toEqual({
      status: "true",
      message: "Shipment cancelled successfully",
      data: { docket_number: "0581094993", cancelled: true },
    });
    expect((await cancel("0581094993")).body).toMatchObject({ status: "false" });

    await sandbox.control.advance(6 * HOUR);
    const late = await cancel("0581094994");
    expect(late).toMatchObject({ status: 200, body: { status: "false" } });

    // The cancelled shipment stays cancelled: the rest of its scenario was dropped.
    await sandbox.control.advance(100 * HOUR);
    const truth = sandbox.control.groundTruth();
    expect(truth.map((s) => [s.trackingNumber, s.status])).toEqual([
      ["0581094993", "cancelled"],
      ["0581094994", "delivered"],
    ]);
  });

  it("checks serviceability and estimates delivery by postal zone", async () => {
    const sandbox = createSequel247Sandbox();
    const served = await post(sandbox, "/api/checkServiceability", {
      token: TOKEN,
      pin_code: "400001",
    });
    expect(served.body).toMatchObject({ status: true, data: { city: "MUMBAI", hub: "BOM" } });
    const unserved = await post(sandbox, "/api/checkServiceability", {
      token: TOKEN,
      pin_code: "999999",
    });
    expect(unserved).toMatchObject({ status: 200, body: { status: false } });

    const edd = await post(sandbox, "/api/shipment/calculateEDD", {
      token: TOKEN,
      origin_pincode: "560078",
      destination_pincode: "400001",
      pickup_date: "02-03-26",
    });
    expect(edd.body).toEqual({
      status: "true",
      data: { estimated_delivery: "04-03-2026 18:00", estimated_day: "Wednesday" },
    });
  });
});

describe("sequel247 sandbox scenarios", () => {
  const END_STATES: Array<[Exclude<ScenarioName, "stop_desk">, ShipmentStatus, string]> = [
    ["delivered", "delivered", "SDELVD"],
    ["failed_attempt_then_delivered", "delivered", "SDELVD"],
    ["postponed", "delivered", "SDELVD"],
    ["rto", "returned", "SRTODLV"],
    ["lost", "exception", "SINEXCP"],
    ["cancelled_before_pickup", "cancelled", "SCANCELLED"],
    ["unknown_code", "delivered", "SDELVD"],
  ];

  it.each(END_STATES)("runs %s to %s (%s)", async (scenario, status, rawCode) => {
    const sandbox = createSequel247Sandbox();
    const booked = sandbox.control.createShipment({ scenario });
    expect(booked.trackingNumber).toMatch(/^\d{10}$/);
    expect(booked.rawCode).toBe("SCREATED");
    await sandbox.control.advance(30 * 24 * HOUR);
    expect(sandbox.control.groundTruth()[0]).toMatchObject({ status, rawCode });
  });

  it("passes through an exception on a failed attempt before redelivering", async () => {
    const sandbox = createSequel247Sandbox();
    sandbox.control.createShipment({ scenario: "failed_attempt_then_delivered" });
    await sandbox.control.advance(30 * 24 * HOUR);
    const codes = sandbox.control.groundTruth()[0]?.events.map((e) => e.rawCode);
    expect(codes?.slice(-4)).toEqual(["SDELASN", "SINEXCP", "SDELASN", "SDELVD"]);
  });

  it("emits a code no table knows in the unknown_code scenario", async () => {
    const sandbox = createSequel247Sandbox();
    sandbox.control.createShipment({ scenario: "unknown_code", trackingNumber: "0581094993" });
    await sandbox.control.advance(50 * HOUR);
    const [truth] = sandbox.control.groundTruth();
    expect(truth?.rawCode).toBe("SHLDCUST");
    // An unknown code never moves the status: the parcel is still at the destination hub.
    expect(truth?.status).toBe("in_transit");
  });

  it("registers the docket an admin will type, and refuses a malformed or duplicate one", () => {
    const sandbox = createSequel247Sandbox();
    expect(
      sandbox.control.createShipment({ scenario: "delivered", trackingNumber: "0581094993" }),
    ).toMatchObject({ trackingNumber: "0581094993", scenario: "delivered" });
    expect(() =>
      sandbox.control.createShipment({ scenario: "delivered", trackingNumber: "0581094993" }),
    ).toThrow(/already exists/);
    expect(() =>
      sandbox.control.createShipment({ scenario: "delivered", trackingNumber: "58109" }),
    ).toThrow(/10 digits/);
  });

  it("refuses the stop-desk scenario: Sequel247 delivers door to door", () => {
    const sandbox = createSequel247Sandbox();
    expect(() => sandbox.control.createShipment({ scenario: "stop_desk" })).toThrow(/stop-desk/);
  });

  it.each([
    [{ scenario: "stop_desk" }, /stop-desk/],
    [{ scenario: "delivered", trackingNumber: "58109" }, /10 digits/],
    [{ scenario: "delivered", trackingNumber: "0581094993" }, /already exists/],
  ])("answers 400 with the reason when the control route is asked for %j", async (body, reason) => {
    const sandbox = createSequel247Sandbox();
    sandbox.control.createShipment({ scenario: "delivered", trackingNumber: "0581094993" });
    const res = await sandbox.app.request("/__sandbox/shipments", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; message: string };
    expect(answer.error).toBe("invalid_request");
    expect(answer.message).toMatch(reason);
    expect(sandbox.control.groundTruth()).toHaveLength(1);
  });

  it("takes shipments through the /__sandbox control routes and never sends webhooks", async () => {
    const sandbox = createSequel247Sandbox();
    const created = await sandbox.app.request("/__sandbox/shipments", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: "rto", trackingNumber: "0581094993" }),
    });
    expect(created.status).toBe(201);
    await sandbox.app.request("/__sandbox/advance", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ms: 200 * HOUR }),
    });
    const truth = (await (await sandbox.app.request("/__sandbox/truth")).json()) as {
      shipments: Array<{ status: string }>;
    };
    expect(truth.shipments.map((s) => s.status)).toEqual(["returned"]);
    expect(sandbox.control.webhooks.sent).toEqual([]);
  });
});
