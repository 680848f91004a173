import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    // Asks Redis and PostgreSQL whether they answer; outside CI, the tests that need one that does
    // not are skipped, and the last reporter says so after the summary (test/servers/).
    globalSetup: ["test/servers/setup.ts"],
    reporters: ["default", "./test/servers/report-skipped.ts"],
  },
});
