import type { PublicUser } from "@waybill/db";
import { identifyRequest } from "../auth/sessions";
import type { AppDeps } from "../deps";
import type { LiveConnection } from "../live/connections";

export type Context = {
  deps: AppDeps;
  user: PublicUser | null;
  sessionTokenHash: string | null;
  clientIp: string;
  transport: "http" | "ws";
  /** The WebSocket connection live subscriptions run on (limits, backpressure); null over HTTP. */
  live?: LiveConnection | null;
  /** Adds a Set-Cookie header to the HTTP answer; cookies cannot be set over a WebSocket. */
  setCookie: (cookie: string) => void;
};

export function createContext(options: {
  deps: AppDeps;
  cookieHeader: string | null | undefined;
  clientIp: string;
  transport: Context["transport"];
  setCookie?: (cookie: string) => void;
  /** Over the WebSocket: registers the connection for the identified user. */
  openLiveConnection?: (userId: string | null) => LiveConnection;
}): Context {
  const identity = identifyRequest(options.deps.db, options.cookieHeader, options.deps.now());
  return {
    deps: options.deps,
    user: identity?.user ?? null,
    sessionTokenHash: identity?.tokenHash ?? null,
    clientIp: options.clientIp,
    transport: options.transport,
    live: options.openLiveConnection?.(identity?.user.id ?? null) ?? null,
    setCookie:
      options.setCookie ??
      (() => {
        throw new Error("Cookies can only be set over HTTP");
      }),
  };
}
