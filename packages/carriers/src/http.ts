import type { z } from "zod";
import { CarrierError } from "./errors";
import type { CarrierId } from "./statuses";
import type { CarrierLogger } from "./types";

export type HttpClientOptions = {
  carrier: CarrierId;
  /** Everything before the request path, e.g. `https://apiv2.shiprocket.in/v1/external`. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Per attempt, including reading the body. Default 10 000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 3 (so up to 4 attempts). */
  maxRetries?: number;
  /** Exponential backoff with full jitter: `random() * min(backoffMaxMs, backoffBaseMs * 2 ** attempt)`. Default 250. */
  backoffBaseMs?: number;
  /** Cap of one backoff, and the longest Retry-After we wait in place. Default 10 000. */
  backoffMaxMs?: number;
  /** Per-account token bucket: a request waits (never fails) for a token. */
  rateLimit?: { capacity: number; refillPerSecond: number };
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Clock for the token bucket and Retry-After HTTP-dates (ms since epoch). Default `Date.now`. */
  now?: () => number;
  logger?: CarrierLogger;
  /** Called once per attempt, e.g. to count calls made to a carrier. */
  onAttempt?: (info: HttpAttemptInfo) => void;
};

export type HttpAttemptInfo = {
  method: string;
  path: string;
  attempt: number;
  status?: number;
  error?: string;
};

export type HttpRequest = {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Joined to `baseUrl` with exactly one slash. */
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** Serialized as JSON with `content-type: application/json` unless a content type is given. */
  json?: unknown;
  body?: string;
  /** Cancels the call for good (no retry); the signal's reason is thrown. */
  signal?: AbortSignal;
};

export type HttpResponse = {
  status: number;
  headers: Headers;
  text: string;
  /** parsed JSON, or undefined when the body is empty or not JSON */
  json: unknown;
};

export type HttpClient = {
  /**
   * Retries network errors, timeouts, 5xx and 429 (honouring Retry-After seconds or HTTP-date when present, on 503s too);
   * never other 4xx. Returns the response for 2xx-4xx (not 429). When retries are exhausted throws CarrierError
   * UNAVAILABLE (network/timeout/5xx) or RATE_LIMITED (429, with retryAfterMs). A Retry-After longer than
   * `backoffMaxMs` is not waited in place: RATE_LIMITED is thrown at once so the caller can reschedule.
   */
  send(request: HttpRequest): Promise<HttpResponse>;
};

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_BACKOFF_BASE_MS = 250;
const DEFAULT_BACKOFF_MAX_MS = 10_000;

type AttemptOutcome =
  | { kind: "response"; response: HttpResponse }
  | { kind: "retryable"; reason: string; status?: number; retryAfterMs?: number };

