import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    globalSetup: ['tests/global-setup.ts'],
    // fast-check's seed: FC_SEED from the environment, printed when a test fails.
    setupFiles: ['tests/setup/fast-check-seed.ts'],
    testTimeout: 30000,
    pool: 'forks',
    // As bin/nnlearn.js does: under Node 24 a process whose exit meets a background baseline compile
    // waiting for a GC never ends (nodejs/node#54918); Node 20 and 22 compile on the main thread.
    execArgv: ['--no-concurrent-sparkplug'],
  },
});
