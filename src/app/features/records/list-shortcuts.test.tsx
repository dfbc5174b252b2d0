import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';

/** The table's record rows, in screen order (the header row left out). */
const dataRows = () => screen.getAllByRole('row').slice(1);
const name = (row: HTMLElement) => within(row).getByRole('link').textContent!;

describe('list shortcuts', () => {
  it('j/k move the current row and say which it is, x ticks it, Enter opens it', async () => {
    const bff = await startBff({
      records: [{ object_id: 'bill-a' }, { object_id: 'bill-b' }, { object_id: 'bill-c' }],
    });
    const { user, router } = renderApp(bff.recordsUrl);
    await screen.findByText('bill-a');
    const [first, second] = dataRows();

    await user.keyboard('j');
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(first).toHaveFocus();
    expect(screen.getByText(`Row 1 of 3: ${name(first!)}, Failed`)).toBeInTheDocument();
    await user.keyboard('jjk');
    expect(second).toHaveAttribute('aria-selected', 'true');
    expect(first).not.toHaveAttribute('aria-selected');
    expect(screen.getByText(`Row 2 of 3: ${name(second!)}, Failed`)).toBeInTheDocument();

    await user.keyboard('x');
    expect(within(second!).getByRole('checkbox')).toBeChecked();
    expect(screen.getByText('1 selected')).toBeInTheDocument();
    expect(screen.getByText(`${name(second!)} selected`)).toBeInTheDocument();

    await user.keyboard('{Enter}');
    const href = within(second!).getByRole('link').getAttribute('href')!;
    // The details route loads lazily, so the navigation completes a moment later.
    await waitFor(() =>
      expect(`${router.state.location.pathname}${router.state.location.search}`).toBe(href),
    );
  });

  it('p asks first as the Push button does; shortcuts wait while typing or while a dialog is open', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-done', sync_status: 'done' }] });
    const { user } = renderApp(`${bff.recordsUrl}?sync_status=done`);
    await screen.findByText('bill-done');

    await user.keyboard('jp');
    const dialog = await screen.findByRole('dialog', { name: 'Push Bill bill-done again?' });
    await user.keyboard('?');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bff.sim.store.pushCount(bff.records[0]!.id)).toBe(0);

    await user.keyboard('/');
    const search = screen.getByRole('searchbox', { name: 'Search records' });
    expect(search).toHaveFocus();
    await user.keyboard('x?');
    expect(search).toHaveValue('x?');
    expect(screen.queryByText('1 selected')).not.toBeInTheDocument();

    await user.clear(search);
    search.blur();
    await screen.findByText('bill-done');
    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByText('Next row')).toBeInTheDocument();
    expect(within(help).getByText('Push the row (asks first, as the Push button does)')).toBeInTheDocument();
  });
});

/** jsdom has no matchMedia: a phone's width is the one query that matches. */
const phone = () =>
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: query === '(max-width: 639.98px)',
    addEventListener: () => {},
    removeEventListener: () => {},
  }));
const cards = () => within(screen.getByRole('list', { name: 'Records' })).getAllByRole('listitem');
/** The cards' records, top to bottom, by their status-named object ids. */
const order = () => cards().map((card) => /rec-(pending|failed|done)/.exec(card.textContent!)![0]);

describe('on a phone, records as cards', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sorts the cards from one select offering every order both ways, kept in the URL', async () => {
    phone();
    const bff = await startBff({
      records: [
        { object_id: 'rec-pending', sync_status: 'pending' },
        { object_id: 'rec-failed', sync_status: 'error' },
        { object_id: 'rec-done', sync_status: 'done' },
      ],
    });
    const { user, router } = renderApp(`${bff.recordsUrl}?sync_status=`);
    await screen.findByText('rec-done');
    const select = screen.getByRole('combobox', { name: 'Sort' });
    expect(within(select).getAllByRole('option')).toHaveLength(18);
    expect(select).toHaveValue('-updated_at');

    await user.selectOptions(select, 'Status, Z to A');
    expect(router.state.location.search).toBe('?sync_status=&sort=-sync_status');
    await waitFor(() => expect(order()).toEqual(['rec-pending', 'rec-failed', 'rec-done']));
  });

  it('shows each record as a card, and j/k, x and Enter work on the cards', async () => {
    phone();
    const bff = await startBff({ records: [{ object_id: 'bill-a' }, { object_id: 'bill-b' }] });
    const { user, router } = renderApp(bff.recordsUrl);
    await screen.findByText('bill-a');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const [first, second] = cards();
    for (const card of [first!, second!]) {
      expect(within(card).getByText('Failed')).toBeInTheDocument();
      expect(within(card).getByRole('button', { name: 'Push' })).toBeInTheDocument();
    }
    expect(second).toHaveAttribute('aria-posinset', '2');
    expect(second).toHaveAttribute('aria-setsize', '2');
    // The select-all box the table has in its header.
    const all = screen.getByRole('checkbox', { name: 'Select all loaded records' });
    await user.click(all);
    expect(within(first!).getByRole('checkbox')).toBeChecked();
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await user.click(all);
    all.blur();

    await user.keyboard('jj');
    expect(second).toHaveFocus();
    expect(screen.getByText(`Row 2 of 2: ${name(second!)}, Failed`)).toBeInTheDocument();
    await user.keyboard('x');
    expect(within(second!).getByRole('checkbox')).toBeChecked();
    expect(screen.getByText('1 selected')).toBeInTheDocument();

    await user.keyboard('{Enter}');
    const href = within(second!).getByRole('link').getAttribute('href')!;
    await waitFor(() =>
      expect(`${router.state.location.pathname}${router.state.location.search}`).toBe(href),
    );
  });

  it('p pushes the current card through its own Push button (asking first for a done record)', async () => {
    phone();
    const bff = await startBff({ records: [{ object_id: 'bill-done', sync_status: 'done' }] });
    const { user } = renderApp(`${bff.recordsUrl}?sync_status=done`);
    await screen.findByText('bill-done');
    await user.keyboard('jp');
    expect(await screen.findByRole('dialog', { name: 'Push Bill bill-done again?' })).toBeInTheDocument();
  });
});
