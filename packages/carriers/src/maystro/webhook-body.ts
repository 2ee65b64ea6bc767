import { type MaystroWebhookEvent, maystroWebhookEventSchema } from "./schemas";

/**
 * Maystro wraps its webhook JSON in base64, twice per the integrators who cite the official docs,
 * and the carrier of the encoded string varies (carriers.md §3.6): the raw body, `payload`, `data`
 * or a Pub/Sub-style `message.data`. We unwrap whatever arrives until `{event, payload}` appears.
 */
const MAX_BASE64_LAYERS = 2;
// Bounds the unwrapping whatever the input: each step consumes a JSON or base64 layer.
const MAX_STEPS = 8;
const BASE64_PATTERN = /^[A-Za-z0-9+/_-]+={0,2}$/;

export type DecodedWebhookBody =
  | { ok: true; event: MaystroWebhookEvent }
  | { ok: false; message: string };

/** Unwrap a raw Maystro webhook body into its event. Never throws. */
export function decodeMaystroWebhookBody(rawBody: string): DecodedWebhookBody {
  const found = unwrap(rawBody.trim(), MAX_BASE64_LAYERS, 0);
  if (!found.ok) return found;
  const parsed = maystroWebhookEventSchema.safeParse(found.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join(".") : "body";
    return {
      ok: false,
      message: `Maystro webhook event is invalid at ${where}: ${issue?.message}`,
    };
  }
  return { ok: true, event: parsed.data };
}

type Unwrapped = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

function unwrap(value: unknown, base64Left: number, steps: number): Unwrapped {
  if (steps > MAX_STEPS) return { ok: false, message: "Maystro webhook body is nested too deeply" };
  if (typeof value === "string") return unwrapString(value, base64Left, steps);
  if (!isPlainObject(value)) {
    return { ok: false, message: "Maystro webhook body is not a JSON object or encoded string" };
  }
  if ("event" in value && "payload" in value) return { ok: true, value };
  const inner = envelopeContent(value);
  if (inner === undefined) {
    return {
      ok: false,
      message:
        "Maystro webhook body has neither {event, payload} nor a payload/data/message.data string",
    };
  }
  return unwrap(inner, base64Left, steps + 1);
}

function unwrapString(text: string, base64Left: number, steps: number): Unwrapped {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: "Maystro webhook body is empty" };
  const json = tryParseJson(trimmed);
  if (json.ok) return unwrap(json.value, base64Left, steps + 1);
  if (!BASE64_PATTERN.test(trimmed)) {
    return { ok: false, message: "Maystro webhook body is neither JSON nor base64" };
  }
  if (base64Left === 0) {
    return {
      ok: false,
      message: `Maystro webhook body is still encoded after ${MAX_BASE64_LAYERS} base64 layers`,
    };
  }
  const decoded = decodeBase64Text(trimmed);
  if (decoded === null) return { ok: false, message: "Maystro webhook body is not valid base64" };
  return unwrapString(decoded, base64Left - 1, steps + 1);
}

/** The encoded string inside one of the envelopes integrators have seen. */
function envelopeContent(value: Record<string, unknown>): unknown {
  for (const key of ["payload", "data"] as const) {
    if (typeof value[key] === "string") return value[key];
  }
  const message = value.message;
  if (isPlainObject(message) && typeof message.data === "string") return message.data;
  return undefined;
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Decode base64 (standard or URL-safe) to UTF-8 text; null when the bytes are not text. */
function decodeBase64Text(encoded: string): string | null {
  const bytes = Buffer.from(encoded.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (bytes.length === 0) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
