import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          // Where t() finds its words without a browser (lib/i18n/t.ts).
          setupFiles: ['test/unit/messages-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // The library code these tests run in Node (import plans, card reading) words its problems with t().
          setupFiles: ['test/unit/messages-setup.ts'],
          // One Chromium at a time: CI has 2 cores, and the tests share nothing but the build.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A poll that reads the library opens an extension page each time (~0.5 s, more on a
          // loaded 2-core runner): vitest's 1 s default would fail a change that did land.
          expect: { poll: { timeout: 10_000, interval: 100 } },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e-firefox',
          include: ['test/e2e-firefox/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/unit/messages-setup.ts'],
          // One Firefox at a time (a launch and install takes ~15 s of a 2-core machine); the files
          // share launches within themselves.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Reading the library opens an extension page each time, slower in Firefox than in Chromium.
          expect: { poll: { timeout: 15_000, interval: 200 } },
        },
      },
    ],
  },
});
