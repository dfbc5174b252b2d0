/** Ids the way each system spells them, so the details drawer shows believable values. */
import type { Platform, Provider } from '../monite/schemas';
import { hex, intBetween, uuid, type Rng } from './random';

/** Xero identifies documents and contacts by GUID; QuickBooks by small per-type integers. */
export function platformObjectId(rng: Rng, platform: Platform): string {
  return platform === 'xero' ? uuid(rng) : String(intBetween(rng, 1, 99_999));
}

/** Codat keys are uuids; Railz ids are 24-hex-digit Mongo-style ids (`60473b57f0cdd1683ca71f60`). */
export function providerObjectId(rng: Rng, provider: Provider): string {
  return provider === 'codat' ? uuid(rng) : hex(rng, 24);
}
