/**
 * Seeded randomness: the dataset and every push outcome are pure functions of the seed, so a test
 * (or a demo) sees the same records and the same push results on every run.
 */

/** A float in [0, 1). */
export type Rng = () => number;

/** cyrb128: a 128-bit string hash, enough state to seed sfc32 without correlated streams. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  return [h1 >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** A generator seeded from any parts, e.g. `rngFrom(seed, recordId, pushNumber)`. */
export function rngFrom(...parts: (string | number)[]): Rng {
  let [a, b, c, d] = cyrb128(parts.join('|'));
  // sfc32
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  const last = entries.at(-1);
  if (!last) throw new Error('weighted pick from an empty list');
  return last[0];
}

export function hex(rng: Rng, length: number): string {
  let out = '';
  // Eight hex digits per draw: the dataset needs hundreds of thousands of ids.
  while (out.length < length)
    out += Math.floor(rng() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

/** A version-4-shaped uuid drawn from the generator. */
export function uuid(rng: Rng): string {
  const h = hex(rng, 32);
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A uuid that is a pure function of its parts (entity ids, provider company ids…). */
export function stableUuid(...parts: (string | number)[]): string {
  return uuid(rngFrom(...parts));
}
