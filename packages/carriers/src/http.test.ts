import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { CarrierError } from "./errors";
import {
  createHttpClient,
  type HttpClientOptions,
  parseCarrierResponse,
  parseRetryAfter,
} from "./http";
import { answer, type LocalServer, startLocalServer } from "./testing/local-server";

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startLocalServer>[0]): Promise<LocalServer> {
  const server = await startLocalServer(handler);
  servers.push(server);
  return server;
}

/** A client whose waits are recorded instead of slept, so no test depends on wall-clock time. */
function clientFor(server: LocalServer, options: Partial<HttpClientOptions> = {}) {
  const sleeps: number[] = [];
  const attempts: Array<{ attempt: number; status?: number; error?: string }> = [];
  const client = createHttpClient({
    carrier: "shiprocket",
    baseUrl: `${server.url}/v1/external`,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onAttempt: ({ attempt, status, error }) => attempts.push({ attempt, status, error }),
    ...options,
  });
  return { client, sleeps, attempts };
}

async function caught(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CarrierError);
  return error as CarrierError;
}

describe("createHttpClient: requests", () => {
  it("joins base URL and path, encodes the query, sends JSON with headers", async () => {
    const server = await serve((_req, res) => answer(res, 200, { ok: true }));
    const { client } = clientFor(server);
    const response = await client.send({
      method: "POST",
      path: "/courier/track/awbs",
      query: { channel_id: 42, search: "WB 1", skip: undefined },
      headers: { authorization: "Bearer secret-token" },
      json: { awbs: ["141123221084922"] },
    });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ ok: true });
    const [seen] = server.requests;
    expect(seen?.method).toBe("POST");
    expect(seen?.url).toBe("/v1/external/courier/track/awbs?channel_id=42&search=WB+1");
    expect(seen?.headers["content-type"]).toBe("application/json");
    expect(seen?.headers.authorization).toBe("Bearer secret-token");
    expect(JSON.parse(seen?.body ?? "")).toEqual({ awbs: ["141123221084922"] });
  });

  it("keeps the text and gives json undefined when the body is empty or not JSON", async () => {
    const server = await serve((_req, res, index) =>
      index === 0 ? answer(res, 200, "<html>maintenance</html>") : answer(res, 204, ""),
    );
    const { client } = clientFor(server);
    const html = await client.send({ method: "GET", path: "orders" });
    expect(html.text).toBe("<html>maintenance</html>");
    expect(html.json).toBeUndefined();
    const empty = await client.send({ method: "DELETE", path: "orders/1" });
    expect(empty.status).toBe(204);
    expect(empty.json).toBeUndefined();
  });
});

