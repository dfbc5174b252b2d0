/**
 * How the tests and bench/ui.ts launch Chromium: Debian's where it exists (CI, this machine),
 * Playwright's own browser elsewhere.
 */
import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

const systemChromium = '/usr/bin/chromium';

export const chromiumLaunchOptions: LaunchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }
  : {};
