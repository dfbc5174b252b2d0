/**
 * Monite's `errors` map is free-form (API.md §5): providers nest their own shapes inside it.
 * These helpers turn any such object into readable key/value lines and a one-line summary.
 */
export type ErrorLine = { key: string; value: string };

export function flattenErrors(errors: unknown, prefix = ''): ErrorLine[] {
  if (errors === null || errors === undefined) return [];
  if (typeof errors !== 'object') return [{ key: prefix || 'error', value: String(errors) }];
  const entries = Array.isArray(errors)
    ? errors.map((v, i) => [String(i), v] as const)
    : Object.entries(errors);
  return entries.flatMap(([k, v]) => flattenErrors(v, prefix ? `${prefix}.${k}` : k));
}

const lastKey = (l: ErrorLine) => l.key.split('.').at(-1) ?? '';

/** The line a person wants first: a `message` leaf (the provider's words), else any leaf. */
export function summariseErrors(errors: unknown): string | null {
  const lines = flattenErrors(errors).filter((l) => l.value.trim() !== '');
  const pick =
    lines.find((l) => lastKey(l) === 'message') ??
    lines.find((l) => /message|error|detail/i.test(lastKey(l))) ??
    lines[0];
  return pick?.value ?? null;
}
