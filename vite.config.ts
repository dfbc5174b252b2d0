import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { configDefaults, defineConfig } from 'vitest/config';
import { earlyEntry } from './src/build/early-entry.ts';
import { initialJsSize } from './src/build/initial-js-size.ts';
import { moduleGraphChunk } from './src/build/module-graph-chunk.ts';
import { precompress } from './src/build/precompress.ts';

const app = (path: string) => resolve('src/app', path);
/** The two entries (index.html's script and the early one): what they reach stays theirs. */
const entries = [app('main.tsx'), app('early.ts')];
/** What checks every answer (zod and the contract), loaded beside the first request of any page. */
const responseChecks = app('api/response-schemas.ts');

export default defineConfig({
  plugins: [react(), tailwindcss(), earlyEntry(entries[1]!), initialJsSize(), precompress()],
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    // Where each module's code went: the BFF preloads a records page's chunks with its first screen.
    manifest: true,
    // A cold load fetches few, whole chunks, not ~25 small ones in waves over HTTP/1.1's six
    // connections per host (module-graph-chunk.ts): the early script's, the app's entry and all it
    // imports, the response checks (zod and the contract), and the records page's own code (with
    // the dialog parts its drawer shares).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The early script and all it uses in one chunk, whose first request does the lot:
            // index.html names it ahead of the app, which then takes its answers (early-requests.ts).
            {
              name: 'early',
              test: /(src[\\/](app[\\/](early|early-requests|api[\\/]records-url|lib[\\/]first-screen)|contract[\\/]list-params)\.|preload-helper)/,
            },
            moduleGraphChunk('app', [entries[0]!], [entries[1]!]),
            moduleGraphChunk('checks', [responseChecks], entries),
            moduleGraphChunk(
              'records',
              [app('features/records/records-page.tsx'), app('features/records/records-loader.ts')],
              [...entries, responseChecks],
            ),
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:3000' } },
  preview: { host: '127.0.0.1' },
  test: {
    // Many tests start the real BFF, scan the simulator and follow polls in real time; on a busy
    // machine that can pass Vitest's default 5 s.
    testTimeout: 15_000,
    // Vitest's default, a worker less than the cores, is one worker on a 2-core machine (CI's), and
    // these tests mostly wait on servers, polls and PostgreSQL: three at once took the suite from
    // 11.6 to 4.6 minutes there (four: 5.2).
    maxWorkers: Math.max(3, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts'],
          // Already PostgreSQL alone: run once, in node-postgres.
          exclude: [...configDefaults.exclude, 'src/bff/multi-instance.test.ts'],
          // Hands out PostgreSQL databases; the server starts only if a test file asks for one.
          globalSetup: ['src/bff/db/test-postgres-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The suites that touch the database, again on PostgreSQL (src/bff/test/database.ts).
          name: 'node-postgres',
          environment: 'node',
          include: [
            'src/bff/{audit,auth,cli,documents,mirror,push,routes}/**/*.test.ts',
            'src/bff/server.test.ts',
            'src/bff/multi-instance.test.ts',
          ],
          env: { SYNC_DESK_TEST_ENGINE: 'postgres' },
          // Each statement is a round trip to a server sharing the machine: about twice SQLite's time.
          testTimeout: 30_000,
          globalSetup: ['src/bff/db/test-postgres-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx'],
          setupFiles: ['src/app/test/setup.ts'],
        },
      },
    ],
  },
});
