/**
 * The Monite documents behind the synced records (`object_id`), in the shapes Monite returns them
 * (InvoiceResponsePayload…, PayableResponseSchema, CounterpartResponse, ProductServiceResponse,
 * PaymentRecordResponse). Nothing is stored: a document is a pure function of the seed, its
 * record and the entity's other records, built when asked for, so seeding a million records
 * costs nothing more. Optional fields are left out rather than null, as for synced records.
 *
 * Consistency the error messages rely on: a record failed with a duplicate-number message is a
 * document whose number another document of the entity has too; one failed for a missing tax
 * rate has a line (a receivable) or a bill without a tax rate. The flaw stays while the push is
 * retried (the record's errors are cleared while pending) and goes when someone fixes it
 * (RecordStore.fix): the document then has a number of its own and every tax rate.
 */
import type { ObjectType } from '../monite/schemas';
import {
  COUNTRIES,
  companyName,
  domainOf,
  FIRST_NAMES,
  LAST_NAMES,
  PRODUCTS,
  type Country,
} from './document-names';
import type { SimEntity } from './entities';
import type { DocumentFlaw } from './provider-messages';
import { intBetween, pick, rngFrom, stableUuid, weighted, type Rng } from './random';
import type { RecordStore } from './record-store';
import { iso, type Entry } from './sim-record';

const DAY = 86_400_000;

type Body = Record<string, unknown>;
type Party = {
  id: string;
  country: Country;
  individual?: { first: string; last: string };
  name: string;
  taxId?: string;
  email?: string;
};

/** The flaw the document has until someone fixes it: the one its record's standing failure names. */
const flawOf = (entry: Entry): DocumentFlaw | undefined => entry.cause?.message.flaw;

const date = (ms: number) => iso(ms).slice(0, 10);
const vatOf = (minor: number, rate: number) => Math.round((minor * rate) / 10_000);
const LANGUAGES: Record<Country['code'], string> = { DE: 'de', CH: 'de', NL: 'nl', GB: 'en', US: 'en' };
const RECEIVABLE_TYPES = [
  ['invoice', 85],
  ['credit_note', 10],
  ['quote', 5],
] as const;
const PREFIXES: Record<string, string> = { invoice: 'INV', credit_note: 'CN', quote: 'Q' };

export class DocumentBook {
  constructor(
    private readonly seed: number,
    private readonly store: RecordStore,
    private readonly entities: readonly SimEntity[],
  ) {}

  receivable(entityId: string, id: string): Body | undefined {
    const entry = this.store.byObject(entityId, 'receivable', id);
    return entry && this.receivableOf(entry);
  }

  payable(entityId: string, id: string): Body | undefined {
    const entry = this.store.byObject(entityId, 'bill', id);
    return entry && this.payableOf(entry);
  }

  counterpart(entityId: string, id: string): Body | undefined {
    const entry =
      this.store.byObject(entityId, 'customer', id) ?? this.store.byObject(entityId, 'vendor', id);
    if (!entry) return undefined;
    const party = this.party(id);
    const rng = rngFrom(this.seed, 'counterpart-dates', id);
    const created = entry.createdMs - intBetween(rng, 1, 400) * DAY;
    const roles = {
      is_customer: entry.record.object_type === 'customer',
      is_vendor: entry.record.object_type === 'vendor',
    };
    const email = party.email === undefined ? {} : { email: party.email };
    return {
      id,
      created_at: iso(created),
      updated_at: entry.record.object_updated_at,
      created_automatically: false,
      language: LANGUAGES[party.country.code],
      reminders_enabled: false,
      ...(party.taxId !== undefined && { tax_id: party.taxId }),
      ...(party.individual
        ? {
            type: 'individual',
            individual: {
              first_name: party.individual.first,
              last_name: party.individual.last,
              ...roles,
              ...email,
              tags: [],
            },
          }
        : { type: 'organization', organization: { legal_name: party.name, ...roles, ...email, tags: [] } }),
    };
  }

