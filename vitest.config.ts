import { defineConfig } from "vitest/config";

// Unit, service and HTTP tests live beside the code (src/**/*.test.ts[x]); browser journeys in test/browser.
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
