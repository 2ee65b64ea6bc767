import { createTRPCReact } from "@trpc/react-query";
import type { AppRouter, RouterOutputs } from "@waybill/api/router";

/** Typed React hooks for the Waybill API. Only the router's type crosses into the browser. */
export const trpc = createTRPCReact<AppRouter>();

export type { AppRouter, RouterOutputs };

/** A signed-in person as `auth.me` returns them. */
export type User = NonNullable<RouterOutputs["auth"]["me"]["user"]>;
