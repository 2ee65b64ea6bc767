// The SPAs' client plumbing: tRPC + React Query wiring, the session, and the screens both apps
// show around it. Presentational components stay at `@waybill/ui`.
export {
  type ApiClients,
  createApiClients,
  createQueryClient,
  type Realtime,
} from "./api-clients";
export {
  ApiProvider,
  type ApiProviderProps,
  useConnectionState,
  useRealtime,
} from "./api-provider";
export { AuthForm, type AuthFormProps } from "./auth-form";
export { AuthPage, type AuthPageProps } from "./auth-page";
export { type SocketState, toConnectionState } from "./connection-state";
export { errorCode, type FormProblem, readFormProblem } from "./form-problem";
export { safeNextPath, signInPathFor } from "./next-path";
export { NotFoundPage, type NotFoundPageProps } from "./not-found-page";
export { PageLoading, SessionUnavailable } from "./page-states";
export { RedirectIfSignedIn, type RedirectIfSignedInProps } from "./redirect-if-signed-in";
export {
  RequireSession,
  type RequireSessionProps,
  useSignedInUser,
} from "./require-session";
export { RouteErrorPage, type RouteErrorPageProps } from "./route-error-page";
export {
  type Session,
  type SignOutOptions,
  useSession,
  useSessionWatch,
  useSignedIn,
  useSignOut,
} from "./session";
export { SignInForm, type SignInFormProps } from "./sign-in-form";
export { type AppRouter, type RouterOutputs, trpc, type User } from "./trpc";
export { useFocusFirstInvalid } from "./use-focus-first-invalid";
