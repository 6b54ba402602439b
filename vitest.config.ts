import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    globalSetup: ['tests/global-setup.ts'],
    // fast-check's seed: FC_SEED from the environment, printed when a test fails.
    setupFiles: ['tests/setup/fast-check-seed.ts'],
    testTimeout: 30000,
    pool: 'forks',
  },
});
