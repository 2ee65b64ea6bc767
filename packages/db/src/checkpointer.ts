import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** How often the log is copied back while the server writes: small beside the 40 MB backstop's fill time. */
export const CHECKPOINT_INTERVAL_MS = 100;

export type Checkpointer = {
  /** Stops the thread after its current checkpoint and closes its connection. */
  stop(): Promise<void>;
};

/**
 * The thread's whole program. A string, not a module: the server ships as one bundle, and a thread needs a
 * file or source of its own. It only copies logged pages into the database file (a PASSIVE checkpoint never
 * waits for, nor blocks, the writer); SQLITE_BUSY means another checkpoint is running, and the next tick
 * tries again.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    if (error.code !== "SQLITE_BUSY") parentPort.postMessage({ error: String(error.message) });
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Copies the write-ahead log of the database file at `path` back into the file from a thread of its own.
 * Without it, the commit that fills the log to `wal_autocheckpoint` copies all of it, on the thread that
 * answers requests (5% of that thread's time under webhook ingest). The autocheckpoint stays as the
 * backstop that lets the log restart; it then finds nearly every page copied already.
 */
export function startCheckpointer(
  path: string,
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      path,
      intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
    },
  });
  // A failing checkpoint is reported once: it repeats every tick, and the backstop still checkpoints.
  let reported = false;
  worker.on("message", (message: { error?: string }) => {
    if (message.error && !reported) {
      reported = true;
      options.onError?.(message.error);
    }
  });
  worker.on("error", (error) => options.onError?.(error.message));
  // Never what keeps a process alive: a server that ends without `stop()` still exits.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        worker.postMessage("stop");
        await exited;
      })();
      return stopping;
    },
  };
}
