// Test runner config: real child processes and servers make some tests slow, so timeouts are generous.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more forks than that only adds contention with the target processes tests spawn.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
