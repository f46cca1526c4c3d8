import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          setupFiles: ['test/helpers/full-schema.setup.ts'],
          exclude: ['test/**/*.fuzz.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'fuzz',
          include: ['test/**/*.fuzz.test.ts'],
          setupFiles: ['test/helpers/full-schema.setup.ts'],
          testTimeout: 600_000,
        },
      },
    ],
  },
});
