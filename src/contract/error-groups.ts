/**
 * Failures grouped by cause, and whether pushing again can help: the provider's message is
 * matched against the catalogue (./data/error-catalogue.json); a message it does not know falls
 * back to a group of its own wording with the details taken out. Browser-safe, but it brings zod
 * and the catalogue (about 4 kB gzipped): the SPA should import it lazily, or take the result
 * from the BFF; error-class.ts is the light part.
 */
import { z } from 'zod';
import { summariseErrors } from '../monite/errors-text';
import { errorClassSchema, type ErrorClassification, type ErrorGroupInfo } from './api';
import catalogueJson from './data/error-catalogue.json' with { type: 'json' };

/** The longest group label `errorGroupOf` returns: the mirror stores it per record. */
export const MAX_GROUP_LENGTH = 120;

const catalogueSchema = z.object({
  note: z.string(),
  groups: z.array(
    z.object({
      key: z.string().regex(/^(xero|qbo)\.[a-z_]+$/),
      label: z.string().max(MAX_GROUP_LENGTH),
      class: errorClassSchema.exclude(['unknown']),
      pattern: z.string(),
      fix: z.string(),
    }),
  ),
  /** Sourced wording the catalogue adds to src/monite/data/provider-errors.json (for its tests). */
  messages: z.array(
    z.object({
      platform: z.string(),
      provider: z.string().nullable(),
      code: z.string().nullable(),
      message: z.string(),
      source: z.url(),
    }),
  ),
});

export const errorCatalogue = catalogueSchema.parse(catalogueJson);

const entries = errorCatalogue.groups.map((g) => ({ ...g, regex: new RegExp(g.pattern, 'i') }));

/** Prefix of an unrecognised group's key, so it never meets a catalogue key (`xero.…`, `qbo.…`). */
const UNKNOWN_KEY_PREFIX = 'unknown:';

export const UNKNOWN_FIX =
  "Sync Desk does not recognise this error: read the provider's message in the details, fix what it names in Monite, Xero or QuickBooks, then push again.";

const ELLIPSIS = '…';

/**
 * The text patterns and groups see: one space for any run of whitespace, also URL-encoded
 * (Xero's OAuth problem strings).
 */
export const normaliseMessage = (message: string) => message.replace(/(?:\s|%20)+/g, ' ').trim();

/**
 * Details that differ between two failures of one cause, most specific first (a date holds
 * numbers, an id holds hex). Each becomes "…".
 */
const DETAILS: RegExp[] = [
  // Quoted names: '…', "…", ‘…’, “…”; an apostrophe inside a word ("you're") opens nothing.
  /(?<![\p{L}\p{N}])'[^']*'(?![\p{L}\p{N}])/gu,
  /"[^"]*"/g,
  /‘[^’]*’/g,
  /“[^”]*”/g,
  /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  /\b\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?/g,
  /\b\d{1,2}[-/ ](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[-/ ]\d{2,4}\b/gi,
  /\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/g,
  /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi,
  // Codes that hold a letter and a digit (INV-2041, A12), then amounts and other numbers.
  /(?<![\p{L}\p{N}_])(?=[\p{L}\p{N}_-]*\p{N})(?=[\p{L}\p{N}_-]*\p{L})[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)*/gu,
  /(?<![\p{L}\p{N}_])(?:[$€£¥]\s?)?[-+]?\d(?:[\d,.']*\d)?(?:\s?[$€£¥])?/gu,
  // A template placeholder the provider left unfilled ("The account period has closed. {1}").
  /\{[^{}]*\}/g,
];

/**
 * The message with numbers, ids, quoted names, codes, amounts and dates taken out: a short,
 * stable label two failures of one cause share. Deterministic; at most MAX_GROUP_LENGTH long.
 */
export function errorGroupOf(message: string): string {
  let text = normaliseMessage(message);
  for (const detail of DETAILS) text = text.replace(detail, ELLIPSIS);
  text = text
    .replace(/…(?:[\s,.:;/-]*…)+/g, ELLIPSIS)
    .replace(/\{…\}|\(…\)|\[…\]/g, ELLIPSIS)
    .replace(/[\s.,;:]+$/, '')
    .trim();
  if (text === '') return ELLIPSIS;
  if (text.length <= MAX_GROUP_LENGTH) return text;
  const cut = text.slice(0, MAX_GROUP_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_GROUP_LENGTH / 2 ? cut.slice(0, space) : cut}${ELLIPSIS}`;
}

const byKey = new Map(errorCatalogue.groups.map((g) => [g.key, g]));

/** How a stored group key (from `classifyMessage`) reads, e.g. in the error facet. */
export function describeGroup(group: string): ErrorGroupInfo {
  const entry = byKey.get(group);
  if (entry) return { label: entry.label, class: entry.class, fix: entry.fix };
  return { label: group.replace(UNKNOWN_KEY_PREFIX, ''), class: 'unknown', fix: UNKNOWN_FIX };
}

/** A stored group key's classification: as its facet reads, without matching a message again. */
export const classifyGroup = (group: string): ErrorClassification => ({ group, ...describeGroup(group) });

/** The classification of one provider message. */
export function classifyMessage(message: string): ErrorClassification {
  const text = normaliseMessage(message);
  const entry = entries.find((e) => e.regex.test(text));
  if (entry) return { group: entry.key, label: entry.label, class: entry.class, fix: entry.fix };
  const label = errorGroupOf(text);
  // Group keys travel as a comma-separated filter (`?error_group=a,b`).
  const group = `${UNKNOWN_KEY_PREFIX}${label.replaceAll(',', '')}`;
  return { group, label, class: 'unknown', fix: UNKNOWN_FIX };
}

/** A failed record's group, class and guidance from its `errors`; null when it has none. */
export function classifyErrors(errors: unknown): ErrorClassification | null {
  const message = summariseErrors(errors);
  return message === null ? null : classifyMessage(message);
}
