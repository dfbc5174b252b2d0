import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { summariseErrors } from '../../../monite/errors-text';
import { appendAudit, startBff, type RecordInit } from '../../test/bff';
import { renderApp } from '../../test/render-app';

const XERO_ID = '8f6f5a52-1d3c-4b5e-9a7e-2b0c1d9e4f11';

/** Opens the drawer of the first record and waits for it to load. */
async function openDrawer(
  records: RecordInit[],
  configure?: (bff: Awaited<ReturnType<typeof startBff>>) => void,
) {
  const bff = await startBff({ records });
  configure?.(bff);
  const app = renderApp(`${bff.recordsUrl}/${bff.records[0]!.id}`);
  const drawer = await screen.findByRole('dialog', { name: new RegExp(records[0]!.object_id ?? '') });
  return { bff, drawer, ...app };
}

describe('record details drawer', () => {
  it('leads with the message and the validation items as "field — message" sentences, with the cause', async () => {
    const { drawer } = await openDrawer([
      {
        object_id: 'bill-70',
        errors: {
          message: 'The TaxType field is mandatory on 1 line',
          validation: {
            errors: [
              { field: 'lineItems[0].taxRateRef', message: 'The TaxType field is mandatory' },
              { field: 'dueDate', message: 'Due date must be after the issue date' },
            ],
          },
        },
      },
    ]);
    const regions = within(drawer).getAllByRole('region');
    expect(regions.map((r) => r.querySelector('h3')?.textContent)).toEqual([
      'Errors',
      'Push history',
      'Handled',
      'Details',
    ]);
    const errors = regions[0]!;
    // The message, then its items.
    const message = within(errors).getByText('The TaxType field is mandatory on 1 line');
    const items = within(errors).getByRole('list', { name: 'Validation items' });
    expect(message.compareDocumentPosition(items) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(
      within(items)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'lineItems[0].taxRateRef — The TaxType field is mandatory',
      'dueDate — Due date must be after the issue date',
    ]);
    // What to do about it stays beside the words.
    expect(within(errors).getByText('Fix first')).toBeInTheDocument();
  });

  it('shows every field fresh from the record route, the ids with copy buttons, and the raw JSON behind a toggle', async () => {
    const errors = { provider: { message: 'Contact is archived', code: 'E42' }, fields: ['due_date'] };
    const { drawer, user } = await openDrawer(
      [{ object_id: 'bill-77', provider_object_id: 'codat-991', errors }],
      // Monite has moved on since the list was mirrored: the drawer shows Monite's copy.
      (bff) => bff.sim.store.update(bff.entityId, bff.records[0]!.id, { provider_object_id: 'codat-992' }),
    );
    expect(await within(drawer).findByText('codat-992')).toBeInTheDocument();
    expect(within(drawer).getByRole('button', { name: 'Copy Record ID' })).toBeInTheDocument();
    expect(within(drawer).getByRole('button', { name: 'Push' })).toBeEnabled();

    const toggle = within(drawer).getByText('Raw provider JSON');
    const json = drawer.querySelector('pre')!;
    expect(json).not.toBeVisible();
    await user.click(toggle);
    expect(json).toBeVisible();
    expect(json.textContent).toBe(JSON.stringify(errors, null, 2));
  });

  it("lists each push with who, the outcome and the error then, newest first; another person's without their name", async () => {
    const DUPLICATE = 'Duplicate Document Number Error : number in use';
    const bff = await startBff({
      records: [{ object_id: 'bill-79', errors: { provider: { message: DUPLICATE } } }],
    });
    // An admin pushed it from another browser; a fix-first failure fails again until it is fixed.
    expect((await bff.push(await bff.as('admin'), bff.records[0]!.id)).statusCode).toBe(200);
    bff.settlePushes();
    renderApp(`${bff.recordsUrl}/${bff.records[0]!.id}`);
    const drawer = await screen.findByRole('dialog', { name: /bill-79/ });

    const history = await within(drawer).findByRole('list', { name: 'Push history' });
    const entries = within(history).getAllByRole('listitem');
    expect(entries.map((e) => e.firstChild?.textContent)).toEqual([
      'Failed at the providerFailed',
      'Monite accepted the pushOK',
      'Pushed (was failed)',
    ]);
    // The error then: the provider's message the push left.
    const record = bff.sim.store.record(bff.entityId, bff.records[0]!.id)!;
    expect(within(entries[0]!).getByText(summariseErrors(record.errors)!)).toBeInTheDocument();
    for (const entry of entries) expect(entry).toHaveTextContent('Someone else');
    // When: relative, the exact time on hover.
    expect(within(entries[0]!).getByText(/ago|just now/)).toHaveAttribute('title');
  });

  it('shows a push from the drawer in its history by the signed-in person, up to where it settled', async () => {
    const { drawer, user } = await openDrawer([{ object_id: 'bill-80' }]);
    expect(await within(drawer).findByText('Never pushed from Sync Desk.')).toBeInTheDocument();

    await user.click(within(drawer).getByRole('button', { name: 'Push' }));
    const history = await within(drawer).findByRole('list', { name: 'Push history' });
    // The poll that sees the record settle refetches the history.
    expect(
      await within(history).findByText(
        /^(Synced by the provider|Failed at the provider)$/,
        {},
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    const entries = within(history).getAllByRole('listitem');
    expect(entries).toHaveLength(3);
    for (const entry of entries) expect(entry).toHaveTextContent('operator@example.com');
  }, 10_000);

  it("shows a bulk job's push and where it settled once the job ends", async () => {
    // Pushes stay pending at Monite until the test settles them.
    const bff = await startBff({ pushDelayMs: 60_000, records: [{ object_id: 'bill-83' }] });
    // The same operator started a job in another tab; this page follows it.
    await bff.startJob(await bff.as('operator'), { ids: [bff.records[0]!.id] });
    renderApp(`${bff.recordsUrl}/${bff.records[0]!.id}`);
    const drawer = await screen.findByRole('dialog', { name: /bill-83/ });
    expect(await screen.findByText('Pushing 1 record')).toBeInTheDocument();
    bff.settlePushes();

    const settled = await within(drawer).findByText(
      /^(Synced by the provider|Failed at the provider)$/,
      undefined,
      { timeout: 5000 },
    );
    const history = within(drawer).getByRole('list', { name: 'Push history' });
    expect(history).toContainElement(settled);
    expect(within(history).getByText('Pushed in a bulk push (was failed)')).toBeInTheDocument();
  }, 15_000);

  it('shows the newest pushes first and older ones on demand', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-84' }] });
    const recordId = bff.records[0]!.id;
    for (let i = 0; i < 21; i++) {
      await appendAudit(bff.deps.db, {
        actor: 'operator@example.com',
        action: 'push',
        entity_id: bff.entityId,
        record_id: recordId,
        data: { status_before: i === 0 ? 'done' : 'error' },
      });
    }
    const { user } = renderApp(`${bff.recordsUrl}/${recordId}`);
    const drawer = await screen.findByRole('dialog', { name: /bill-84/ });
    const history = await within(drawer).findByRole('list', { name: 'Push history' });
    expect(within(history).getAllByRole('listitem')).toHaveLength(20);

    await user.click(within(drawer).getByRole('button', { name: 'Show older' }));
    await waitFor(() => expect(within(history).getAllByRole('listitem')).toHaveLength(21));
    // The first push, from before the record failed, comes last.
    expect(within(history).getAllByRole('listitem').at(-1)).toHaveTextContent('Pushed (was done)');
    expect(within(drawer).queryByRole('button', { name: 'Show older' })).not.toBeInTheDocument();
  });

  it('says when the history cannot be read, and retries', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-81' }] });
    const restore = await bff.breakTable('audit_entry');
    const { user } = renderApp(`${bff.recordsUrl}/${bff.records[0]!.id}`);
    const drawer = await screen.findByRole('dialog', { name: /bill-81/ });
    const alert = await within(drawer).findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the push history');
    await restore();
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await within(drawer).findByText('Never pushed from Sync Desk.')).toBeInTheDocument();
  });

  it('links out to Xero for a bill with its Xero id, and to Monite when a template is configured', async () => {
    const { drawer } = await openDrawer(
      [{ object_id: 'bill-90', platform: 'xero', platform_object_id: XERO_ID }],
      (b) => (b.deps.settings.recordLinkTemplate = 'https://app.example.com/{object_type}/{object_id}'),
    );
    const xero = within(drawer).getByRole('link', { name: /Open in Xero/ });
    expect(xero).toHaveAttribute(
      'href',
      `https://go.xero.com/AccountsPayable/Edit.aspx?InvoiceID=${XERO_ID}`,
    );
    expect(xero).toHaveAttribute('target', '_blank');
    expect(xero).toHaveAttribute('rel', 'noopener noreferrer');
    expect(within(drawer).getByRole('link', { name: /Open in Monite/ })).toHaveAttribute(
      'href',
      'https://app.example.com/bill/bill-90',
    );
  });

  it('links to QuickBooks Online by its numeric id; no Monite link without a template', async () => {
    const { drawer } = await openDrawer([
      {
        object_id: 'vendor-1',
        object_type: 'vendor',
        platform: 'quickbooks_online',
        platform_object_id: '417',
      },
    ]);
    expect(within(drawer).getByRole('link', { name: /Open in QuickBooks/ })).toHaveAttribute(
      'href',
      'https://app.qbo.intuit.com/app/vendordetail?nameId=417',
    );
    expect(within(drawer).queryByRole('link', { name: /Open in Monite/ })).not.toBeInTheDocument();
  });

  it('offers no link where the platform has no page for the record', async () => {
    // QuickBooks Desktop (Monite's plain `quickbooks`) has no web page to open.
    const { drawer } = await openDrawer([
      { object_id: 'bill-91', platform: 'quickbooks', platform_object_id: '418' },
    ]);
    expect(within(drawer).queryByRole('list', { name: 'Links out' })).not.toBeInTheDocument();
    expect(within(drawer).queryByRole('link', { name: /Open in/ })).not.toBeInTheDocument();
  });

  it('opens from a row and closes with Esc, keeping the list and its filters', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-78' }] });
    const { router, user } = renderApp(`${bff.recordsUrl}?provider=codat`);

    await user.click(await screen.findByText('bill-78'));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`${bff.recordsUrl}/${bff.records[0]!.id}`);
    expect(router.state.location.search).toBe('?provider=codat');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe(bff.recordsUrl);
    expect(router.state.location.search).toBe('?provider=codat');
    expect(screen.getByText('bill-78')).toBeInTheDocument();
  });
});
