import { createTRPCReact } from "@trpc/react-query";
import type { AppRouter, RouterOutputs } from "@waybill/api/router";

/**
 * Typed React hooks for the Waybill API, one instance for both SPAs (its React context must be
 * the one `ApiProvider` fills). Only the router's type crosses into the browser.
 */
export const trpc = createTRPCReact<AppRouter>();

export type { AppRouter, RouterOutputs };

/** A signed-in person as `auth.me` returns them. */
export type User = NonNullable<RouterOutputs["auth"]["me"]["user"]>;