  product(entityId: string, id: string): Body | undefined {
    const entry = this.store.byObject(entityId, 'product', id);
    if (!entry) return undefined;
    const p = this.productFacts(id);
    return {
      id,
      created_at: iso(entry.createdMs - intBetween(rngFrom(this.seed, 'product-dates', id), 1, 200) * DAY),
      updated_at: entry.record.object_updated_at,
      entity_id: entityId,
      name: p.name,
      type: p.type,
      price: { currency: p.currency, value: p.price },
    };
  }

  paymentRecord(entityId: string, id: string): Body | undefined {
    const entry = this.store.byObject(entityId, 'payment_record', id);
    if (!entry) return undefined;
    const rng = rngFrom(this.seed, 'payment', id);
    const paidAt = entry.createdMs - intBetween(rng, 0, 2 * DAY);
    const paysBill = rng() < 0.35;
    const paidEntry = this.recent(rng, entityId, paysBill ? 'bill' : 'receivable', paidAt);
    const paid = paidEntry && (paysBill ? this.payableOf(paidEntry) : this.receivableOf(paidEntry));
    const total =
      typeof paid?.total_amount === 'number' ? paid.total_amount : intBetween(rng, 1_000, 500_000);
    const amount = rng() < 0.8 ? total : Math.max(1, Math.round(total / 2));
    return {
      id,
      amount,
      currency: (paid?.currency as string | undefined) ?? 'EUR',
      history: [{ status: 'succeeded', timestamp: iso(paidAt) }],
      is_external: true,
      object: {
        id: paid?.id ?? stableUuid(this.seed, 'paid-document', id),
        type: paysBill ? 'payable' : 'receivable',
        old_status: paysBill ? 'waiting_to_be_paid' : 'issued',
        new_status: amount < total ? 'partially_paid' : 'paid',
      },
      paid_at: iso(paidAt),
      status: 'succeeded',
    };
  }

  private receivableOf(entry: Entry): Body {
    const id = entry.record.object_id;
    const rng = rngFrom(this.seed, 'receivable', id);
    const type = weighted(rng, RECEIVABLE_TYPES);
    const entityId = entry.entityId;
    const party = this.party(
      this.recent(rng, entityId, 'customer', entry.createdMs)?.record.object_id ??
        stableUuid(this.seed, 'customer-of', id),
    );
    const created = entry.createdMs - intBetween(rng, 60_000, 3 * DAY);
    const issued = Date.parse(`${date(created)}T00:00:00Z`);
    const flaw = flawOf(entry);
    const lines = this.lines(rng, entityId, entry.createdMs, party.country, flaw === 'missing_tax_rate');
    const subtotal = lines.reduce((sum, l) => sum + l.total_before_vat, 0);
    const vat = lines.reduce((sum, l) => sum + l.total_after_vat - l.total_before_vat, 0);
    const total = subtotal + vat;
    const status =
      type === 'quote'
        ? 'accepted'
        : type === 'credit_note' || entry.record.sync_status === 'error'
          ? 'issued'
          : weighted(rng, [
              ['issued', 40],
              ['paid', 35],
              ['partially_paid', 15],
              ['overdue', 10],
            ] as const);
    const paid = status === 'paid' ? total : status === 'partially_paid' ? Math.round(total / 2) : 0;
    const body: Body = {
      id,
      type,
      created_at: iso(created),
      updated_at: entry.record.object_updated_at,
      document_id: this.receivableNumber(entry, type),
      status,
      counterpart_id: party.id,
      counterpart_type: party.individual ? 'individual' : 'organization',
      counterpart_name: party.name,
      ...(party.taxId !== undefined && { counterpart_tax_id: party.taxId }),
      currency: party.country.currency,
      ...this.issuer(entityId),
      file_language: LANGUAGES[party.country.code],
      original_file_language: LANGUAGES[party.country.code],
      issue_date: iso(issued),
      line_items: lines,
      subtotal,
      total_vat_amount: vat,
      total_amount: total,
    };
    if (type !== 'invoice') return body;
    return {
      ...body,
      due_date: date(issued + pick(rng, [14, 30, 30, 45]) * DAY),
      amount_due: total - paid,
      amount_paid: paid,
      total_amount_with_credit_notes: total,
      related_documents: { credit_note_ids: [] },
    };
  }

