import { defineConfig } from "vitest/config";

/**
 * `pnpm test:faults`: the "nothing lost" scenarios under apps/api/faults, never part of `pnpm test` (their
 * files end in .faults.ts). One file at a time: each drives servers, sandboxes and child processes hard on
 * a 2-core machine. FAULTS_PROFILE=short (CI) makes every scenario small.
 */
export default defineConfig({
  test: {
    include: ["faults/**/*.faults.ts"],
    fileParallelism: false,
    testTimeout: 8 * 60_000,
    hookTimeout: 2 * 60_000,
  },
});
