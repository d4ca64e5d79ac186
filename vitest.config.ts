import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "methodologies/**/*.test.ts", "src/**/*.test.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
    testTimeout: 60_000,
    globalSetup: ["test/global-setup.ts"],
  },
});
