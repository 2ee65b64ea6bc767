import { describe, expect, it } from "vitest";
import {
  deriveOrderStatus,
  foldStatus,
  isTerminal,
  mapRawStatus,
  type StatusMapping,
  shouldAdvance,
  statusRank,
} from "./status-model";
import { SHIPMENT_STATUSES, type ShipmentStatus } from "./statuses";

const s = (status: ShipmentStatus, substatus: string | null = null): StatusMapping => ({
  status,
  substatus,
});

describe("isTerminal", () => {
  it.each<[ShipmentStatus, string | null, boolean]>([
    ["delivered", null, true],
    ["returned", null, true],
    ["cancelled", null, true],
    ["exception", "lost", true],
    ["exception", "destroyed", true],
    ["exception", "disposed", true],
    ["exception", "damaged", false],
    ["exception", null, false],
    ["pending", null, false],
    ["info_received", null, false],
    ["in_transit", null, false],
    ["out_for_delivery", null, false],
    ["failed_attempt", null, false],
    ["available_for_pickup", null, false],
    ["return_to_sender", null, false],
    ["unknown", null, false],
  ])("%s/%s → %s", (status, substatus, expected) => {
    expect(isTerminal(status, substatus)).toBe(expected);
  });
});

describe("statusRank", () => {
  it("ranks every status but unknown, delivered highest", () => {
    for (const status of SHIPMENT_STATUSES) {
      if (status === "unknown") expect(statusRank(status)).toBeNull();
      else expect(statusRank(status)).toBeLessThanOrEqual(statusRank("delivered") as number);
    }
  });
});

describe("shouldAdvance (a newer scan)", () => {
  it.each<[string, StatusMapping, StatusMapping, boolean]>([
    ["unknown never moves", s("in_transit"), s("unknown"), false],
    ["unknown does not move pending either", s("pending"), s("unknown"), false],
    [
      "the same status and substatus is no change",
      s("in_transit", "picked_up"),
      s("in_transit", "picked_up"),
      false,
    ],
    ["a new substatus refines", s("in_transit", "picked_up"), s("in_transit", "delayed"), true],
    ["pending → info_received", s("pending"), s("info_received"), true],
    ["pending → delivered (first scan seen late)", s("pending"), s("delivered"), true],
    ["info_received → in_transit", s("info_received"), s("in_transit"), true],
    ["in_transit → info_received goes backwards", s("in_transit"), s("info_received"), false],
    ["in_transit → pending goes backwards", s("in_transit"), s("pending"), false],
    ["in_transit → out_for_delivery", s("in_transit"), s("out_for_delivery"), true],
    ["out_for_delivery → failed_attempt", s("out_for_delivery"), s("failed_attempt"), true],
    [
      "failed_attempt → out_for_delivery (re-attempt)",
      s("failed_attempt"),
      s("out_for_delivery"),
      true,
    ],
    ["failed_attempt → in_transit (back to hub)", s("failed_attempt"), s("in_transit"), true],
    ["out_for_delivery → in_transit", s("out_for_delivery"), s("in_transit"), true],
    [
      "in_transit → available_for_pickup (stop desk)",
      s("in_transit"),
      s("available_for_pickup"),
      true,
    ],
    ["failed_attempt → return_to_sender (RTO)", s("failed_attempt"), s("return_to_sender"), true],
    ["return_to_sender → in_transit goes backwards", s("return_to_sender"), s("in_transit"), false],
    ["return_to_sender → returned", s("return_to_sender"), s("returned"), true],
    ["exception → in_transit (found again)", s("exception", "misrouted"), s("in_transit"), true],
    [
      "exception → info_received (any non-terminal)",
      s("exception", "pickup_exception"),
      s("info_received"),
      true,
    ],
    ["exception → delivered", s("exception", "damaged"), s("delivered"), true],
    ["in_transit → exception", s("in_transit"), s("exception", "damaged"), true],
    [
      "return_to_sender → exception goes backwards",
      s("return_to_sender"),
      s("exception", "damaged"),
      false,
    ],
    [
      "return_to_sender → lost (lost on the return leg)",
      s("return_to_sender"),
      s("exception", "lost"),
      true,
    ],
    ["lost → in_transit goes backwards", s("exception", "lost"), s("in_transit"), false],
    ["lost → delivered (found and delivered)", s("exception", "lost"), s("delivered"), true],
    [
      "lost → destroyed (terminal to terminal)",
      s("exception", "lost"),
      s("exception", "destroyed"),
      true,
    ],
    ["delivered is never left by a carrier scan", s("delivered"), s("return_to_sender"), false],
    ["delivered → in_transit", s("delivered"), s("in_transit"), false],
    ["delivered → lost", s("delivered"), s("exception", "lost"), false],
    ["cancelled → return_to_sender (Maystro 50 → 51)", s("cancelled"), s("return_to_sender"), true],
    ["cancelled → returned (Maystro 50 → 52)", s("cancelled"), s("returned"), true],
    ["cancelled → in_transit", s("cancelled"), s("in_transit"), false],
    ["cancelled → delivered", s("cancelled"), s("delivered"), false],
    ["returned → cancelled", s("returned"), s("cancelled"), false],
    ["returned → delivered", s("returned"), s("delivered"), true],
  ])("%s", (_name, current, next, expected) => {
    expect(shouldAdvance(current, next)).toBe(expected);
  });
});

