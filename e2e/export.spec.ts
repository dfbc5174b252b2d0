import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { parseCsv } from '../src/bff/test/parse-csv';
import { signInAs } from './helpers';

test.beforeEach(async ({ page }) => signInAs(page, 'operator'));

type TableRow = { id: string; name: string; text: string };

/** The table's rows, in order: the record each links to, its name there, and all it says. */
async function tableRows(page: Page): Promise<TableRow[]> {
  return page
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .evaluateAll((rows) =>
      rows.map((row) => {
        const link = row.querySelector<HTMLAnchorElement>('a[href*="/records/"]');
        return {
          id: /\/records\/([0-9a-f-]{36})/.exec(link?.getAttribute('href') ?? '')?.[1] ?? '',
          name: link?.textContent ?? '',
          text: row.textContent ?? '',
        };
      }),
    );
}

async function downloadCsv(page: Page): Promise<Record<string, string>[]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^sync-desk-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile((await download.path())!, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  return rows.map((row) => Object.fromEntries(header!.map((title, i) => [title, row[i]!])));
}

test('Export CSV downloads the filtered view: the same records, in the table order, saying what the rows say', async ({
  page,
}) => {
  // The list renders only the rows in view: a window tall enough to hold every row of the view.
  await page.setViewportSize({ width: 1280, height: 4000 });
  await page.goto('/');
  await expect(page).toHaveURL(/\/entities\/[0-9a-f-]{36}\/records/);
  const url = new URL(page.url());
  await page.goto(`${url.pathname}?provider=codat&object_type=bill&sort=updated_at`);
  // Codat bills: the bulk push test pushes every failed Railz record. A push from another test may
  // still settle between the table's read and the export's: then both are read again.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/^\d+ failed records?$/)).toBeVisible();
    const total = Number((await page.getByText(/^\d+ failed records?$/).textContent())!.split(' ')[0]);
    const table = await tableRows(page);
    expect(table.length).toBeGreaterThan(0);
    expect(table).toHaveLength(total);
    const rows = await downloadCsv(page);
    expect(rows.map((row) => row['Record id'])).toEqual(table.map((row) => row.id));
    // The BFF reads documents in the background: compare once it has named them.
    expect(rows.filter((row) => row['Document'] === '')).toEqual([]);
    // Each line says what its row says: the document as named, its counterpart and amount, the
    // status, class and error.
    rows.forEach((row, i) => {
      const { name, text } = table[i]!;
      expect(row).toMatchObject({ Status: 'Failed', Type: 'Bill', Provider: 'Codat' });
      expect(row['Error']).not.toBe('');
      expect(name).toBe(`Bill ${row['Document']}`);
      for (const column of ['Status', 'Counterpart', 'Platform', 'Class', 'Error'] as const) {
        expect(text).toContain(row[column]);
      }
      // The table writes amounts with thousands separators (€1,250.00), the CSV plainly (1250.00).
      expect(text.replaceAll(',', '')).toContain(row['Amount']);
    });
  }).toPass({ timeout: 20_000 });
});
