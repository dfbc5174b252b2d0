import { describe, expect, it } from 'vitest';
import type { ListedRecord, RecordsPage } from '../../contract/api';
import { majorUnits } from '../../contract/documents';
import { labelOf } from '../../contract/labels';
import { upsertRecords } from '../mirror';
import { parseCsv } from '../test/parse-csv';
import { startBff, useSimulatedMonite, type Bff } from '../test/harness';

useSimulatedMonite();

async function allListed(bff: Bff, query: string): Promise<ListedRecord[]> {
  const headers = await bff.signIn('viewer');
  const records: ListedRecord[] = [];
  let cursor = '';
  do {
    const res = await bff.app.inject({
      url: `/api/entities/${bff.entityId}/records?${query}&limit=50${cursor && `&cursor=${cursor}`}`,
      headers,
    });
    const page: RecordsPage = res.json();
    records.push(...page.data);
    cursor = page.next_cursor ?? '';
  } while (cursor);
  return records;
}

async function exportCsv(bff: Bff, query: string) {
  return bff.app.inject({
    url: `/api/entities/${bff.entityId}/records.csv?${query}`,
    headers: await bff.signIn('viewer'),
  });
}

/** The CSV's rows as objects keyed by its header. */
function rowsOf(body: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(body.replace(/^\uFEFF/, ''));
  return rows.map((row) => Object.fromEntries(header!.map((title, i) => [title, row[i]!])));
}

describe('GET /api/entities/:entityId/records.csv', () => {
  it('exports what the list shows for the same filters, search and sort, in its order, to a viewer', async () => {
    const bff = await startBff();
    await bff.deps.refresher.refresh(bff.entityId);
    await bff.deps.documents.fill(bff.entityId);
    const invoice = (await allListed(bff, 'sync_status=error&object_type=receivable')).find(
      (r) => r.document?.kind === 'invoice' && r.document.counterpart_name,
    )!;
    const doc = invoice.document?.kind === 'invoice' ? invoice.document : undefined;
    const counterpart = doc!.counterpart_name!;

    for (const query of [
      'sync_status=error&sort=updated_at',
      'sync_status=&sort=-amount',
      `q=${encodeURIComponent(counterpart)}`,
      `error_group=${encodeURIComponent(invoice.classification!.group)}&provider=${invoice.provider}`,
    ]) {
      const listed = await allListed(bff, query);
      const res = await exportCsv(bff, query);
      expect(res.statusCode).toBe(200);
      const rows = rowsOf(res.body);
      expect(listed.length).toBeGreaterThan(0);
      expect(rows.map((r) => r['Record id'])).toEqual(listed.map((r) => r.id));
      rows.forEach((row, i) => {
        const record = listed[i]!;
        expect(row['Object id']).toBe(record.object_id ?? '');
        expect(row['Updated at']).toBe(record.updated_at);
        expect(row['Error group']).toBe(record.classification?.label ?? '');
        expect(row['Class']).toBe(
          { retry: 'Retry may help', fix_first: 'Fix first', unknown: 'Not recognised', none: '' }[
            record.classification?.class ?? 'none'
          ],
        );
      });
    }

    const [row] = rowsOf((await exportCsv(bff, `q=${invoice.object_id}`)).body);
    expect(row).toMatchObject({
      Status: 'Failed',
      Type: 'Receivable',
      Document: doc!.number ?? '',
      Counterpart: counterpart,
      Amount: doc!.total ? majorUnits(doc!.total) : '',
      Currency: doc!.total?.currency ?? '',
      'Issue date': doc!.issue_date ?? '',
      'Due date': doc!.due_date ?? '',
      Platform: labelOf('platform', invoice.platform),
      'Record id': invoice.id,
    });
    expect(row!['Error']).not.toBe('');
    await bff.close();
  });

  it('is a spreadsheet-safe UTF-8 download: BOM, quoting, no formulas, a named file', async () => {
    const bff = await startBff();
    const at = '2030-01-01T00:00:00.000Z';
    await upsertRecords(bff.deps.db, bff.entityId, [
      {
        id: '00000000-0000-4000-8000-000000000001',
        created_at: at,
        updated_at: at,
        last_pulled_at: at,
        object_type: 'bill',
        sync_status: 'error',
        provider: 'codat',
        platform: 'xero',
        object_id: 'b1',
        errors: { message: '=HYPERLINK("https://evil.example","Müller, \u201cGmbH\u201d")\nsecond line' },
      },
    ]);
    const res = await exportCsv(bff, 'q=00000000-0000-4000-8000-00000000000');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="sync-desk-test-trading-gmbh-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.body).toContain(
      '"\'=HYPERLINK(""https://evil.example"",""Müller, \u201cGmbH\u201d"")\nsecond line"',
    );
    expect(res.body.split('\r\n')).toHaveLength(3); // header, the row (its cell's \n is quoted), end
    expect(rowsOf(res.body)).toEqual([
      expect.objectContaining({
        Error: '\'=HYPERLINK("https://evil.example","Müller, \u201cGmbH\u201d")\nsecond line',
      }),
    ]);
    await bff.close();
  });

  it('answers 400 for filters the list rejects, and the header alone when nothing matches', async () => {
    const bff = await startBff();
    await bff.deps.refresher.refresh(bff.entityId);
    const bad = await exportCsv(bff, 'sync_status=failed');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bad_request');
    expect((await exportCsv(bff, 'limit=10')).statusCode).toBe(400);
    const none = await exportCsv(bff, 'q=zzzzzzzzz-nothing');
    expect(parseCsv(none.body)).toHaveLength(1);
    await bff.close();
  });
});
