import { describe, expect, it } from "vitest";
import { createShiprocketAdapter } from "./adapter";
import current from "./fixtures/webhook-current.json";
import legacy from "./fixtures/webhook-legacy.json";

const SECRET = "wbk_7f3a9c2e1d";

function adapter(webhookSecret = SECRET) {
  return createShiprocketAdapter({
    id: "acc_1",
    carrier: "shiprocket",
    credentials: { email: "api-user@example.com", password: "secret" },
    webhookSecret,
  });
}

function updatesOf(result: ReturnType<ReturnType<typeof adapter>["parseWebhook"]>) {
  if (!result.ok || result.kind !== "updates")
    throw new Error(`expected updates, got ${JSON.stringify(result)}`);
  return result.updates;
}

const auth = { "x-api-key": SECRET, "content-type": "application/json" };

describe("shiprocket parseWebhook: authentication", () => {
  it.each([
    ["a wrong token of the same length", { "x-api-key": "wbk_7f3a9c2e1X" }],
    ["a shorter token", { "x-api-key": "wbk_7f3a" }],
    ["a longer token", { "x-api-key": `${SECRET}0` }],
    ["no token", {}],
  ])("rejects %s as UNAUTHORIZED", (_, headers) => {
    expect(adapter().parseWebhook(headers, JSON.stringify(current))).toMatchObject({
      ok: false,
      reason: "UNAUTHORIZED",
    });
  });

  it("reads the header case-insensitively", () => {
    expect(adapter().parseWebhook({ "X-Api-Key": SECRET }, JSON.stringify(current))).toMatchObject({
      ok: true,
    });
  });

  it("rejects everything when the account has no secret configured", () => {
    expect(adapter("").parseWebhook({ "x-api-key": "" }, "{}")).toMatchObject({
      ok: false,
      reason: "UNAUTHORIZED",
    });
  });
});

describe("shiprocket parseWebhook: bodies", () => {
  it.each([
    ["an empty body", ""],
    ["an empty object", "{}"],
    ["a test body without awb", '{"test":"webhook","message":"Webhook validation"}'],
  ])("answers %s as a ping", (_, body) => {
    expect(adapter().parseWebhook(auth, body)).toEqual({ ok: true, kind: "ping" });
  });

  it.each([
    ["invalid JSON", '{"awb": "1904'],
    ["a JSON array", "[]"],
    ["a scan without a date", JSON.stringify({ ...current, scans: [{ activity: "x" }] })],
  ])("answers %s as MALFORMED", (_, body) => {
    expect(adapter().parseWebhook(auth, body)).toMatchObject({ ok: false, reason: "MALFORMED" });
  });

  it("parses the current payload: scans by sr-status, IST times to UTC, our order id and Shiprocket's", () => {
    const [update] = updatesOf(adapter().parseWebhook(auth, JSON.stringify(current)));
    expect(update).toMatchObject({
      carrier: "shiprocket",
      trackingNumber: "19041424751540",
      courierName: "Delhivery Surface",
      trackingUrl: null,
      ref: {
        trackingNumber: "19041424751540",
        orderNumber: "1373900_150876814",
        carrierOrderId: "348456385",
      },
    });
    expect(update?.estimatedDelivery?.toISOString()).toBe("2023-05-23T10:10:19.000Z");
    expect(
      update?.scans.map((scan) => [
        scan.occurredAt.toISOString(),
        scan.rawCode,
        scan.status,
        scan.substatus,
      ]),
    ).toEqual([
      ["2023-05-19T06:29:16.000Z", "5", "info_received", "manifest"],
      ["2023-05-19T10:02:17.000Z", "42", "in_transit", "picked_up"],
      ["2023-05-20T03:42:40.000Z", "18", "in_transit", null],
    ]);
    expect(update?.scans[1]).toMatchObject({
      rawLabel: "PICKED UP",
      description: "In Transit - Shipment picked up",
      location: "Chomu_SamodRd_D (Rajasthan)",
    });
  });

  it("sorts scans by carrier time whatever the wire order", () => {
    const shuffled = { ...current, scans: [current.scans[2], current.scans[0], current.scans[1]] };
    const [update] = updatesOf(adapter().parseWebhook(auth, JSON.stringify(shuffled)));
    expect(update?.scans.map((scan) => scan.rawCode)).toEqual(["5", "42", "18"]);
  });

  it("parses the legacy payload: numeric awb, newest-first label scans, status code on the newest only", () => {
    const [update] = updatesOf(adapter().parseWebhook(auth, JSON.stringify(legacy)));
    expect(update).toMatchObject({
      trackingNumber: "59629792084",
      ref: {
        trackingNumber: "59629792084",
        orderNumber: "WB-2021-000042",
        carrierOrderId: "13905312",
      },
    });
    expect(
      update?.scans.map((scan) => [scan.occurredAt.toISOString(), scan.rawCode, scan.status]),
    ).toEqual([
      // "UNDELIVERED" contains "DELIVERED": labels are never mapped, the row stays unknown.
      ["2021-06-30T12:50:03.000Z", "UNDELIVERED - CONSIGNEE NOT AVAILABLE", "unknown"],
      ["2021-07-02T03:35:12.000Z", "OUT FOR DELIVERY", "unknown"],
      ["2021-07-02T11:11:59.000Z", "7", "delivered"],
    ]);
    expect(update?.scans[2]).toMatchObject({
      rawLabel: "Delivered",
      description: "SHIPMENT DELIVERED",
      location: "PATIALA",
    });
  });

  it("keeps an sr-status NA scan as unknown with the courier's own code", () => {
    const body = {
      ...current,
      scans: [
        ...current.scans,
        {
          ...current.scans[0],
          date: "2023-05-21 08:00:00",
          status: "X-IBD3F",
          "sr-status": "NA",
          "sr-status-label": "NA",
        },
      ],
    };
    const [update] = updatesOf(adapter().parseWebhook(auth, JSON.stringify(body)));
    expect(update?.scans.at(-1)).toMatchObject({
      rawCode: "X-IBD3F",
      status: "unknown",
      substatus: null,
      rawLabel: null,
    });
  });

  it("maps cancellation requested (16) to unknown with a substatus, so the status stays put", () => {
    const body = {
      ...current,
      shipment_status_id: 16,
      scans: [
        { ...current.scans[0], "sr-status": "16", "sr-status-label": "CANCELLATION REQUESTED" },
      ],
    };
    const [update] = updatesOf(adapter().parseWebhook(auth, JSON.stringify(body)));
    expect(update?.scans[0]).toMatchObject({
      status: "unknown",
      substatus: "cancellation_requested",
      rawCode: "16",
    });
  });

  it("builds one scan from the status fields when a payload has no scan rows", () => {
    const body = { ...current, scans: [], shipment_status: "AWB ASSIGNED", shipment_status_id: 1 };
    const [update] = updatesOf(adapter().parseWebhook(auth, JSON.stringify(body)));
    expect(update?.scans).toEqual([
      {
        occurredAt: new Date("2023-05-23T06:13:52.000Z"),
        status: "info_received",
        substatus: "awb_assigned",
        rawCode: "1",
        rawLabel: "AWB ASSIGNED",
        location: null,
        description: "IN TRANSIT",
      },
    ]);
  });

  it("leaves absent fields null rather than inventing them", () => {
    const { courier_name: _, etd: __, ...bare } = current;
    const [update] = updatesOf(adapter().parseWebhook(auth, JSON.stringify(bare)));
    expect(update).toMatchObject({ courierName: null, estimatedDelivery: null, trackingUrl: null });
  });
});
