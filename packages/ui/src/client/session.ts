import { hashKey, type QueryClient, useQueryClient } from "@tanstack/react-query";
import { getQueryKey } from "@trpc/react-query";
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { useToast } from "../toast";
import { useRealtime } from "./api-provider";
import { errorCode } from "./form-problem";
import { trpc, type User } from "./trpc";

export type Session =
  | { status: "loading"; user: null }
  | { status: "error"; user: null; retry: () => void }
  | { status: "ready"; user: User | null };

/** Who is signed in, from `auth.me` over HTTP (the source of truth for the session). */
export function useSession(): Session {
  const me = trpc.auth.me.useQuery();
  if (me.data) return { status: "ready", user: me.data.user };
  if (me.isError) return { status: "error", user: null, retry: () => void me.refetch() };
  return { status: "loading", user: null };
}

/**
 * Drops every cached answer except `auth.me`, which is set right after: screens watching the
 * session keep their query instead of being left on a removed one.
 */
function forgetPreviousVisitor(queryClient: QueryClient): void {
  const meKey = hashKey([getQueryKey(trpc.auth.me)[0]]);
  queryClient.removeQueries({ predicate: (query) => hashKey([query.queryKey[0]]) !== meKey });
}

/**
 * Records a fresh sign-in: the cache learns the user at once, and the socket reconnects so
 * subscriptions run as them.
 */
export function useSignedIn(): (user: User) => void {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const realtime = useRealtime();
  return useCallback(
    (user: User) => {
      forgetPreviousVisitor(queryClient);
      utils.auth.me.setData(undefined, { user });
      realtime.reconnect();
    },
    [queryClient, utils, realtime],
  );
}

export type SignOutOptions = {
  /** Where to land afterwards, in the app's own paths (the storefront: `/`, the admin: `/signin`). */
  redirectTo: string;
};

/**
 * Signs out on the server, goes to `redirectTo`, then forgets every cached answer and reconnects
 * the socket anonymously. Failures become a toast; the person stays where they were.
 */
export function useSignOut({ redirectTo }: SignOutOptions): {
  signOut: () => Promise<void>;
  pending: boolean;
} {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const realtime = useRealtime();
  const navigate = useNavigate();
  const toast = useToast();
  const logout = trpc.auth.logout.useMutation();
  const { mutateAsync } = logout;

  const signOut = useCallback(async () => {
    try {
      await mutateAsync();
    } catch (error) {
      // An expired session is already signed out; anything else means we are still signed in.
      if (errorCode(error) !== "UNAUTHORIZED") {
        toast.show({
          title: "Could not sign out",
          description: "Check your connection and try again.",
          tone: "danger",
        });
        return;
      }
    }
    forgetPreviousVisitor(queryClient);
    utils.auth.me.setData(undefined, { user: null });
    // Navigate in the same tick, with flushSync: the next page mounts reading the cleared
    // session before the guarded page we leave hears of it (React Query notifies on a later
    // tick) and redirects to sign-in with a `next` pointing back at itself.
    await navigate(redirectTo, { replace: true, flushSync: true });
    realtime.reconnect();
    toast.show({ title: "Signed out", tone: "success" });
  }, [mutateAsync, navigate, redirectTo, queryClient, utils, realtime, toast]);

  return { signOut, pending: logout.isPending };
}

/**
 * Listens to `auth.onSession` over the WebSocket. The socket answers with the identity its
 * upgrade carried; when that disagrees with the HTTP session (signed out in another tab, a
 * session that expired), the HTTP answer is fetched again. Either answer may arrive first.
 */
export function useSessionWatch(httpUserId: string | null | undefined): void {
  const utils = trpc.useUtils();
  const [socketUserId, setSocketUserId] = useState<string | null | undefined>(undefined);
  trpc.auth.onSession.useSubscription(undefined, {
    onData: (data) => setSocketUserId(data.user?.id ?? null),
  });
  useEffect(() => {
    if (httpUserId === undefined || socketUserId === undefined) return;
    if (httpUserId !== socketUserId) void utils.auth.me.invalidate();
  }, [httpUserId, socketUserId, utils]);
}