describe("foldStatus", () => {
  const scan = (status: ShipmentStatus, iso: string, substatus: string | null = null) => ({
    status,
    substatus,
    occurredAt: new Date(iso),
  });

  it("applies scans in carrier time whatever the arrival order", () => {
    const scans = [
      scan("delivered", "2026-01-07T10:00:00Z"),
      scan("in_transit", "2026-01-05T10:00:00Z", "picked_up"),
      scan("out_for_delivery", "2026-01-07T08:00:00Z"),
    ];
    const { current, setBy } = foldStatus(s("pending"), scans);
    expect(current).toEqual(s("delivered"));
    expect(setBy).toBe(scans[0]);
  });

  it("keeps the status when the only newer scan is unknown", () => {
    const { current, setBy } = foldStatus(s("in_transit"), [
      scan("unknown", "2026-01-07T10:00:00Z"),
    ]);
    expect(current).toEqual(s("in_transit"));
    expect(setBy).toBeNull();
  });

  it("follows a Maystro cancel that turns into a return", () => {
    const { current } = foldStatus(s("pending"), [
      scan("cancelled", "2026-01-06T10:00:00Z"),
      scan("return_to_sender", "2026-01-06T12:00:00Z"),
      scan("returned", "2026-01-08T12:00:00Z"),
    ]);
    expect(current).toEqual(s("returned"));
  });
});

describe("deriveOrderStatus", () => {
  it.each<[ShipmentStatus, string]>([
    ["pending", "processing"],
    ["info_received", "processing"],
    ["in_transit", "shipped"],
    ["out_for_delivery", "out_for_delivery"],
    ["failed_attempt", "out_for_delivery"],
    ["available_for_pickup", "out_for_delivery"],
    ["delivered", "delivered"],
    ["exception", "shipped"],
    ["return_to_sender", "shipped"],
    ["returned", "returned"],
    ["cancelled", "cancelled"],
    ["unknown", "processing"],
  ])("%s → %s", (shipmentStatus, orderStatus) => {
    expect(deriveOrderStatus(shipmentStatus)).toBe(orderStatus);
  });
});

describe("mapRawStatus", () => {
  const table: Record<string, StatusMapping> = {
    "7": s("delivered"),
    "21": s("failed_attempt", "undelivered"),
    SDELVD: s("delivered"),
    "16": s("unknown", "cancellation_requested"),
  };

  function withLogger() {
    const warnings: Array<{ message: string; context?: Record<string, unknown> }> = [];
    return {
      warnings,
      logger: {
        warn: (message: string, context?: Record<string, unknown>) =>
          warnings.push({ message, context }),
      },
    };
  }

  it.each<[string | number, StatusMapping]>([
    [7, s("delivered")],
    ["7", s("delivered")],
    [" 21 ", s("failed_attempt", "undelivered")],
    ["SDELVD", s("delivered")],
  ])("maps %j exactly", (code, expected) => {
    const { warnings, logger } = withLogger();
    expect(mapRawStatus(table, code, { carrier: "shiprocket", logger })).toEqual(expected);
    expect(warnings).toHaveLength(0);
  });

  it("maps a known no-change code to unknown without a warning", () => {
    const { warnings, logger } = withLogger();
    expect(mapRawStatus(table, 16, { carrier: "shiprocket", logger })).toEqual(
      s("unknown", "cancellation_requested"),
    );
    expect(warnings).toHaveLength(0);
  });

  it.each<[string | number | null | undefined]>([
    [99],
    ["UNDELIVERED"],
    ["constructor"],
    ["toString"],
    [null],
    [undefined],
    [""],
  ])("turns %j into unknown and warns", (code) => {
    const { warnings, logger } = withLogger();
    expect(
      mapRawStatus(table, code, { carrier: "sequel247", logger, rawLabel: "Some label" }),
    ).toEqual(s("unknown"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.context).toMatchObject({ carrier: "sequel247", rawLabel: "Some label" });
  });

  it("returns a fresh object each time so callers cannot corrupt the table", () => {
    const first = mapRawStatus(table, 21, { carrier: "shiprocket" });
    first.substatus = "changed";
    expect(mapRawStatus(table, 21, { carrier: "shiprocket" })).toEqual(
      s("failed_attempt", "undelivered"),
    );
  });
});
