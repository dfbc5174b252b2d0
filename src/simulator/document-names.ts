/**
 * Plausible names for the simulator's documents: companies by country (with the currency, VAT
 * rate and tax id format that go with it), people, and products. Picked by a generator seeded
 * from the document id, so a document always carries the same name.
 */
import { intBetween, pick, type Rng } from './random';

export type Country = {
  code: 'DE' | 'GB' | 'US' | 'NL' | 'CH';
  currency: 'EUR' | 'GBP' | 'USD' | 'CHF';
  /** Standard VAT rate in basis points (Monite's minor units of a percentage). */
  vat: number;
  names: readonly string[];
  trades: readonly string[];
  suffixes: readonly string[];
  taxId: (rng: Rng) => string;
  tld: string;
};

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => intBetween(rng, 0, 9)).join('');

/** Weighted so most documents are in euros, as for a German entity, with GBP, USD and CHF beside. */
export const COUNTRIES: readonly (readonly [Country, number])[] = [
  [
    {
      code: 'DE',
      currency: 'EUR',
      vat: 1900,
      names: ['Müller', 'Schmidt', 'Becker', 'Hoffmann', 'Wagner', 'Keller', 'Fischer', 'Schäfer', 'Krüger'],
      trades: ['Logistik', 'Bau', 'Handel', 'Consulting', 'Software', 'Medien', 'Elektrotechnik', 'Druck'],
      suffixes: ['GmbH', 'AG', 'GmbH & Co. KG', 'KG'],
      taxId: (rng) => `DE${digits(rng, 9)}`,
      tld: 'de',
    },
    50,
  ],
  [
    {
      code: 'NL',
      currency: 'EUR',
      vat: 2100,
      names: ['Van Dijk', 'De Vries', 'Bakker', 'Visser', 'Smit', 'Jansen'],
      trades: ['Techniek', 'Groep', 'Handel', 'Installaties', 'Transport'],
      suffixes: ['B.V.', 'N.V.'],
      taxId: (rng) => `NL${digits(rng, 9)}B01`,
      tld: 'nl',
    },
    10,
  ],
  [
    {
      code: 'GB',
      currency: 'GBP',
      vat: 2000,
      names: ['Harbour', 'Oakwood', 'Kingsley', 'Thames', 'Bramble', 'Whitfield', 'Ashcroft'],
      trades: ['Supplies', 'Partners', 'Analytics', 'Print', 'Foods', 'Engineering', 'Studio'],
      suffixes: ['Ltd', 'LLP', 'plc'],
      taxId: (rng) => `GB${digits(rng, 9)}`,
      tld: 'co.uk',
    },
    20,
  ],
  [
    {
      code: 'US',
      currency: 'USD',
      vat: 0,
      names: ['Summit', 'Redwood', 'Liberty', 'Bluebird', 'Granite', 'Hudson', 'Cascade'],
      trades: ['Labs', 'Logistics', 'Media', 'Outfitters', 'Systems', 'Health'],
      suffixes: ['Inc.', 'LLC', 'Corp.'],
      taxId: (rng) => `${digits(rng, 2)}-${digits(rng, 7)}`,
      tld: 'com',
    },
    15,
  ],
  [
    {
      code: 'CH',
      currency: 'CHF',
      vat: 810,
      names: ['Brunner', 'Gerber', 'Meier', 'Zürcher', 'Baumann'],
      trades: ['Treuhand', 'Präzision', 'Uhren', 'Informatik'],
      suffixes: ['AG', 'GmbH', 'SA'],
      taxId: (rng) => `CHE-${digits(rng, 3)}.${digits(rng, 3)}.${digits(rng, 3)}`,
      tld: 'ch',
    },
    5,
  ],
];

export const companyName = (rng: Rng, c: Country) =>
  `${pick(rng, c.names)} ${pick(rng, c.trades)} ${pick(rng, c.suffixes)}`;

export const FIRST_NAMES = [
  'Anna',
  'Jonas',
  'Emma',
  'Lukas',
  'Olivia',
  'James',
  'Sofia',
  'Noah',
  'Mia',
  'Liam',
];
export const LAST_NAMES = [
  'Weber',
  'Schulz',
  'Smith',
  'Jones',
  'de Boer',
  'Brown',
  'Meyer',
  'Taylor',
  'Koch',
];

/** Product or service names with a typical unit price in minor units (before VAT). */
export const PRODUCTS: readonly (readonly [name: string, type: 'product' | 'service', price: number])[] = [
  ['Consulting hour', 'service', 12000],
  ['Annual software licence', 'service', 249000],
  ['Office chair Ergo 3', 'product', 38900],
  ['Website hosting (monthly)', 'service', 2900],
  ['Espresso beans 1 kg', 'product', 2450],
  ['Laptop stand', 'product', 5990],
  ['Onboarding workshop (day)', 'service', 140000],
  ['Cloud storage 1 TB (monthly)', 'service', 999],
  ['Printer toner, black', 'product', 8990],
  ['Support plan (quarterly)', 'service', 45000],
  ['Standing desk 160 × 80', 'product', 64900],
  ['Translation, per 100 words', 'service', 1500],
];

/** An email address's domain part from a company name: ASCII, lowercase, dashes. */
export const domainOf = (name: string, tld: string) =>
  `${name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/\b(gmbh|ag|kg|co|b\.v|n\.v|ltd|llp|plc|inc|llc|corp|sa)\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')}.${tld}`;
