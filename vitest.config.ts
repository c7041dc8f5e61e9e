import { defineConfig } from "vitest/config";

/** The tests that call the API through the client: run once per transport (fetch, node:http). */
const clientTests = [
  "test/client.prism.test.ts",
  "test/faults.test.ts",
  "test/faults.bodies.test.ts",
  "test/faults.options.test.ts",
  "test/faults.redirects.test.ts",
  "test/faults.secrets.test.ts",
  "test/faults.sockets.test.ts",
  "test/faults.wire.test.ts",
  "test/fidelity.test.ts",
  "test/paging.test.ts",
  "test/paging.mock.test.ts",
  "test/secrets.property.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Most test time is spent waiting on other processes (Prism, tsc, Chromium, local servers): two workers
    // overlap those waits on a 2-core machine, where the default would be one.
    maxWorkers: 2,
    hookTimeout: 90_000,
    globalSetup: ["test/global-setup.ts"],
    projects: [
      { extends: true, test: { name: "fetch", include: ["test/**/*.test.ts"] } },
      { extends: true, test: { name: "node", include: clientTests, env: { USER_API_TRANSPORT: "node" } } },
    ],
  },
});
