/** The simulator's provider errors against the published catalogue in src/monite/data. */
import { describe, expect, it } from 'vitest';
import { classifyErrors, classifyMessage } from '../contract/error-groups';
import {
  OBJECT_TYPES,
  PLATFORMS,
  PROVIDERS,
  type ObjectType,
  type Platform,
  type Provider,
} from '../monite/schemas';
import { readProviderErrors } from '../monite/published';
import { pickMessage, providerError } from './provider-errors';
import { PROVIDER_MESSAGES } from './provider-messages';
import { rngFrom, type Rng } from './random';

const catalogue = readProviderErrors();

/** The catalogue names QuickBooks Online; the simulator's `quickbooks` family stands for it. */
const CATALOGUE_PLATFORM = { xero: 'xero', quickbooks: 'quickbooks_online' } as const;

/** Every key path in `value` (array items merged), so two shapes compare without their values. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((v) => keyPaths(v, `${prefix}[]`)))];
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keyPaths(v, `${prefix}.${k}`));
}

/** The errors object a push of this kind gets, with a message the simulator picks for it. */
function errorsFrom(rng: Rng, provider: Provider, platform: Platform, objectType: ObjectType) {
  return providerError(
    rng,
    {
      entityId: '390083d2-1a00-4872-a59a-d30237708ce7',
      provider,
      platform,
      objectType,
      requestedAt: Date.parse('2024-05-25T10:00:00Z'),
      completedAt: Date.parse('2024-05-25T10:00:01Z'),
    },
    pickMessage(rng, platform, objectType),
  );
}

describe('provider errors', () => {
  it('uses only messages the catalogue has, for its platform and object types', () => {
    const unlisted = PROVIDER_MESSAGES.filter(
      (m) =>
        !catalogue.messages.some(
          (c) =>
            c.message === m.text &&
            c.platform === CATALOGUE_PLATFORM[m.family] &&
            m.objectTypes.every((t) => c.object_types.includes(t)),
        ),
    ).map((m) => m.text);
    expect(unlisted).toEqual([]);
  });

  it("reports a failed push in the shape Codat's and Railz's published examples have", () => {
    const cases: [Provider, Platform][] = [
      ['codat', 'xero'],
      ['railz', 'quickbooks_online'],
    ];
    for (const [provider, platform] of cases) {
      const published = catalogue.errors_object_examples.find(
        (e) => e.provider === provider && e.platform === platform,
      );
      for (const objectType of OBJECT_TYPES) {
        const rng = rngFrom(provider, objectType);
        const ours = errorsFrom(rng, provider, platform, objectType);
        expect(keyPaths(ours).toSorted(), `${provider}/${objectType}`).toEqual(
          keyPaths(published?.example).toSorted(),
        );
      }
    }
  });

  it('emits only errors the error catalogue recognises, whichever provider wraps them', () => {
    const unrecognised = new Set<string>();
    for (const provider of PROVIDERS) {
      for (const platform of PLATFORMS) {
        for (const objectType of OBJECT_TYPES) {
          // Enough draws that every message of the pair comes up (the pick is uniform).
          for (let draw = 0; draw < 200; draw++) {
            const rng = rngFrom(provider, platform, objectType, draw);
            const errors = errorsFrom(rng, provider, platform, objectType);
            const classified = classifyErrors(errors);
            if (classified?.class !== 'retry' && classified?.class !== 'fix_first')
              unrecognised.add(JSON.stringify(errors));
          }
        }
      }
    }
    expect([...unrecognised]).toEqual([]);
    const unknown = PROVIDER_MESSAGES.filter((m) => classifyErrors({ message: m.text })?.class === 'unknown');
    expect(unknown.map((m) => m.text)).toEqual([]);
  });

  it('fails transiently exactly where Sync Desk tells users that a retry may help', () => {
    // The simulator's pushes fail the same way until fixed unless `transient`; the catalogue's
    // class is what users are told. They must agree, or the app would teach the wrong habit.
    const disagree = PROVIDER_MESSAGES.filter(
      (m) => (classifyMessage(m.text).class === 'retry') !== (m.transient === true),
    ).map((m) => m.text);
    expect(disagree).toEqual([]);
    expect(PROVIDER_MESSAGES.some((m) => m.transient)).toBe(true);
  });
});
