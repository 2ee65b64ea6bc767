import { type ChildProcess, fork } from "node:child_process";

type Message = { id: number; result?: unknown; error?: string };

export type BenchChild<Ready> = {
  /** What the child sent once it was ready. */
  ready: Promise<Ready>;
  ask<T>(type: string, payload?: Record<string, unknown>): Promise<T>;
  /** Asks the child to stop and waits for it to exit. */
  stop(): Promise<void>;
  process: ChildProcess;
};

/**
 * Forks a TypeScript module (through tsx) that answers requests with `serveParent`. The benches keep the
 * server apart from the load generator so that they do not share an event loop, as in production.
 */
export function forkBenchChild<Ready>(
  modulePath: string,
  options: { env?: Record<string, string>; execArgv?: string[] } = {},
): BenchChild<Ready> {
  const child = fork(modulePath, [], {
    execArgv: ["--import", "tsx", ...(options.execArgv ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let onReady: { resolve: (v: Ready) => void; reject: (e: Error) => void } | undefined;
  const ready = new Promise<Ready>((resolve, reject) => {
    onReady = { resolve, reject };
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.on("message", (message: Message) => {
    if (message.id === 0) {
      if (message.error) onReady?.reject(new Error(message.error));
      else onReady?.resolve(message.result as Ready);
      return;
    }
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.result);
  });
  child.once("exit", (code, signal) => {
    const error = new Error(`bench child exited (${code ?? signal})`);
    onReady?.reject(error);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  });
  let next = 0;
  return {
    ready,
    process: child,
    ask<T>(type: string, payload: Record<string, unknown> = {}) {
      next += 1;
      const id = next;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ ...payload, type, id });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ id: -1, type: "stop" });
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

type Handlers = Record<string, (request: Record<string, unknown>) => unknown>;

/**
 * The child side: sends `ready` (id 0) and answers each request with its handler's result. "stop" runs
 * `onStop` and exits.
 */
export async function serveParent(
  start: () => Promise<{ ready: unknown; handlers: Handlers; onStop?: () => Promise<void> }>,
): Promise<void> {
  const send = (message: Message) => process.send?.(message);
  let started: Awaited<ReturnType<typeof start>>;
  try {
    started = await start();
  } catch (error) {
    send({ id: 0, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  }
  process.on("message", async (request: { id: number; type: string } & Record<string, unknown>) => {
    if (request.type === "stop") {
      await started.onStop?.();
      process.exit(0);
    }
    const handler = started.handlers[request.type];
    try {
      if (!handler) throw new Error(`unknown request ${request.type}`);
      send({ id: request.id, result: await handler(request) });
    } catch (error) {
      send({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  // The parent died: nothing will ever ask again.
  process.on("disconnect", () => process.exit(0));
  send({ id: 0, result: started.ready });
}

/** Exits the whole bench if it has not finished in time (a bench must stop by itself). */
export function startWatchdog(
  name: string,
  ms: number,
  onExpire: () => void = () => {},
): () => void {
  const timer = setTimeout(() => {
    process.stderr.write(`${name}: gave up after ${Math.round(ms / 1000)} s\n`);
    onExpire();
    process.exit(1);
  }, ms);
  timer.unref();
  return () => clearTimeout(timer);
}