describe("createHttpClient: retries", () => {
  it("retries a 429 and honours Retry-After seconds before succeeding", async () => {
    const server = await serve((_req, res, index) =>
      index === 0
        ? answer(res, 429, { message: "Too Many Attempts." }, { "retry-after": "2" })
        : answer(res, 200, { token: "t" }),
    );
    const { client, sleeps, attempts } = clientFor(server);
    const response = await client.send({ method: "POST", path: "auth/login", json: {} });
    expect(response.status).toBe(200);
    expect(sleeps).toEqual([2000]);
    expect(attempts.map((a) => a.status)).toEqual([429, 200]);
  });

  it("honours a Retry-After HTTP-date against the injected clock", async () => {
    const now = Date.UTC(2026, 0, 5, 4, 30, 0);
    const server = await serve((_req, res, index) =>
      index === 0
        ? answer(res, 429, {}, { "retry-after": new Date(now + 3000).toUTCString() })
        : answer(res, 200, {}),
    );
    const { client, sleeps } = clientFor(server, { now: () => now });
    await client.send({ method: "GET", path: "orders" });
    expect(sleeps).toEqual([3000]);
  });

  it("gives up on a 429 storm with RATE_LIMITED after bounded attempts, backing off with jitter", async () => {
    const server = await serve((_req, res) => answer(res, 429, { message: "rate limit" }));
    const { client, sleeps } = clientFor(server, { backoffBaseMs: 100, maxRetries: 3 });
    const error = await caught(client.send({ method: "GET", path: "orders" }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBeUndefined();
    expect(server.requests).toHaveLength(4);
    // random() = 0.5 of min(cap, 100 * 2 ** attempt)
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it("does not sit out a Retry-After longer than the backoff cap: RATE_LIMITED at once with retryAfterMs", async () => {
    const server = await serve((_req, res) => answer(res, 429, {}, { "retry-after": "3600" }));
    const { client, sleeps } = clientFor(server);
    const error = await caught(client.send({ method: "GET", path: "orders" }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("throws UNAVAILABLE after a 5xx storm, with the backoff capped", async () => {
    const server = await serve((_req, res) =>
      answer(res, 503, { message: "Trying to get property of non-object", status_code: 503 }),
    );
    const { client, sleeps, attempts } = clientFor(server, {
      backoffBaseMs: 250,
      backoffMaxMs: 600,
    });
    const error = await caught(client.send({ method: "GET", path: "orders" }));
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.status).toBe(503);
    expect(error.carrier).toBe("shiprocket");
    expect(attempts.map((a) => a.attempt)).toEqual([0, 1, 2, 3]);
    expect(sleeps).toEqual([125, 250, 300]);
  });

  it("honours Retry-After on a 503 as well", async () => {
    const server = await serve((_req, res, index) =>
      index === 0 ? answer(res, 503, "maintenance", { "retry-after": "4" }) : answer(res, 200, {}),
    );
    const { client, sleeps } = clientFor(server);
    expect((await client.send({ method: "GET", path: "orders" })).status).toBe(200);
    expect(sleeps).toEqual([4000]);
  });

  it("recovers when a 5xx is followed by a success", async () => {
    const server = await serve((_req, res, index) =>
      index < 2 ? answer(res, 502, "Bad Gateway") : answer(res, 200, { data: 1 }),
    );
    const { client } = clientFor(server);
    const response = await client.send({ method: "GET", path: "orders" });
    expect(response.json).toEqual({ data: 1 });
    expect(server.requests).toHaveLength(3);
  });

  it("times out a request that never answers and throws UNAVAILABLE", async () => {
    const server = await serve(() => {
      // Never answer: the client must give up on its own.
    });
    const { client, attempts } = clientFor(server, { timeoutMs: 50, maxRetries: 1 });
    const error = await caught(client.send({ method: "GET", path: "orders" }));
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toMatch(/timeout after 50 ms/);
    expect(attempts.map((a) => a.error)).toEqual(["timeout after 50 ms", "timeout after 50 ms"]);
  });

  it("throws UNAVAILABLE when nothing listens", async () => {
    const server = await serve((_req, res) => answer(res, 200, {}));
    const url = server.url;
    await servers.splice(0)[0]?.close();
    const client = createHttpClient({
      carrier: "maystro",
      baseUrl: url,
      maxRetries: 1,
      sleep: async () => {},
    });
    const error = await caught(client.send({ method: "GET", path: "api/stores/orders/" }));
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.status).toBeUndefined();
  });

  it.each([400, 401, 403, 404, 422])("returns a %i at once without retrying", async (status) => {
    const server = await serve((_req, res) =>
      answer(res, status, { message: "nope", status_code: status }),
    );
    const { client, sleeps } = clientFor(server);
    const response = await client.send({ method: "GET", path: "orders/show/1" });
    expect(response.status).toBe(status);
    expect(response.json).toEqual({ message: "nope", status_code: status });
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("never logs headers, query or body", async () => {
    const server = await serve((_req, res, index) =>
      index === 0 ? answer(res, 500, {}) : answer(res, 200, {}),
    );
    const logged: string[] = [];
    const { client } = clientFor(server, {
      logger: { warn: (message, context) => logged.push(message + JSON.stringify(context)) },
    });
    await client.send({
      method: "POST",
      path: "api/track",
      query: { token: "query-secret" },
      headers: { authorization: "Token header-secret" },
      json: { token: "body-secret" },
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("api/track");
    expect(logged[0]).not.toMatch(/secret/);
  });

  it("stops at once when the caller aborts", async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const { client, attempts } = clientFor(server, { timeoutMs: 5_000 });
    const pending = client.send({ method: "GET", path: "orders", signal: controller.signal });
    controller.abort(new Error("shutting down"));
    await expect(pending).rejects.toThrow("shutting down");
    expect(attempts).toHaveLength(0);
  });
});

describe("createHttpClient: token bucket", () => {
  it("lets a burst of `capacity` through, then waits for refills (never fails)", async () => {
    const server = await serve((_req, res) => answer(res, 200, {}));
    let now = 1_000_000;
    const { client, sleeps } = clientFor(server, {
      now: () => now,
      rateLimit: { capacity: 2, refillPerSecond: 4 },
    });
    for (let i = 0; i < 4; i++) await client.send({ method: "GET", path: `track/${i}` });
    // Tokens are reserved ahead: the 3rd waits one refill (250 ms), the 4th two.
    expect(sleeps).toEqual([250, 500]);
    expect(server.requests).toHaveLength(4);

    now += 10_000; // a long quiet spell refills to capacity, not beyond
    sleeps.length = 0;
    for (let i = 0; i < 3; i++) await client.send({ method: "GET", path: "track/x" });
    expect(sleeps).toEqual([250]);
  });
});

describe("parseCarrierResponse", () => {
  const trackingSchema = z.object({
    tracking_data: z.object({
      shipment_track: z.array(z.object({ awb_code: z.string() })),
    }),
  });

  it("returns the parsed value when the shape matches", () => {
    const value = {
      tracking_data: { shipment_track: [{ awb_code: "141123221084922", extra: 1 }] },
    };
    expect(parseCarrierResponse("shiprocket", trackingSchema, value, "tracking")).toEqual({
      tracking_data: { shipment_track: [{ awb_code: "141123221084922" }] },
    });
  });

  it("throws INVALID_RESPONSE naming the offending path", () => {
    const value = { tracking_data: { shipment_track: [{ awb_code: 141123221084922 }] } };
    let error: unknown;
    try {
      parseCarrierResponse("shiprocket", trackingSchema, value, "tracking");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CarrierError);
    const carrierError = error as CarrierError;
    expect(carrierError.code).toBe("INVALID_RESPONSE");
    expect(carrierError.message).toContain(
      "tracking_data.shipment_track[0].awb_code: expected string",
    );
    expect(carrierError.details).toEqual([
      { path: "tracking_data.shipment_track[0].awb_code", message: "expected string" },
    ]);
  });

  it("reports a body that was not JSON at all as the root", async () => {
    const server = await serve((_req, res) => answer(res, 200, '{"tracking_data": {"shipm'));
    const { client } = clientFor(server);
    const response = await client.send({ method: "GET", path: "courier/track/awb/1" });
    expect(() =>
      parseCarrierResponse("shiprocket", trackingSchema, response.json, "tracking"),
    ).toThrow(/\(root\): expected object/);
  });
});

describe("parseRetryAfter", () => {
  it.each([
    ["5", 5000],
    ["0", 0],
    ["1.5", 1500],
    ["Mon, 05 Jan 2026 04:30:10 GMT", 10_000],
    ["Mon, 05 Jan 2026 04:29:00 GMT", 0],
    ["soon", undefined],
    [null, undefined],
  ])("reads %s", (value, expected) => {
    expect(parseRetryAfter(value, Date.UTC(2026, 0, 5, 4, 30, 0))).toBe(expected);
  });
});
