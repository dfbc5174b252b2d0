/**
 * Real error strings the accounting platforms emit, a curated subset of the catalogue in
 * src/monite/data/provider-errors.json (provider-catalogue.test.ts holds them to it).
 * `text`, the platform and `objectTypes` are verbatim from that file; `field` is ours: the record
 * property a provider would blame, used as Codat's `itemId` and Railz's `field`.
 */
import type { ObjectType } from '../monite/schemas';

/** Xero messages apply to `xero`; QuickBooks Online messages to every `quickbooks*` platform. */
export type PlatformFamily = 'xero' | 'quickbooks';

export type ProviderMessage = {
  family: PlatformFamily;
  objectTypes: readonly ObjectType[];
  text: string;
  field: string;
  /** What the failed record's Monite document must show for the message to be true (documents.ts). */
  flaw?: DocumentFlaw;
  /**
   * The cause is on the platform's side (a conflict, an internal error), not in the data: the
   * same push can succeed later. Without it, the push fails the same way until someone fixes the
   * data (push-outcome.ts). Sync Desk's catalogue classes these `retry` (provider-catalogue.test.ts).
   */
  transient?: true;
};

/** A duplicate number is shared with another document of the entity; a missing tax rate leaves a line without one. */
export type DocumentFlaw = 'duplicate_number' | 'missing_tax_rate';

export const PROVIDER_MESSAGES: readonly ProviderMessage[] = [
  {
    family: 'xero',
    objectTypes: ['receivable', 'bill'],
    text: "Account code '200' is not a valid code for this document",
    field: 'lineItems[0].accountRef',
  },
  {
    family: 'xero',
    objectTypes: ['receivable', 'bill'],
    text: 'Account must be valid.',
    field: 'lineItems[0].accountRef',
  },
  {
    family: 'xero',
    objectTypes: ['receivable', 'bill'],
    text: 'Tax rate must be valid.',
    field: 'lineItems[0].taxRateRef',
  },
  {
    family: 'xero',
    objectTypes: ['receivable', 'bill'],
    text: 'The TaxType code GST on Income does not exist or cannot be used for this type of transaction.',
    field: 'lineItems[0].taxRateRef',
  },
  {
    family: 'xero',
    objectTypes: ['receivable', 'bill'],
    text: 'The TaxType field is mandatory',
    field: 'lineItems[0].taxRateRef',
    flaw: 'missing_tax_rate',
  },
  {
    family: 'xero',
    objectTypes: ['receivable', 'bill'],
    text: 'Account code must be specified',
    field: 'lineItems[0].accountRef',
  },
  {
    family: 'xero',
    objectTypes: ['receivable', 'bill'],
    text: 'One or more line items must be specified',
    field: 'lineItems',
  },
  {
    family: 'xero',
    objectTypes: ['receivable'],
    text: 'Invoice # must be unique.',
    field: 'invoiceNumber',
    flaw: 'duplicate_number',
  },
  {
    family: 'xero',
    objectTypes: ['receivable', 'bill', 'payment_record'],
    text: 'The document date cannot be before the end of year lock date, currently set at 31-Jul-2013',
    field: 'issueDate',
  },
  {
    family: 'xero',
    objectTypes: ['receivable', 'bill'],
    text: 'A currency rate must be specified',
    field: 'currencyRate',
  },
  {
    family: 'xero',
    objectTypes: ['receivable', 'bill'],
    text: 'Organisation is not subscribed to currency British Pound',
    field: 'currency',
  },
  {
    family: 'xero',
    objectTypes: ['customer', 'vendor'],
    text: 'The contact name Adam B is already assigned to another contact. The contact name must be unique across all active contacts',
    field: 'contactName',
  },
  {
    family: 'xero',
    objectTypes: ['customer', 'vendor'],
    text: 'Contact Name cannot be empty.',
    field: 'contactName',
  },
  {
    family: 'xero',
    objectTypes: ['customer', 'vendor'],
    text: 'The Account Number already exists. Please enter a different Account Number.',
    field: 'accountNumber',
  },
  { family: 'xero', objectTypes: ['customer', 'vendor'], text: 'Website must be valid.', field: 'website' },
  {
    family: 'xero',
    objectTypes: ['product'],
    text: "Price List Item with Code 'abc' already exists",
    field: 'code',
  },
  {
    family: 'xero',
    objectTypes: ['payment_record'],
    text: 'Payments can only be made against Authorised documents',
    field: 'invoiceRef',
  },
  {
    family: 'xero',
    objectTypes: ['payment_record'],
    text: 'Payment amount exceeds the amount outstanding on this document',
    field: 'totalAmount',
  },
  {
    family: 'xero',
    objectTypes: ['payment_record'],
    text: 'You must specify an Account code or Account ID for the payment',
    field: 'accountRef',
  },
  {
    family: 'quickbooks',
    objectTypes: ['receivable', 'bill', 'payment_record'],
    text: 'Duplicate Document Number Error : You must specify a different number. This number has already been used.',
    field: 'documentNumber',
    flaw: 'duplicate_number',
  },
  {
    family: 'quickbooks',
    objectTypes: ['customer', 'vendor'],
    text: 'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.',
    field: 'displayName',
  },
  {
    family: 'quickbooks',
    objectTypes: ['receivable', 'bill', 'payment_record'],
    text: "Invalid Reference Id : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
    field: 'accountRef',
  },
  {
    family: 'quickbooks',
    objectTypes: ['receivable'],
    text: 'Invalid Reference Id : Line.SalesItemLineDetail.ItemRef',
    field: 'lineItems[0].itemRef',
  },
  {
    family: 'quickbooks',
    objectTypes: ['receivable', 'bill', 'product'],
    text: 'Invalid Reference Id : Categories cannot be used in transactions.',
    field: 'itemRef',
  },
  {
    family: 'quickbooks',
    objectTypes: ['customer', 'vendor', 'product', 'receivable', 'bill', 'payment_record'],
    text: 'Stale Object Error : You and API API were working on this at the same time. API API finished before you did, so your work was not saved.',
    field: 'syncToken',
    transient: true,
  },
  {
    family: 'quickbooks',
    objectTypes: ['receivable', 'payment_record'],
    text: 'Object Not Found : Another user has deleted this transaction.',
    field: 'id',
  },
  {
    family: 'quickbooks',
    objectTypes: ['receivable', 'bill'],
    text: 'Business Validation Error: Make sure all your transactions have a VAT rate before you save.',
    field: 'lineItems[0].taxRateRef',
    flaw: 'missing_tax_rate',
  },
  {
    family: 'quickbooks',
    objectTypes: ['receivable', 'customer'],
    text: 'Business Validation Error: Unexpected Internal Error. (-30000)',
    field: 'id',
    transient: true,
  },
  {
    family: 'quickbooks',
    objectTypes: ['receivable', 'payment_record'],
    text: 'Business Validation Error: You cannot enter more than 21 characters in the doc_num field',
    field: 'documentNumber',
  },
  {
    family: 'quickbooks',
    objectTypes: ['customer', 'vendor'],
    text: 'String length specified does not match the supported length. Min:0 Max:50 supported. Supplied length:51',
    field: 'displayName',
  },
  {
    family: 'quickbooks',
    objectTypes: ['receivable', 'bill'],
    text: 'Required parameter Line is missing in the request',
    field: 'lineItems',
  },
  {
    family: 'quickbooks',
    objectTypes: ['bill', 'payment_record'],
    text: 'Invalid account type: You need to select a different type of account for this transaction.',
    field: 'accountRef',
  },
];
