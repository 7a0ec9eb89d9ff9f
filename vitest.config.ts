import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    // Native addons (better-sqlite3, node-llama-cpp) are safest in child processes, not worker threads.
    pool: 'forks',
    // Two cores: engine tests spin their threads, so run files one or two at a time.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
