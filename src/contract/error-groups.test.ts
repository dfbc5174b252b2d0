import { describe, expect, it } from 'vitest';
import providerErrors from '../monite/data/provider-errors.json' with { type: 'json' };
import {
  MAX_GROUP_LENGTH,
  UNKNOWN_FIX,
  classifyErrors,
  classifyMessage,
  errorCatalogue,
  errorGroupOf,
  normaliseMessage,
} from './error-groups';
import { asksToConfirmFix, type ErrorClass } from './error-class';

/** Every sourced message: the platforms' validation errors, and the catalogue's own additions. */
const SOURCED = [...providerErrors.messages, ...errorCatalogue.messages].map((m) => m.message);

/** How a bookkeeper would file each sourced message, checked by hand. */
const EXPECTED: [message: string, group: string, errorClass: ErrorClass][] = [
  ["Account code '200' is not a valid code for this document", 'xero.account_code_not_valid', 'fix_first'],
  ['Account must be valid.', 'xero.account_not_valid', 'fix_first'],
  ['Tax rate must be valid.', 'xero.tax_rate_not_valid', 'fix_first'],
  [
    'The TaxType code GST on Income does not exist or cannot be used for this type of transaction.',
    'xero.tax_type_not_usable',
    'fix_first',
  ],
  [
    "The TaxType code 'GST on Income' cannot be used with account code '60410'.",
    'xero.tax_type_account_mismatch',
    'fix_first',
  ],
  ['The TaxType field is mandatory', 'xero.tax_type_mandatory', 'fix_first'],
  ['Account code must be specified', 'xero.account_code_missing', 'fix_first'],
  ["Item code 'X' is not valid", 'xero.item_code_not_valid', 'fix_first'],
  ['One or more line items must be specified', 'xero.line_items_missing', 'fix_first'],
  ['Invoice # must be unique.', 'xero.invoice_number_not_unique', 'fix_first'],
  ['Invoice not of valid status for modification', 'xero.invoice_not_editable', 'fix_first'],
  [
    'The document date cannot be before the end of year lock date, currently set at 31-Jul-2013',
    'xero.lock_date',
    'fix_first',
  ],
  ['A currency rate must be specified', 'xero.currency_rate_missing', 'fix_first'],
  ['Organisation is not subscribed to currency British Pound', 'xero.currency_not_subscribed', 'fix_first'],
  [
    'The contact name Adam B is already assigned to another contact. The contact name must be unique across all active contacts',
    'xero.contact_name_taken',
    'fix_first',
  ],
  [
    'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber',
    'xero.contact_not_identified',
    'fix_first',
  ],
  ['Contact Name cannot be empty.', 'xero.contact_name_empty', 'fix_first'],
  [
    'The Account Number already exists. Please enter a different Account Number.',
    'xero.contact_account_number_taken',
    'fix_first',
  ],
  ['Website must be valid.', 'xero.website_not_valid', 'fix_first'],
  ["Price List Item with Code 'abc' already exists", 'xero.item_code_taken', 'fix_first'],
  [
    'Payments can only be made against Authorised documents',
    'xero.payment_document_not_authorised',
    'fix_first',
  ],
  [
    'Payment amount exceeds the amount outstanding on this document',
    'xero.payment_exceeds_outstanding',
    'fix_first',
  ],
  [
    'You must specify an Account code or Account ID for the payment',
    'xero.payment_account_missing',
    'fix_first',
  ],
  [
    'Duplicate Document Number Error : You must specify a different number. This number has already been used.',
    'qbo.duplicate_document_number',
    'fix_first',
  ],
  [
    'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.',
    'qbo.duplicate_name',
    'fix_first',
  ],
  [
    "Invalid Reference Id : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
    'qbo.inactive_reference',
    'fix_first',
  ],
  ['Invalid Reference Id : Line.SalesItemLineDetail.ItemRef', 'qbo.invalid_reference', 'fix_first'],
  [
    'Invalid Reference Id : Categories cannot be used in transactions.',
    'qbo.category_in_transaction',
    'fix_first',
  ],
  [
    'Stale Object Error : You and API API were working on this at the same time. API API finished before you did, so your work was not saved.',
    'qbo.stale_object',
    'retry',
  ],
  [
    "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
    'qbo.inactive_reference',
    'fix_first',
  ],
  ['Object Not Found : Another user has deleted this transaction.', 'qbo.object_deleted', 'fix_first'],
  [
    'Business Validation Error: Make sure all your transactions have a GST/HST rate before you save.',
    'qbo.tax_rate_missing',
    'fix_first',
  ],
  [
    'Business Validation Error: Make sure all your transactions have a VAT rate before you save.',
    'qbo.tax_rate_missing',
    'fix_first',
  ],
  [
    "Business Validation Error: We're sorry, QuickBooks encountered an error while calculating tax. Try reselecting the tax rate or reentering the product/service item and saving the form again.",
    'qbo.tax_calculation_failed',
    'fix_first',
  ],
  ['Business Validation Error: Unexpected Internal Error. (-30000)', 'qbo.internal_error', 'retry'],
  [
    'Business Validation Error: You cannot enter more than 21 characters in the doc_num field',
    'qbo.field_too_long',
    'fix_first',
  ],
  [
    'String length specified does not match the supported length. Min:0 Max:50 supported. Supplied length:51',
    'qbo.string_too_long',
    'fix_first',
  ],
  ['Required parameter Line is missing in the request', 'qbo.required_parameter_missing', 'fix_first'],
  [
    'Invalid account type: You need to select a different type of account for this transaction.',
    'qbo.invalid_account_type',
    'fix_first',
  ],
  ['The account period has closed. {1}', 'qbo.period_closed', 'fix_first'],
  [
    'oauth_problem=rate%20limit%20exceeded&oauth_problem_advice=please%20wait%20before%20retrying%20the%20xero%20api',
    'xero.rate_limited',
    'retry',
  ],
  ['The Organisation is offline', 'xero.organisation_offline', 'retry'],
  [
    'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.',
    'xero.service_error',
    'retry',
  ],
  ['message=ThrottleExceeded; errorCode=003001; statusCode=429', 'qbo.throttled', 'retry'],
  ['The request limit was reached.  Try again later', 'qbo.throttled', 'retry'],
  ['message=GatewayTimeout; errorCode=006002; statusCode=504', 'qbo.gateway_timeout', 'retry'],
  ['message=InternalServerError; errorCode=003100; statusCode=500', 'qbo.service_error', 'retry'],
];

