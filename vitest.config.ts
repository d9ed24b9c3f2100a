import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    reporters: ["default"],
    // The canary secret scan (test/secret-scan.ts): one random key per run, checked in every file.
    globalSetup: ["test/secret-scan.global.ts"],
    setupFiles: ["test/secret-scan.setup.ts"],
  },
});
