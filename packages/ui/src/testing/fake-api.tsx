import { QueryClient } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { createMemoryRouter, type RouteObject } from "react-router";
import { RouterProvider } from "react-router/dom";
import type { ApiClients, Realtime } from "../client/api-clients";
import { ApiProvider } from "../client/api-provider";
import { type AppRouter, trpc } from "../client/trpc";
import type { ConnectionState } from "../connection-indicator";
import { ToastProvider } from "../toast";

/** Answers one procedure: return the data, or throw `apiError(...)`. */
export type FakeHandler = (input: unknown) => unknown;

const JSON_RPC_CODES: Record<string, number> = {
  BAD_REQUEST: -32600,
  UNAUTHORIZED: -32001,
  FORBIDDEN: -32003,
  NOT_FOUND: -32004,
  CONFLICT: -32009,
  TOO_MANY_REQUESTS: -32029,
  INTERNAL_SERVER_ERROR: -32603,
};

const HTTP_STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
};

/** An error shaped like the server's (`errorFormatter` in apps/api/src/trpc/init.ts). */
export function apiError(
  code: keyof typeof HTTP_STATUS,
  message: string,
  zodError: { formErrors: string[]; fieldErrors: Record<string, string[]> } | null = null,
): TRPCClientError<AppRouter> {
  return TRPCClientError.from({
    error: {
      code: JSON_RPC_CODES[code] ?? -32603,
      message,
      data: { code, httpStatus: HTTP_STATUS[code] ?? 500, path: "", zodError },
    },
  });
}

/**
 * A terminating link that answers from `handlers` instead of the network: the only piece of
 * the stack the tests replace. Every call is recorded in `calls`.
 */
function fakeLink(
  handlers: Record<string, FakeHandler>,
  calls: Array<{ path: string; input: unknown }>,
): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        const handler = handlers[op.path];
        if (!handler) {
          observer.error(TRPCClientError.from(new Error(`No fake handler for ${op.path}`)));
          return;
        }
        let settled = false;
        Promise.resolve()
          .then(() => handler(op.input))
          .then(
            (data) => {
              if (settled) return;
              observer.next({ result: { type: "data", data } });
              // Subscriptions stay open like the real server's; queries and mutations complete.
              if (op.type !== "subscription") observer.complete();
            },
            (error: unknown) => {
              if (!settled) observer.error(TRPCClientError.from(error as Error));
            },
          );
        return () => {
          settled = true;
        };
      });
}

export type FakeApi = ApiClients & {
  calls: Array<{ path: string; input: unknown }>;
  reconnects: () => number;
};

export function createFakeApi(
  handlers: Record<string, FakeHandler>,
  connection: ConnectionState = "live",
): FakeApi {
  const calls: Array<{ path: string; input: unknown }> = [];
  let reconnects = 0;
  const realtime: Realtime = {
    getState: () => connection,
    subscribe: () => () => {},
    reconnect: () => {
      reconnects += 1;
    },
  };
  return {
    queryClient: new QueryClient({
      defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
    }),
    trpcClient: trpc.createClient({ links: [fakeLink(handlers, calls)] }),
    realtime,
    calls,
    reconnects: () => reconnects,
  };
}

/** Mounts `routes` in a memory router at `path`, over the fake API. */
export function renderRoutes(routes: RouteObject[], path: string, api: FakeApi) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <ApiProvider clients={api}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </ApiProvider>,
  );
  return { ...view, router };
}
