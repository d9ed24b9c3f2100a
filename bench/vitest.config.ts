import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["bench/**/*.bench.ts"],
    testTimeout: 900_000,
    pool: "forks",
    fileParallelism: false,
    // The table is the output: print it as written, not as captured console output.
    disableConsoleIntercept: true,
  },
});
