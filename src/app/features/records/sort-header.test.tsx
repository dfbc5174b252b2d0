import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';

/** The object ids of the rows on screen, top to bottom. */
const rowOrder = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .flatMap((row) =>
      within(row)
        .queryAllByText(/^rec-/)
        .map((cell) => cell.textContent),
    );

const header = (name: string) => screen.getByRole('columnheader', { name });
/** A header's sort button (the filter bar has buttons of the same names). */
const sortButton = (name: RegExp | string) => within(screen.getByRole('table')).getByRole('button', { name });

describe('sortable column headers', () => {
  it('sorts by a column from its header button, the other way on a second press, with aria-sort on the header', async () => {
    const bff = await startBff({
      records: [
        { object_id: 'rec-pending', sync_status: 'pending' },
        { object_id: 'rec-failed', sync_status: 'error' },
        { object_id: 'rec-done', sync_status: 'done' },
      ],
    });
    const { router, user } = renderApp(`${bff.recordsUrl}?sync_status=`);
    await screen.findByText('rec-done');

    await user.click(sortButton(/^Sort by Status/));
    expect(router.state.location.search).toBe('?sync_status=&sort=sync_status');
    expect(header('Status')).toHaveAttribute('aria-sort', 'ascending');
    expect(header('Updated')).not.toHaveAttribute('aria-sort');
    expect(sortButton('Sort by Status, sorted A to Z')).toBeInTheDocument();
    await expect.poll(rowOrder).toEqual(['rec-done', 'rec-failed', 'rec-pending']);

    // The keyboard works the same button.
    sortButton(/^Sort by Status/).focus();
    await user.keyboard('{Enter}');
    expect(router.state.location.search).toBe('?sync_status=&sort=-sync_status');
    expect(header('Status')).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(rowOrder).toEqual(['rec-pending', 'rec-failed', 'rec-done']);
  });

  it('sorts the Record column by the number, counterpart, amount or due date chosen beside it', async () => {
    const bff = await startBff({ records: [{ object_id: 'rec-a' }] });
    const { router, user } = renderApp(bff.recordsUrl);
    await screen.findByText('rec-a');
    const select = screen.getByRole('combobox', { name: 'Sort records by' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Number', 'Counterpart', 'Amount', 'Due date']);
    expect(header('Record')).not.toHaveAttribute('aria-sort');

    await user.selectOptions(select, 'Amount');
    expect(router.state.location.search).toBe('?sort=-amount');
    expect(header('Record')).toHaveAttribute('aria-sort', 'descending');
    expect(sortButton('Sort by Record, sorted largest first')).toBeInTheDocument();

    await user.click(sortButton(/^Sort by Record/));
    expect(router.state.location.search).toBe('?sort=amount');
    expect(header('Record')).toHaveAttribute('aria-sort', 'ascending');

    await user.selectOptions(select, 'Due date');
    expect(router.state.location.search).toBe('?sort=due_date');
    // Another column's header takes the sort over, from its first direction.
    await user.click(sortButton(/^Sort by Updated/));
    expect(router.state.location.search).toBe('');
    expect(header('Record')).not.toHaveAttribute('aria-sort');
    expect(select).toHaveValue('number');
  });
});
