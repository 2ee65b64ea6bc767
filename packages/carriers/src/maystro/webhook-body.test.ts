import { describe, expect, it } from "vitest";
import event from "./fixtures/webhook-event.json";
import { maystroWebhookEventSchema } from "./schemas";
import { decodeMaystroWebhookBody } from "./webhook-body";

const json = JSON.stringify(event);
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const twice = b64(b64(json));
const expected = maystroWebhookEventSchema.parse(event);

describe("decodeMaystroWebhookBody", () => {
  it.each([
    ["the raw double-encoded string", twice],
    ["the raw string with a trailing newline", `${twice}\n`],
    ['{"payload": "<b64(b64)>"}', JSON.stringify({ payload: twice })],
    ['{"data": "<b64(b64)>"}', JSON.stringify({ data: twice })],
    [
      'a Pub/Sub {"message": {"data": …}}',
      JSON.stringify({ message: { data: twice, messageId: "1" }, subscription: "s" }),
    ],
    ["a single base64 layer", b64(json)],
    ["a single layer in payload", JSON.stringify({ payload: b64(json) })],
    ["the plain JSON event", json],
    ["a JSON string holding the encoded event", JSON.stringify(twice)],
    ["URL-safe base64", b64(b64(json)).replace(/\+/g, "-").replace(/\//g, "_")],
  ])("unwraps %s", (_name, body) => {
    expect(decodeMaystroWebhookBody(body)).toEqual({ ok: true, event: expected });
  });

  it("refuses a third base64 layer", () => {
    const result = decodeMaystroWebhookBody(b64(twice));
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringContaining("2 base64 layers"),
    });
  });

  it.each([
    ["an empty body", "", "empty"],
    ["a JSON array", "[1,2]", "not a JSON object"],
    ["an object without event or envelope", '{"hello": "world"}', "neither {event, payload}"],
    ["text that is not base64", "not json at all!", "neither JSON nor base64"],
    [
      "base64 of binary bytes",
      Buffer.from([0xff, 0xfe, 0xfd]).toString("base64"),
      "not valid base64",
    ],
    [
      "an event whose status is missing",
      JSON.stringify({ payload: b64(b64(JSON.stringify({ event: "orderCreated", payload: {} }))) }),
      "payload.status",
    ],
  ])("rejects %s with a clear message", (_name, body, fragment) => {
    const result = decodeMaystroWebhookBody(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(fragment);
  });
});