  /** The entity as a receivable names it: `entity` and `entity_address`. */
  private issuer(entityId: string): Body {
    const entity = this.entities.find((e) => e.id === entityId);
    if (!entity) throw new Error(`No entity ${entityId}`);
    const { address, individual } = entity.response as {
      address: Body;
      individual?: { first_name: string; last_name: string };
    };
    return {
      entity: individual
        ? { type: 'individual', first_name: individual.first_name, last_name: individual.last_name }
        : { type: 'organization', name: entity.displayName },
      entity_address: Object.fromEntries(Object.entries(address).filter(([, v]) => v !== null)),
    };
  }

  private payableOf(entry: Entry): Body {
    const id = entry.record.object_id;
    const rng = rngFrom(this.seed, 'payable', id);
    const entityId = entry.entityId;
    const flaw = flawOf(entry);
    // A duplicate is the same vendor's number entered twice.
    const twin = flaw === 'duplicate_number' ? this.twin(entry, () => true) : undefined;
    const vendorEntry = this.recent(
      rngFrom(this.seed, 'vendor-pick', (twin ?? entry).record.object_id),
      entityId,
      'vendor',
      (twin ?? entry).createdMs,
    );
    const party = this.party(vendorEntry?.record.object_id ?? stableUuid(this.seed, 'vendor-of', id));
    const issued = entry.createdMs - intBetween(rng, 1, 20) * DAY;
    const subtotal = this.lines(rng, entityId, entry.createdMs, party.country, false).reduce(
      (s, l) => s + l.total_before_vat,
      0,
    );
    const rate = party.country.vat;
    const tax = flaw === 'missing_tax_rate' ? 0 : vatOf(subtotal, rate);
    const total = subtotal + tax;
    const status =
      entry.record.sync_status === 'error'
        ? pick(rng, ['new', 'waiting_to_be_paid'] as const)
        : weighted(rng, [
            ['waiting_to_be_paid', 40],
            ['paid', 45],
            ['partially_paid', 5],
            ['approve_in_progress', 10],
          ] as const);
    const paid = status === 'paid' ? total : status === 'partially_paid' ? Math.round(total / 2) : 0;
    return {
      id,
      created_at: iso(issued + intBetween(rng, 0, DAY)),
      updated_at: entry.record.object_updated_at,
      entity_id: entityId,
      document_id: this.billNumber(twin ?? entry),
      status,
      counterpart_id: party.id,
      counterpart_raw_data: { name: party.name, ...(party.email !== undefined && { email: party.email }) },
      currency: party.country.currency,
      subtotal,
      // A bill without a tax rate has no `tax`; its lines were entered without one.
      ...(flaw !== 'missing_tax_rate' && { tax: rate, tax_amount: tax }),
      total_amount: total,
      amount_due: total - paid,
      amount_paid: paid,
      issued_at: date(issued),
      due_date: date(issued + pick(rng, [14, 30, 60]) * DAY),
      credit_notes: [],
      payable_origin: 'upload',
      source_of_payable_data: 'ocr',
      ocr_status: 'success',
    };
  }

  /**
   * `INV-1000`, `CN-1001`…: numbered by position among the entity's receivables. A duplicate
   * takes the number of the nearest earlier (else later) receivable of its type that is not one.
   */
  private receivableNumber(entry: Entry, type: string): string {
    const twin =
      flawOf(entry) === 'duplicate_number'
        ? this.twin(entry, (other) => this.receivableType(other) === type)
        : undefined;
    return `${PREFIXES[type] ?? 'INV'}-${1000 + this.position(twin ?? entry)}`;
  }

  private billNumber(entry: Entry): string {
    return `RE-${20_000 + this.position(entry)}`;
  }

