/**
 * Where the e2e run's BFF and its demo-mode simulator listen (see playwright.config.ts).
 * `E2E_PORT` moves all three (and the demo identity provider's), so two checkouts can run their end-to-end tests side by side.
 */
export const BFF_PORT = Number(process.env.E2E_PORT ?? 3210);
export const BFF_URL = `http://127.0.0.1:${BFF_PORT}`;
export const SIMULATOR_PORT = BFF_PORT + 1;
export const SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;
/** The demo identity provider (src/oidc-provider/demo-provider.ts). */
export const OIDC_PORT = BFF_PORT + 2;
export const OIDC_URL = `http://127.0.0.1:${OIDC_PORT}`;