const matchingEntries = (message: string) =>
  errorCatalogue.groups.filter((g) => new RegExp(g.pattern, 'i').test(normaliseMessage(message)));

describe('the error catalogue against the real strings', () => {
  it('files every sourced message where a bookkeeper would', () => {
    expect(EXPECTED.map(([m]) => m).toSorted()).toEqual(SOURCED.toSorted());
    const filed = EXPECTED.map(([message]) => {
      const { group, class: errorClass } = classifyMessage(message);
      return [message, group, errorClass];
    });
    expect(filed).toEqual(EXPECTED);
  });

  it('has no overlapping patterns: each sourced message matches exactly one entry', () => {
    expect(SOURCED.filter((m) => matchingEntries(m).length !== 1)).toEqual([]);
  });

  it('has no unused entries: each is matched by a sourced message', () => {
    const used = new Set(SOURCED.flatMap((m) => matchingEntries(m).map((g) => g.key)));
    expect(errorCatalogue.groups.map((g) => g.key).filter((k) => !used.has(k))).toEqual([]);
  });

  it('keys every entry uniquely and gives each one sentence of what to fix', () => {
    const keys = errorCatalogue.groups.map((g) => g.key);
    expect(new Set(keys).size).toBe(keys.length);
    const oneSentence = /^[^.]+(\.[^.\s][^.]*)*\.$/;
    expect(errorCatalogue.groups.filter((g) => !oneSentence.test(g.fix)).map((g) => g.key)).toEqual([]);
  });

  it('groups messages that differ only by numbers, names and dates', () => {
    const variants: [string, string][] = [
      [
        "Account code '200' is not a valid code for this document",
        "Account code '4100-EU' is not a valid code for this document",
      ],
      [
        'The document date cannot be before the end of year lock date, currently set at 31-Jul-2013',
        'The document date cannot be before the end of year lock date, currently set at 30-Jun-2025',
      ],
      [
        'The contact name Adam B is already assigned to another contact. The contact name must be unique across all active contacts',
        'The contact name Müller GmbH is already assigned to another contact. The contact name must be unique across all active contacts',
      ],
      [
        'Business Validation Error: You cannot enter more than 21 characters in the doc_num field',
        'Business Validation Error: You cannot enter more than 31 characters in the doc_num field',
      ],
      [
        'Organisation is not subscribed to currency British Pound',
        'Organisation is not subscribed to currency Euro',
      ],
      [
        'Stale Object Error : You and API API were working on this at the same time. API API finished before you did, so your work was not saved.',
        'Stale Object Error : You and Anna Schmidt were working on this at the same time. Anna Schmidt finished before you did, so your work was not saved.',
      ],
    ];
    expect(variants.map(([, b]) => classifyMessage(b))).toEqual(variants.map(([a]) => classifyMessage(a)));
  });

  it('keeps different causes apart', () => {
    const groups = new Set(SOURCED.map((m) => classifyMessage(m).group));
    const labels = new Set(errorCatalogue.groups.map((g) => g.label));
    expect(groups.size).toBe(errorCatalogue.groups.length);
    expect(labels.size).toBe(errorCatalogue.groups.length);
  });
});