  private receivableType(entry: Entry): string {
    return weighted(rngFrom(this.seed, 'receivable', entry.record.object_id), RECEIVABLE_TYPES);
  }

  private position(entry: Entry): number {
    return this.store
      .created(entry.entityId, entry.record.object_type)
      .bound(entry.createdMs, entry.record.id, true);
  }

  /** The nearest other record of the same type, before then after, that `fits` and is no duplicate itself. */
  private twin(entry: Entry, fits: (other: Entry) => boolean): Entry | undefined {
    const items = this.store.created(entry.entityId, entry.record.object_type).items;
    const at = this.position(entry);
    const ok = (other: Entry | undefined) =>
      other !== undefined && other !== entry && flawOf(other) !== 'duplicate_number' && fits(other);
    for (let i = at - 1; i >= 0; i--) if (ok(items[i])) return items[i];
    for (let i = at + 1; i < items.length; i++) if (ok(items[i])) return items[i];
    return undefined;
  }

  /**
   * One of the `spread` records of a type created last at or before `ms` (the customers an invoice
   * may be for, the products on it): records created later never change the pick.
   */
  private recent(rng: Rng, entityId: string, type: ObjectType, ms: number, spread = 30): Entry | undefined {
    const index = this.store.created(entityId, type);
    const last = index.bound(ms, '~', true) - 1;
    const at = last - Math.floor(rng() * spread);
    return index.items[at >= 0 ? at : Math.floor(rng() * Math.min(spread, index.items.length))];
  }

  private lines(rng: Rng, entityId: string, ms: number, country: Country, missingTax: boolean) {
    return Array.from({ length: intBetween(rng, 1, 3) }, (_, k) => {
      const productId =
        this.recent(rng, entityId, 'product', ms)?.record.object_id ??
        stableUuid(this.seed, 'line-product', ms, k);
      const p = this.productFacts(productId);
      const quantity = p.type === 'service' ? intBetween(rng, 1, 16) : intBetween(rng, 1, 5);
      const before = p.price * quantity;
      const price = { currency: country.currency, value: p.price };
      return {
        product: {
          id: productId,
          name: p.name,
          type: p.type,
          price,
          price_after_vat: { ...price, value: p.price + vatOf(p.price, country.vat) },
          vat_rate: { country: country.code, value: country.vat },
          // The first line of a record failed for a missing tax rate maps to no tax rate.
          ...(!(missingTax && k === 0) && {
            accounting_tax_rate_id: stableUuid(this.seed, 'tax-rate', entityId, country.vat),
          }),
        },
        quantity,
        total_before_vat: before,
        total_after_vat: before + vatOf(before, country.vat),
      };
    });
  }

  private productFacts(id: string) {
    const rng = rngFrom(this.seed, 'product', id);
    const [name, type, price] = pick(rng, PRODUCTS);
    return {
      name,
      type,
      price: Math.round((price * intBetween(rng, 80, 120)) / 100),
      currency: weighted(rng, COUNTRIES).currency,
    };
  }

  private party(id: string): Party {
    const rng = rngFrom(this.seed, 'party', id);
    const country = weighted(rng, COUNTRIES);
    if (rng() < 0.2) {
      const individual = { first: pick(rng, FIRST_NAMES), last: pick(rng, LAST_NAMES) };
      const email =
        rng() < 0.6
          ? `${individual.first}.${individual.last}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.com'
          : undefined;
      return {
        id,
        country,
        individual,
        name: `${individual.first} ${individual.last}`,
        ...(email && { email }),
      };
    }
    const name = companyName(rng, country);
    const taxId = rng() < 0.7 ? country.taxId(rng) : undefined;
    const email =
      rng() < 0.6
        ? `${pick(rng, ['accounts', 'billing', 'finance', 'buchhaltung'])}@${domainOf(name, country.tld)}`
        : undefined;
    return { id, country, name, ...(taxId && { taxId }), ...(email && { email }) };
  }
}
