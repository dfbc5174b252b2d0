import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { recordsQuerySchema } from '../../contract/api';
import type { Db } from '../db/database';
import { openTestDatabase } from '../test/database';
import { regroupErrors } from './error-groups';
import { markHandled } from './marks';
import { queryRecords } from './queries';
import { upsertRecords } from './store';
import { syncRecord } from './test-records';

const ENTITY = randomUUID();
let db: Db;

const failed = (message: string, minute: number) =>
  syncRecord({ object_type: 'bill', sync_status: 'error', errors: { message } }, minute);
const list = (q: Record<string, string> = {}) => queryRecords(db, ENTITY, recordsQuerySchema.parse(q));

beforeEach(async () => {
  db = await openTestDatabase();
  await upsertRecords(db, ENTITY, [
    failed('The TaxType field is mandatory', 1),
    failed('The TaxType field is mandatory', 2),
    failed("The TaxType code 'GST on Income' cannot be used with account code '60410'.", 3),
    failed('Budget 12 exceeded by 3,000.00', 4),
  ]);
});
afterEach(() => db.destroy());

it('counts failures by error group, says how each group reads, and filters by group', async () => {
  const page = await list({ sync_status: 'error' });
  expect(page.facets.error_group).toEqual({
    'xero.tax_type_mandatory': 2,
    'xero.tax_type_account_mismatch': 1,
    'unknown:Budget … exceeded by …': 1,
  });
  expect(page.error_groups['xero.tax_type_mandatory']).toMatchObject({ class: 'fix_first' });
  expect(page.error_groups['unknown:Budget … exceeded by …']).toMatchObject({
    label: 'Budget … exceeded by …',
    class: 'unknown',
  });
  expect(
    page.data.find((r) => r.errors?.message === 'The TaxType field is mandatory')?.classification,
  ).toMatchObject({
    group: 'xero.tax_type_mandatory',
    class: 'fix_first',
  });

  const group = await list({ sync_status: 'error', error_group: 'xero.tax_type_mandatory' });
  expect(group.total).toBe(2);
  // The group facet is counted under the other filters, not its own.
  expect(group.facets.error_group['xero.tax_type_account_mismatch']).toBe(1);
});

it("pages through one group's unmarked failures alone, in either order", async () => {
  const more = [5, 6, 7, 8, 9].map((minute) => failed('The TaxType field is mandatory', minute));
  await upsertRecords(db, ENTITY, [...more, syncRecord({ object_type: 'bill' }, 10)]);
  const marked = more[2]!;
  await markHandled(
    db,
    { actor: 'a@example.com', entityId: ENTITY, recordId: marked.id },
    { kind: 'resolved', reason: 'Fixed in Xero' },
  );
  const group = (await list({ sync_status: 'error' })).data
    .filter((r) => r.classification?.group === 'xero.tax_type_mandatory')
    .map((r) => r.id);
  expect(group).toHaveLength(6);
  expect(group).not.toContain(marked.id);

  for (const [sort, expected] of [
    ['-updated_at', group],
    ['updated_at', group.toReversed()],
  ] as const) {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({
        sync_status: 'error',
        error_group: 'xero.tax_type_mandatory',
        sort,
        limit: '4',
        ...(cursor && { cursor }),
      });
      expect(page.total).toBe(6);
      seen.push(...page.data.map((r) => r.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expected);
  }
});

it('regroups stored failures whose group a new catalogue changed, and moves their counts', async () => {
  // As if an older release had grouped these rows differently.
  await db
    .updateTable('mirror_record')
    .set({ error_group: 'old.group' })
    .where('entity_id', '=', ENTITY)
    .execute();
  await db.deleteFrom('mirror_count').where('entity_id', '=', ENTITY).execute();
  await db
    .insertInto('mirror_count')
    .values({
      entity_id: ENTITY,
      sync_status: 'error',
      provider: 'codat',
      platform: 'xero',
      object_type: 'bill',
      error_group: 'old.group',
      handled: '',
      n: 4,
    })
    .execute();

  // Until regrouped, a row reads as the group it is counted and filtered under.
  const before = await list({ sync_status: 'error', error_group: 'old.group' });
  expect(before.data.map((r) => r.classification?.group)).toEqual(Array(4).fill('old.group'));

  expect(await regroupErrors(db)).toBe(4);
  const page = await list({ sync_status: 'error' });
  expect(page.data.map((r) => r.classification?.group).toSorted()).toEqual(
    Object.entries(page.facets.error_group)
      .flatMap(([group, n]) => Array(n).fill(group))
      .toSorted(),
  );
  expect(page.facets.error_group).toEqual({
    'xero.tax_type_mandatory': 2,
    'xero.tax_type_account_mismatch': 1,
    'unknown:Budget … exceeded by …': 1,
  });
  expect(await regroupErrors(db)).toBe(0);
});
