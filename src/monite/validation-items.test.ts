import { describe, expect, it } from 'vitest';
import providerErrors from './data/provider-errors.json' with { type: 'json' };
import { validationItems, validationSentence } from './validation-items';

/** The real `errors` shapes (provider-errors.json), by the start of their shape note. */
function example(provider: string | null, notePrefix: string): unknown {
  const found = providerErrors.errors_object_examples.find(
    (e) => e.provider === provider && e.shape_note.startsWith(notePrefix),
  );
  if (!found) throw new Error(`no example ${provider} ${notePrefix}`);
  return found.example;
}

describe('validationItems on the providers’ real shapes', () => {
  it('reads Codat’s push validation errors (itemId, message)', () => {
    const items = validationItems(example('codat', 'Codat push'));
    expect(items).toEqual([
      {
        field: 'NominalCode',
        message: 'Failed to push to Account as NominalCode must not be longer than 10 characters long.',
      },
    ]);
    expect(items.map(validationSentence)).toEqual([
      'NominalCode — Failed to push to Account as NominalCode must not be longer than 10 characters long.',
    ]);
  });

  it('reads Railz’s push status (field, message) and its API errors (a list of messages)', () => {
    expect(validationItems(example('railz', 'Railz (FIS'))).toEqual([
      { field: 'customerName', message: 'Must have a length between 1 and 500 characters.' },
    ]);
    const apiError = providerErrors.errors_object_examples.find(
      (e) => e.provider === 'railz' && e.platform === null,
    )!.example;
    expect(validationItems(apiError)).toEqual([{ field: null, message: 'businessName cannot be null' }]);
  });

  it('reads Xero’s ValidationException and QuickBooks Online’s Fault', () => {
    const xero = providerErrors.errors_object_examples.find((e) => e.platform === 'xero' && !e.provider)!;
    expect(validationItems(xero.example)).toEqual([{ field: null, message: 'Website must be valid.' }]);
    const qbo = providerErrors.errors_object_examples.find(
      (e) => e.platform === 'quickbooks_online' && !e.provider,
    )!;
    expect(validationItems(qbo.example)).toEqual([
      {
        field: null,
        message:
          "Invalid Reference Id : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
      },
    ]);
  });

  it('falls back to the summary line for shapes without items, and to nothing without errors', () => {
    expect(validationItems(example('codat', 'Codat synchronous'))).toEqual([
      {
        field: null,
        message:
          'InvoicePdfNotFoundException: Invoice not found for company 360cb9b3-d9cf-4f66-b8db-8a3523fe3dc5 and invoice ID 12345',
      },
    ]);
    expect(validationItems([{ message: 'Ledger account is missing' }])).toEqual([
      { field: null, message: 'Ledger account is missing' },
    ]);
    expect(validationItems({})).toEqual([]);
    expect(validationItems(null)).toEqual([]);
  });

  it('lists each item once, in the provider’s order, and names the QuickBooks element when it is given', () => {
    const errors = {
      validation: {
        errors: [
          { field: 'lineItems[0].taxRateRef', message: 'The TaxType field is mandatory' },
          { field: 'dueDate', message: 'Due date must be after the issue date' },
          { field: 'lineItems[0].taxRateRef', message: 'The TaxType field is mandatory' },
        ],
      },
    };
    expect(validationItems(errors).map(validationSentence)).toEqual([
      'lineItems[0].taxRateRef — The TaxType field is mandatory',
      'dueDate — Due date must be after the issue date',
    ]);
    expect(
      validationItems({
        Fault: { Error: [{ Message: 'Duplicate Document Number Error', element: 'DocNumber' }] },
      }),
    ).toEqual([{ field: 'DocNumber', message: 'Duplicate Document Number Error' }]);
  });
});
