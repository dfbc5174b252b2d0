/**
 * Partner access tokens: random and opaque like Monite's, remembered after expiry so a stale
 * token gets "expired" rather than "unknown" (both are 401 since 2024-05-25, API.md §3).
 */
import { randomBytes } from 'node:crypto';

export type TokenCheck = { state: 'valid'; clientId: string } | { state: 'expired' | 'unknown' };

export class TokenStore {
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();

  issue(clientId: string, ttlSeconds: number, now: number): string {
    const token = randomBytes(30).toString('base64url');
    this.tokens.set(token, { clientId, expiresAt: now + ttlSeconds * 1000 });
    return token;
  }

  check(token: string, now: number): TokenCheck {
    const found = this.tokens.get(token);
    if (!found) return { state: 'unknown' };
    return found.expiresAt > now ? { state: 'valid', clientId: found.clientId } : { state: 'expired' };
  }

  /** Whose token this is, expired or not: rate limits count per client before auth runs. */
  clientOf(token: string): string | undefined {
    return this.tokens.get(token)?.clientId;
  }

  /** Every token issued so far, for tests that prove none of them leaks. */
  issued(): string[] {
    return [...this.tokens.keys()];
  }

  expireAll(now: number): void {
    for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
  }
}
