import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { applyWSSHandler } from "@trpc/server/adapters/ws";
import { WebSocketServer } from "ws";
import type { AppDeps } from "./deps";
import { createConnectionTracker } from "./live/connections";
import { createContext } from "./trpc/context";
import { appRouter } from "./trpc/routers/_app";

export const WS_PATH = "/trpc";
export const WS_MAX_FRAME_BYTES = 64 * 1024;

function refuse(socket: Duplex, status: 403 | 404, reason: string) {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Browsers always send Origin on a WebSocket upgrade and cookies ride along: refusing foreign
 * origins is what stops another site from opening a socket with our user's session.
 * Non-browser clients send no Origin and must bring their own cookie.
 */
export function isAllowedOrigin(origin: string | undefined, allowed: readonly string[]): boolean {
  return origin === undefined || allowed.includes(origin);
}

/** tRPC subscriptions over WebSocket on the HTTP server's own port. */
export function attachWebSocket(server: Server, deps: AppDeps) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_FRAME_BYTES });
  // Per-user connection counts for this server; the limits themselves live in live/connections.ts.
  const connections = createConnectionTracker();
  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    createContext: ({ req, res }) =>
      createContext({
        deps,
        cookieHeader: req.headers.cookie,
        clientIp: req.socket.remoteAddress ?? "unknown",
        transport: "ws",
        openLiveConnection: (userId) => connections.open(userId, res),
      }),
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    if (pathname !== WS_PATH) return refuse(socket, 404, "Not Found");
    if (!isAllowedOrigin(req.headers.origin, deps.allowedOrigins)) {
      deps.logger.warn("websocket upgrade refused: foreign origin", { origin: req.headers.origin });
      return refuse(socket, 403, "Forbidden");
    }
    wss.handleUpgrade(req, socket, head, (client) => wss.emit("connection", client, req));
  };
  server.on("upgrade", onUpgrade);

  return {
    wss,
    /** Tells every client to reconnect (they resume elsewhere or after restart), then closes. */
    async close() {
      server.off("upgrade", onUpgrade);
      handler.broadcastReconnectNotification();
      for (const client of wss.clients) client.close(1012, "Server restarting");
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
