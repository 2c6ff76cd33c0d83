import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const resolve = {
  alias: {
    "@/": `${root}/`,
    // Outside Next's react-server build this marker throws; tests import server modules directly.
    "server-only": path.join(root, "tests/support/server-only.ts"),
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        // PDF rendering and signing take a fraction of a second on an idle machine and
        // many seconds on a busy one: the limits are for hangs, not for speed.
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Signs what the app signs with it (unsubscribe links in queued mail), as the app server's own does.
          env: { AUTH_SECRET: "integration-tests-only-secret-0123456789" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        test: {
          name: "system",
          include: ["tests/system/**/*.test.ts"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