describe('errorGroupOf', () => {
  it('takes out numbers, ids, quoted names, codes, amounts and dates', () => {
    expect(errorGroupOf("The TaxType code 'GST on Income' cannot be used with account code '60410'.")).toBe(
      'The TaxType code … cannot be used with account code …',
    );
    expect(
      errorGroupOf(
        'Invoice INV-2041 for €1,250.00 due 2024-12-12T10:00:00Z failed (id 1140fae6-b405-4c1f-9a7e-2a0c9a1b2c3d)',
      ),
    ).toBe('Invoice … for … due … failed (id …)');
    expect(
      errorGroupOf('Correlation ID: 72e161a142c17bb5b3e480f873df0b21. Customer "Acme Ltd" on 31-Jul-2013'),
    ).toBe('Correlation ID: …. Customer … on …');
  });

  it('gives two messages that differ only by such details one group, and different causes two', () => {
    const a = "Vendor 'Acme' has 3 open bills totalling $1,250.00 since 01/02/2024, ref PO-77";
    const b = "Vendor 'Müller GmbH' has 12 open bills totalling $99.5 since 12/11/2025, ref PO-1234";
    expect(errorGroupOf(a)).toBe(errorGroupOf(b));
    expect(errorGroupOf('Customer 12 is archived')).not.toBe(errorGroupOf('Customer 12 is missing'));
  });

  it("keeps words with an apostrophe, which quote nothing ('you're')", () => {
    expect(errorGroupOf("Something you're trying to use isn't active")).toBe(
      "Something you're trying to use isn't active",
    );
  });

  it('is bounded, cutting at a word', () => {
    const group = errorGroupOf(`The field ${'very '.repeat(60)}long is wrong`);
    expect(group.length).toBeLessThanOrEqual(MAX_GROUP_LENGTH);
    expect(group).toMatch(/^The field very (very )+very…$/);
  });
});

describe('classifyErrors', () => {
  it("classifies a record's errors by the provider's message inside", () => {
    const codat = {
      status: 'Failed',
      errorMessage:
        'An error occurred in a downstream service. Correlation ID: 72e1. Message: Push failed for Invoice: see validation for more information',
      validation: {
        errors: [
          {
            itemId: 'documentNumber',
            message:
              'Duplicate Document Number Error : You must specify a different number. This number has already been used.',
            validatorName: 'Invoice',
          },
        ],
        warnings: [],
      },
      statusCode: 400,
    };
    expect(classifyErrors(codat)).toEqual({
      group: 'qbo.duplicate_document_number',
      label: 'Duplicate Document Number',
      class: 'fix_first',
      fix: expect.stringContaining('QuickBooks'),
    });
    const railz = {
      status: 'failed',
      validation: {
        errors: [
          {
            field: 'syncToken',
            message:
              'Stale Object Error : You and API API were working on this at the same time. API API finished before you did, so your work was not saved.',
          },
        ],
      },
    };
    expect(classifyErrors(railz)).toMatchObject({
      group: 'qbo.stale_object',
      label: 'Stale object',
      class: 'retry',
    });
  });

  it('falls back to the message with its details out, labelled as not recognised', () => {
    const unknown = classifyErrors({
      validation: { errors: [{ message: 'Budget 2024-Q3 exceeded by 1,250.00' }] },
    });
    expect(unknown).toEqual({
      group: 'unknown:Budget … exceeded by …',
      label: 'Budget … exceeded by …',
      class: 'unknown',
      fix: UNKNOWN_FIX,
    });
    expect(asksToConfirmFix('unknown')).toBe(true);
    expect(asksToConfirmFix('fix_first')).toBe(true);
    expect(asksToConfirmFix('retry')).toBe(false);
  });

  it('is null for a record without an error', () => {
    expect(classifyErrors(null)).toBeNull();
    expect(classifyErrors({})).toBeNull();
  });
});
