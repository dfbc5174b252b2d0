/**
 * Chromium behind Playwright's browser server, in a process of its own (bench/ui.ts connects to
 * it): Playwright handles the browser's protocol in the process that launched it, which in the
 * bench is the BFF's, so every asset the page asked for waited on that work too.
 * Prints the WebSocket endpoint to connect to; SIGTERM closes the browser.
 */
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium';

const server = await chromium.launchServer(chromiumLaunchOptions);
console.log(server.wsEndpoint());
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
