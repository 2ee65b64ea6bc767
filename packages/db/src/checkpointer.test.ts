import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Checkpointer, startCheckpointer } from "./checkpointer";
import { closeDb, createDb, type Db } from "./client";

let dir: string;
let path: string;
let db: Db;
let checkpointer: Checkpointer | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "waybill-checkpointer-"));
  path = join(dir, "waybill.db");
  db = createDb(path);
  // Only the background thread may copy the log here: the writer's own checkpoint would hide it.
  db.$client.pragma("wal_autocheckpoint = 0");
  db.$client.exec("create table notes (id integer primary key, body text not null)");
});

afterEach(async () => {
  await checkpointer?.stop();
  checkpointer = undefined;
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

const fileBytes = () => statSync(path).size;

/** About `kilobytes` KB of rows, in transactions of 32 KB: each commit appends its pages to the log. */
function write(kilobytes: number): void {
  const insert = db.$client.prepare("insert into notes (body) values (?)");
  const write32 = db.$client.transaction(() => {
    for (let i = 0; i < 32; i++) insert.run("x".repeat(1000));
  });
  for (let written = 0; written < kilobytes; written += 32) write32();
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("the background checkpointer", () => {
  it("copies what the writer logs into the database file while the writer goes on", async () => {
    write(2048);
    // Nothing copies the log yet: the file still holds only what it held before these commits.
    expect(fileBytes()).toBeLessThan(64 * 1024);

    checkpointer = startCheckpointer(path, { intervalMs: 10 });
    await waitFor(() => fileBytes() > 2 * 1024 * 1024);
    expect(fileBytes()).toBeGreaterThan(2 * 1024 * 1024);

    // The writer was never blocked: it commits beside the thread, and every row is there.
    write(512);
    await waitFor(() => fileBytes() > 2.5 * 1024 * 1024);
    expect(fileBytes()).toBeGreaterThan(2.5 * 1024 * 1024);
    // One row per KB written.
    expect(db.$client.prepare("select count(*) as n from notes").get()).toEqual({ n: 2048 + 512 });
  });

  it("copies nothing once stopped", async () => {
    checkpointer = startCheckpointer(path, { intervalMs: 10 });
    write(256);
    await waitFor(() => fileBytes() > 256 * 1024);
    await checkpointer.stop();
    const copied = fileBytes();
    write(256);
    // Fifteen of its ticks: a thread still running would have copied these pages by now.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fileBytes()).toBe(copied);
  });

  it("reports a database it cannot open", async () => {
    const errors: string[] = [];
    checkpointer = startCheckpointer(join(dir, "missing.db"), {
      onError: (message) => errors.push(message),
    });
    await waitFor(() => errors.length > 0);
    expect(errors[0]).toMatch(/unable to open|does not exist/i);
  });
});
