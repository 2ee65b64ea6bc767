import { afterEach, describe, expect, it } from "vitest";
import { answer, type LocalServer, startLocalServer } from "../testing/local-server";
import { createSequel247Client } from "./client";
import cancelAfterPickup from "./fixtures/cancel-after-pickup.json";
import createInvalid from "./fixtures/create-shipment-invalid.json";
import invalidToken from "./fixtures/invalid-token.json";
import trackDelivered from "./fixtures/track-delivered.json";
import unknownDocket from "./fixtures/track-unknown-docket.json";

const TOKEN = "5a9d0c3e7b1f4a2d8c6e0b9f3a7d1c5e";
let server: LocalServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client against a local server that always gives the same answer. */
async function clientAnswering(status: number, body: unknown) {
  server = await startLocalServer((_req, res) => answer(res, status, body));
  return { client: createSequel247Client({ token: TOKEN, baseUrl: server.url }), server };
}

describe("sequel247 client", () => {
  it("posts the token inside the JSON body to /api/track", async () => {
    const { client, server } = await clientAnswering(200, trackDelivered);
    const data = await client.track("0581094993");
    expect(data.shipment_status).toBe("SDELVD");
    expect(server.requests[0]).toMatchObject({ method: "POST", url: "/api/track" });
    expect(server.requests[0]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual({
      token: TOKEN,
      docket: "0581094993",
    });
  });

  it("treats 'invalid token' as AUTH_FAILED even when it comes with HTTP 200", async () => {
    const { client } = await clientAnswering(200, invalidToken);
    await expect(client.track("0581094993")).rejects.toMatchObject({ code: "AUTH_FAILED" });
  });

  it("reads code 103 as NOT_FOUND whatever the 4xx status", async () => {
    const { client } = await clientAnswering(400, unknownDocket);
    await expect(client.track("0000000001")).rejects.toMatchObject({
      code: "NOT_FOUND",
      status: 400,
      message: "Docket number does not exist",
    });
  });

  it("reads a validation failure as REJECTED with the carrier's field errors", async () => {
    const { client } = await clientAnswering(422, createInvalid);
    const booking = client.createShipment({} as Parameters<typeof client.createShipment>[0]);
    await expect(booking).rejects.toMatchObject({
      code: "REJECTED",
      status: 422,
      details: { fromStoreCode: "Invalid store code" },
    });
  });

  it("reads a string 'false' inside a 200 as REJECTED in the carrier's words", async () => {
    const { client } = await clientAnswering(200, cancelAfterPickup);
    await expect(client.cancel("0581094993", "changed mind")).rejects.toMatchObject({
      code: "REJECTED",
      status: 200,
      message: "Shipment already picked up, cannot be cancelled",
    });
  });

  it("calls a 4xx without a JSON body INVALID_RESPONSE rather than guessing", async () => {
    const { client } = await clientAnswering(404, "<html>Not Found</html>");
    await expect(client.track("0581094993")).rejects.toMatchObject({
      code: "INVALID_RESPONSE",
      status: 404,
    });
  });

  it("does not treat a non-serviceable pin as a failed call", async () => {
    const { client } = await clientAnswering(200, {
      status: false,
      message: "Pincode not serviceable",
    });
    expect(await client.checkServiceability("999999")).toMatchObject({ status: false });
  });
});
