/**
 * Request validation that answers like FastAPI/pydantic v2 (HTTPValidationError, API.md §7):
 * every problem in one 422 `{"detail":[{loc, msg, type, input}]}`.
 */
import type { Reply } from './reply';

export type Detail = { loc: (string | number)[]; msg: string; type: string; input?: unknown; ctx?: object };

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

export const isUuid = (s: string) => UUID.test(s);

/** pydantic's spelling of an enum's choices: `'a', 'b' or 'c'`. */
export const choices = (values: readonly string[]) =>
  values.length < 2
    ? `'${values[0] ?? ''}'`
    : `${values
        .slice(0, -1)
        .map((v) => `'${v}'`)
        .join(', ')} or '${values.at(-1)}'`;

/** Milliseconds since the epoch; a date-time without an offset is UTC, as pydantic reads it. */
export function parseDateTime(raw: string): number | undefined {
  const m = DATE_TIME.exec(raw);
  if (!m) return undefined;
  const [, date, hm = '00:00', sec = '00', frac = '0', zone = 'Z'] = m;
  const offset =
    zone.toUpperCase() === 'Z'
      ? 'Z'
      : zone.replace(/^([+-]\d{2}):?(\d{2})?$/, (_, h, mm) => `${h}:${mm ?? '00'}`);
  const ms = Date.parse(`${date}T${hm}:${sec}.${frac.padEnd(3, '0').slice(0, 3)}${offset}`);
  return Number.isNaN(ms) ? undefined : ms;
}

export class Validator {
  readonly details: Detail[] = [];

  get failed(): boolean {
    return this.details.length > 0;
  }

  reply(): Reply {
    return { status: 422, body: { detail: this.details } };
  }

  add(detail: Detail): void {
    this.details.push(detail);
  }

  required(loc: Detail['loc'], raw: string | undefined): string | undefined {
    if (raw === undefined) this.add({ loc, msg: 'Field required', type: 'missing', input: null });
    return raw;
  }

  uuid(loc: Detail['loc'], raw: string | undefined): string | undefined {
    if (raw === undefined || isUuid(raw)) return raw?.toLowerCase();
    this.add({ loc, msg: 'Input should be a valid UUID', type: 'uuid_parsing', input: raw });
    return undefined;
  }

  oneOf<const T extends readonly string[]>(
    loc: Detail['loc'],
    values: T,
    raw: string | undefined,
  ): T[number] | undefined {
    if (raw === undefined || values.includes(raw)) return raw;
    const expected = choices(values);
    this.add({ loc, msg: `Input should be ${expected}`, type: 'enum', input: raw, ctx: { expected } });
    return undefined;
  }

  int(loc: Detail['loc'], raw: string | undefined, min: number, max: number): number | undefined {
    if (raw === undefined) return undefined;
    if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
      this.add({
        loc,
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        type: 'int_parsing',
        input: raw,
      });
      return undefined;
    }
    const n = Number(raw);
    if (n < min) {
      this.add({
        loc,
        msg: `Input should be greater than or equal to ${min}`,
        type: 'greater_than_equal',
        input: raw,
        ctx: { ge: min },
      });
    } else if (n > max) {
      this.add({
        loc,
        msg: `Input should be less than or equal to ${max}`,
        type: 'less_than_equal',
        input: raw,
        ctx: { le: max },
      });
    } else return n;
    return undefined;
  }

  dateTime(loc: Detail['loc'], raw: string | undefined): number | undefined {
    if (raw === undefined) return undefined;
    const ms = parseDateTime(raw);
    if (ms === undefined)
      this.add({ loc, msg: 'Input should be a valid datetime', type: 'datetime_parsing', input: raw });
    return ms;
  }
}

/** A query parameter as FastAPI reads a scalar: the last occurrence wins. */
export const lastParam = (q: URLSearchParams, name: string) => q.getAll(name).at(-1);
