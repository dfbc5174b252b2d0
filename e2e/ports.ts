/** Where the e2e run's BFF and its demo-mode simulator listen (see playwright.config.ts). */
export const BFF_PORT = 3210;
export const BFF_URL = `http://127.0.0.1:${BFF_PORT}`;
export const SIMULATOR_PORT = 3211;
export const SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;
