import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEnv } from "../env";
import { silentLogger } from "../lib/logger";
import { type RunningServer, type StartOptions, startServer } from "../server";

export type TestServer = RunningServer & { dataDir: string };

/** A real server on a free port with a fresh database file, as the tests require. */
export async function startTestServer(
  options: StartOptions & { env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "waybill-test-"));
  const env = loadEnv({
    PORT: "0",
    DATABASE_URL: `file:${join(dataDir, "waybill.db")}`,
    APP_SECRET: "test-secret-test-secret-test-secret-0123",
    LOG_LEVEL: "error",
    ...options.env,
  });
  const server = await startServer(env, {
    serveSpas: false,
    jobs: false,
    logger: silentLogger,
    ...options,
  });
  return {
    ...server,
    dataDir,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** fetch with a cookie jar of one session, like a browser tab. */
export function createBrowserLikeClient(baseUrl: string) {
  let cookie = "";
  return {
    get cookie() {
      return cookie;
    },
    async call(path: string, init: RequestInit = {}) {
      const headers = new Headers(init.headers);
      if (cookie) headers.set("cookie", cookie);
      const response = await fetch(`${baseUrl}${path}`, { ...init, headers });
      for (const setCookie of response.headers.getSetCookie()) {
        const [pair = ""] = setCookie.split(";");
        cookie = /=$/.test(pair) || /Max-Age=0/.test(setCookie) ? "" : pair;
      }
      return response;
    },
    mutation(path: string, input?: unknown) {
      return this.call(`/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(input ?? null),
      }).then(readTrpc);
    },
    query(path: string, input?: unknown) {
      const search =
        input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      return this.call(`/trpc/${path}${search}`).then(readTrpc);
    },
  };
}

type TrpcAnswer = {
  status: number;
  data?: unknown;
  error?: { message: string; data: { code: string; zodError?: unknown } };
};

async function readTrpc(response: Response): Promise<TrpcAnswer> {
  const body = (await response.json()) as {
    result?: { data: unknown };
    error?: TrpcAnswer["error"];
  };
  return { status: response.status, data: body.result?.data, error: body.error };
}
