import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { TEST_APP_SECRET } from "../../src/testing/deps";

export type ApiProcess = {
  url: string;
  pid: number;
  /** SIGKILL: no shutdown hook runs, open transactions are cut where they are. */
  kill9(): Promise<void>;
  /** SIGTERM and wait: the graceful path. */
  stop(): Promise<void>;
};

const API_DIR = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The real server as an operator runs it (`src/index.ts` through tsx, jobs on) in its own process, on a
 * database file the test prepared, so that it can be killed with -9 and started again on the same file.
 */
export async function startApiProcess(databasePath: string): Promise<ApiProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: API_DIR,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${databasePath}`,
      APP_SECRET: TEST_APP_SECRET,
      CARRIER_SANDBOX: "off",
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited (${code}) before it started:\n${output}`));
    });
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(name);
    await exited;
  };
  return {
    url,
    pid: child.pid ?? -1,
    kill9: () => signal("SIGKILL"),
    stop: () => signal("SIGTERM"),
  };
}

/** A tRPC mutation over HTTP with a session cookie, as the admin app sends it. */
export async function trpcMutation<T>(
  url: string,
  path: string,
  cookie: string,
  input: unknown,
): Promise<T> {
  const response = await fetch(`${url}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: url },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  if (!response.ok || !body.result)
    throw new Error(`${path}: ${response.status} ${body.error?.message}`);
  return body.result.data;
}
