import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startTestServer } from "./testing/server";

describe("graceful shutdown", () => {
  it("tells WebSocket clients to reconnect, then closes the server and the database", async () => {
    const server = await startTestServer();
    const socket = new WebSocket(`${server.url.replace("http", "ws")}/trpc`);
    await new Promise((resolve) => socket.once("open", resolve));
    const messages: string[] = [];
    socket.on("message", (data) => messages.push(String(data)));
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));

    const db = server.deps.db;
    await server.close();

    expect(await closed).toBe(1012);
    expect(messages.map((m) => JSON.parse(m))).toContainEqual({ id: null, method: "reconnect" });
    expect(db.$client.open).toBe(false);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
