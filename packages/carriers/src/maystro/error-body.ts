/**
 * Maystro answers errors in several shapes (carriers.md §3.3): the old backend form
 * `{"status_code": 400, "<field>": "<message>"}`, DRF's `{"<field>": ["<message>"]}`,
 * `{"error": …}`, `{"detail": …}`, and per-order `errors: [codes]` from the newer API.
 */

/** Error 55: same customer name and phone within the last 24 h, even for a different order. */
export const MAYSTRO_DUPLICATE_ERROR_CODE = 55;

/** Per-order error codes (woo-bordereau `map_error_codes`, carriers.md §3.3). */
const ERROR_CODE_MESSAGES: Record<number, string> = {
  10: "price missing or invalid",
  20: "address missing",
  30: "customer name or phone invalid",
  40: "wilaya or commune missing or unknown",
  45: "delivery type not available for that commune",
  50: "no valid products",
  55: "duplicate order: Maystro refuses the same customer name and phone within 24 hours",
  60: "unexpected error at Maystro",
  70: "delivery fee could not be determined",
  80: "empty order list",
  90: "more than 1000 orders in one request",
  100: "external id longer than 100 characters",
  101: "insufficient points to pay delivery fees",
};

export type MaystroErrorDescription = {
  message: string;
  duplicate: boolean;
  /** Field-level messages of the old or DRF validation format, when there were any. */
  fields: Record<string, string> | null;
  codes: number[];
};

/** Summarize an error body in the carrier's own words; tolerates any shape, including none. */
export function describeMaystroError(body: unknown): MaystroErrorDescription {
  if (typeof body === "string" && body.trim() !== "") {
    return { message: body.trim(), duplicate: false, fields: null, codes: [] };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { message: "no error details given", duplicate: false, fields: null, codes: [] };
  }
  const record = body as Record<string, unknown>;
  const codes = collectCodes(record);
  const parts: string[] = codes.map(
    (code) => `error ${code}: ${ERROR_CODE_MESSAGES[code] ?? "undocumented error code"}`,
  );

  for (const key of ["error", "detail", "message"] as const) {
    const text = textOf(record[key]);
    if (text !== null && !/^\d+$/.test(text)) parts.push(text);
  }
  if (!Array.isArray(record.errors)) {
    const text = textOf(record.errors);
    if (text !== null) parts.push(text);
  }

  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (["status_code", "error", "errors", "detail", "message"].includes(key)) continue;
    const text = textOf(value);
    if (text !== null) fields[key] = text;
  }
  const fieldEntries = Object.entries(fields);
  for (const [key, text] of fieldEntries) parts.push(`${key}: ${text}`);

  return {
    message: parts.length > 0 ? parts.join("; ") : "no error details given",
    duplicate: codes.includes(MAYSTRO_DUPLICATE_ERROR_CODE),
    fields: fieldEntries.length > 0 ? fields : null,
    codes,
  };
}

/** Codes from `errors: [55]`, `error: 55` or `error: "55"`. */
function collectCodes(record: Record<string, unknown>): number[] {
  const raw = [record.error, ...(Array.isArray(record.errors) ? record.errors : [])];
  const codes: number[] = [];
  for (const value of raw) {
    const code = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof code === "number" && Number.isInteger(code) && !codes.includes(code)) {
      codes.push(code);
    }
  }
  return codes;
}

/** A message from a string, a DRF list of strings, or a nested object of those. */
function textOf(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    const texts = value.map(textOf).filter((text): text is string => text !== null);
    return texts.length > 0 ? texts.join(" ") : null;
  }
  if (typeof value === "object" && value !== null) {
    const texts = Object.entries(value).flatMap(([key, inner]) => {
      const text = textOf(inner);
      return text === null ? [] : [`${key}: ${text}`];
    });
    return texts.length > 0 ? texts.join(", ") : null;
  }
  return null;
}
