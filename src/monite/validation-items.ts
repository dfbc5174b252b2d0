/**
 * The items of a failed push as "field — message" sentences. Monite's `errors` holds the
 * provider's own object (provider-errors.json `errors_object_examples`); each names its items in
 * its own shape:
 * - Codat push operation: `validation.errors[]` of `{ itemId, message, validatorName }`;
 * - Railz push status: `validation.errors[]` of `{ field, message }`; Railz API errors:
 *   `error.message` as a list of strings;
 * - Xero's ValidationException: `Elements[].ValidationErrors[]` of `{ Message }`;
 * - QuickBooks Online's Fault: `Fault.Error[]` of `{ Message, Detail, element }`;
 * - Monite's own: a list of `{ message }`.
 * Anything else gives its one summary line (errors-text.ts). Browser-safe, no dependencies.
 */
import { summariseErrors } from './errors-text';

export type ValidationItem = { field: string | null; message: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

function item(field: unknown, message: unknown): ValidationItem[] {
  const said = text(message);
  return said ? [{ field: text(field), message: said }] : [];
}

function itemsOf(errors: unknown): ValidationItem[] {
  if (Array.isArray(errors)) return errors.flatMap((e) => (isObject(e) ? item(null, e.message) : []));
  if (!isObject(errors)) return [];
  const validation = isObject(errors.validation) ? list(errors.validation.errors) : [];
  const found: ValidationItem[] = validation.flatMap((e) =>
    isObject(e) ? item(e.itemId ?? e.field, e.message) : [],
  );
  if (isObject(errors.error)) found.push(...list(errors.error.message).flatMap((m) => item(null, m)));
  for (const element of list(errors.Elements)) {
    if (isObject(element)) {
      found.push(
        ...list(element.ValidationErrors).flatMap((e) => (isObject(e) ? item(null, e.Message) : [])),
      );
    }
  }
  if (isObject(errors.Fault)) {
    found.push(
      ...list(errors.Fault.Error).flatMap((e) => (isObject(e) ? item(e.element, e.Detail ?? e.Message) : [])),
    );
  }
  return found;
}

/** The provider's items, each once, in its order; else the summary line; [] when there is nothing. */
export function validationItems(errors: unknown): ValidationItem[] {
  const items = itemsOf(errors);
  if (items.length === 0) {
    const summary = summariseErrors(errors);
    return summary ? [{ field: null, message: summary }] : [];
  }
  const seen = new Set<string>();
  return items.filter(({ field, message }) => {
    const key = `${field}\u0000${message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/** "lineItems[0].accountRef — Account code must be valid." (the message alone when no field is named). */
export const validationSentence = ({ field, message }: ValidationItem): string =>
  field ? `${field} — ${message}` : message;