/** The one HTTP helper every adapter uses: timeout, retries with backoff and jitter, rate limiting, typed errors. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const backoffBaseMs = options.backoffBaseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const backoffMaxMs = options.backoffMaxMs ?? DEFAULT_BACKOFF_MAX_MS;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const bucket = options.rateLimit ? createTokenBucket(options.rateLimit, now) : null;

  async function attemptOnce(
    request: HttpRequest,
    url: string,
    init: RequestInit,
  ): Promise<AttemptOutcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error("timeout")), timeoutMs);
    const onCallerAbort = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener("abort", onCallerAbort, { once: true });
    try {
      const res = await doFetch(url, { ...init, signal: controller.signal });
      // The body is read under the same timeout: a server may send headers and then stall.
      const text = await res.text();
      if (res.status === 429) {
        return {
          kind: "retryable",
          reason: "HTTP 429",
          status: 429,
          retryAfterMs: parseRetryAfter(res.headers.get("retry-after"), now()),
        };
      }
      if (res.status >= 500) {
        // A 503 may carry Retry-After too (maintenance windows).
        const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), now());
        return {
          kind: "retryable",
          reason: `HTTP ${res.status}`,
          status: res.status,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        };
      }
      return {
        kind: "response",
        response: {
          status: res.status,
          headers: res.headers,
          text,
          json: parseJsonOrUndefined(text),
        },
      };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      const reason = controller.signal.aborted
        ? `timeout after ${timeoutMs} ms`
        : describeNetworkError(error);
      return { kind: "retryable", reason };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", onCallerAbort);
    }
  }

  async function send(request: HttpRequest): Promise<HttpResponse> {
    const url = buildUrl(options.baseUrl, request.path, request.query);
    const init = buildInit(request);
    let last: Extract<AttemptOutcome, { kind: "retryable" }> | undefined;

    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      if (bucket) await bucket.take(sleep);
      request.signal?.throwIfAborted();
      const outcome = await attemptOnce(request, url, init);
      options.onAttempt?.({
        method: request.method,
        path: request.path,
        attempt,
        ...(outcome.kind === "response" ? { status: outcome.response.status } : {}),
        ...(outcome.kind === "retryable" && outcome.status !== undefined
          ? { status: outcome.status }
          : {}),
        ...(outcome.kind === "retryable" && outcome.status === undefined
          ? { error: outcome.reason }
          : {}),
      });
      if (outcome.kind === "response") return outcome.response;
      last = outcome;

      // An hour-long Retry-After must not hold a request (or a sync run) hostage.
      if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > backoffMaxMs) break;
      if (attempt === maxRetries) break;

      const delay =
        outcome.retryAfterMs ?? random() * Math.min(backoffMaxMs, backoffBaseMs * 2 ** attempt);
      // Path only: query strings, headers and bodies may carry tokens or personal data.
      options.logger?.warn(
        `${options.carrier}: ${request.method} ${request.path} failed, retrying`,
        {
          carrier: options.carrier,
          attempt,
          reason: outcome.reason,
          delayMs: Math.round(delay),
        },
      );
      await sleep(delay);
    }

    // The loop runs at least once and only breaks after a retryable outcome.
    const failure = last as Extract<AttemptOutcome, { kind: "retryable" }>;
    const what = `${options.carrier}: ${request.method} ${request.path}`;
    if (failure.status === 429) {
      throw new CarrierError("RATE_LIMITED", `${what} was rate limited by the carrier`, {
        carrier: options.carrier,
        status: 429,
        ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
      });
    }
    throw new CarrierError("UNAVAILABLE", `${what} failed: ${failure.reason}`, {
      carrier: options.carrier,
      ...(failure.status !== undefined ? { status: failure.status } : {}),
      ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
    });
  }

  return { send };
}

/**
 * Parse a carrier response body with zod at the boundary; on mismatch throw CarrierError INVALID_RESPONSE whose
 * message names the offending path (e.g. `tracking_data.shipment_track[0].awb_code: expected string`).
 */
export function parseCarrierResponse<S extends z.ZodType>(
  carrier: CarrierId,
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    path: formatIssuePath(issue.path),
    message: issue.code === "invalid_type" ? `expected ${issue.expected}` : issue.message,
  }));
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  throw new CarrierError(
    "INVALID_RESPONSE",
    `${carrier} ${what} has an unexpected shape: ${first?.path}: ${first?.message}${more}`,
    { carrier, details: problems },
  );
}

/** `["a", 0, "b"]` → `a[0].b`; the root is `(root)`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

/** Retry-After as delta-seconds or an HTTP-date, in ms from `nowMs`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

function buildUrl(baseUrl: string, path: string, query: HttpRequest["query"]): string {
  const url = `${baseUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.append(key, String(value));
  }
  const search = params.toString();
  return search === "" ? url : `${url}${url.includes("?") ? "&" : "?"}${search}`;
}

function buildInit(request: HttpRequest): RequestInit {
  const headers = new Headers(request.headers);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  let body: string | undefined = request.body;
  if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return { method: request.method, headers, ...(body !== undefined ? { body } : {}) };
}

function parseJsonOrUndefined(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type TokenBucket = { take(sleep: (ms: number) => Promise<void>): Promise<void> };

/**
 * Tokens may go negative: each caller reserves its token at once and sleeps until the debt is repaid, so
 * concurrent callers queue fairly without polling.
 */
function createTokenBucket(
  limit: { capacity: number; refillPerSecond: number },
  now: () => number,
): TokenBucket {
  if (!(limit.capacity >= 1) || !(limit.refillPerSecond > 0)) {
    throw new RangeError("rateLimit needs capacity >= 1 and refillPerSecond > 0");
  }
  let tokens = limit.capacity;
  let updatedAt = now();
  return {
    async take(sleep) {
      const current = now();
      tokens = Math.min(
        limit.capacity,
        tokens + ((current - updatedAt) / 1000) * limit.refillPerSecond,
      );
      updatedAt = current;
      tokens -= 1;
      if (tokens < 0) await sleep(Math.ceil((-tokens / limit.refillPerSecond) * 1000));
    },
  };
}
