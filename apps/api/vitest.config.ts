import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Servers and Chromium start in these tests: give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
