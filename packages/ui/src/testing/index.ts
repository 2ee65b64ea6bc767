// Test helpers for the SPAs: the real provider stack over a fake tRPC transport. Tests only.
export {
  apiError,
  createFakeApi,
  type FakeApi,
  type FakeHandler,
  renderRoutes,
} from "./fake-api";
