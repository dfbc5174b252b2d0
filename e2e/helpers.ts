import type { Page } from '@playwright/test';
import { BFF_URL } from './ports';

/** Demo mode's seeded staff accounts (src/bff/auth/demo-accounts.ts). */
export const DEMO = {
  operator: { email: 'operator@example.com', password: 'demo-operator-password' },
  viewer: { email: 'viewer@example.com', password: 'demo-viewer-password' },
} as const;

/** Signs in through the BFF's API, as the sign-in page does; the cookie lands in the page's context. */
export async function signInAs(page: Page, role: keyof typeof DEMO): Promise<void> {
  const res = await page.request.post('/api/session', {
    headers: { 'x-sync-desk': '1', origin: BFF_URL },
    data: DEMO[role],
  });
  if (!res.ok()) throw new Error(`Sign-in as ${role} failed: ${res.status()} ${await res.text()}`);
}
