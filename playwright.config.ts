import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium';
import { BFF_PORT, BFF_URL, OIDC_PORT, SIMULATOR_PORT } from './e2e/ports';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? 'list' : [['list']],
  timeout: 30_000,
  projects: [
    { name: 'e2e' },
    // `npm run screenshots`: the README's pictures, written into docs/.
    { name: 'screenshots', testMatch: /\.shots\.ts$/ },
  ],
  use: {
    baseURL: BFF_URL,
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    // The real BFF in demo mode (simulator over HTTP) serving the production build, on a fresh SQLite file.
    command: 'rm -f data/e2e.db* && vite build --logLevel warn && NODE_ENV=production tsx src/bff/main.ts',
    url: `http://127.0.0.1:${BFF_PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(BFF_PORT),
      DEMO_SIMULATOR_PORT: String(SIMULATOR_PORT),
      DEMO_OIDC_PORT: String(OIDC_PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: 'sqlite:./data/e2e.db',
      DEMO_PUSH_DELAY_MS: '1500',
      LOG_LEVEL: 'warn',
    },
  },
});
