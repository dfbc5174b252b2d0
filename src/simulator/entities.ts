/**
 * The partner's entities, as `GET /v1/entities` returns them (EntityResponse: organization or
 * individual, with the fields the spec requires). Ids are stable uuids derived from the seed.
 */
import { intBetween, pick, rngFrom, stableUuid } from './random';
import { iso } from './sim-record';

export type EntitySpec = {
  name: string;
  records: number;
  type?: 'organization' | 'individual';
  /** The person behind an individual entity; by default `name` split at its last space. */
  person?: { firstName: string; lastName: string };
};

export type SimEntity = {
  id: string;
  /** The name the simulator was configured with. */
  name: string;
  type: 'organization' | 'individual';
  /** What a client shows for the entity: `legal_name`, or the individual's first and last name. */
  displayName: string;
  response: Record<string, unknown>;
};

export const DEFAULT_ENTITIES: EntitySpec[] = [
  { name: 'Acme Trading GmbH', records: 2400, type: 'organization' },
  {
    name: 'Northwind Studio',
    records: 600,
    type: 'individual',
    person: { firstName: 'Nora', lastName: 'Winters' },
  },
];

const ADDRESSES = [
  { country: 'DE', city: 'Berlin', postal_code: '10115', line1: 'Invalidenstraße 117' },
  { country: 'DE', city: 'Hamburg', postal_code: '20457', line1: 'Am Sandtorkai 27' },
  { country: 'GB', city: 'London', postal_code: 'EC1V 9BP', line1: '12 Old Street' },
  { country: 'NL', city: 'Amsterdam', postal_code: '1017 CE', line1: 'Keizersgracht 452' },
];

const DAY = 86_400_000;

export function seedEntity(seed: number, index: number, spec: EntitySpec, start: number): SimEntity {
  const id = stableUuid(seed, 'entity', index);
  const rng = rngFrom(seed, 'entity-details', index);
  const type = spec.type ?? 'organization';
  const created = start - intBetween(rng, 365, 730) * DAY;
  const slug =
    spec.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'entity';
  const common = {
    id,
    type,
    created_at: iso(created),
    updated_at: iso(created + intBetween(rng, 1, 300) * DAY),
    status: 'active',
    address: { ...pick(rng, ADDRESSES), line2: null, state: null },
    email: `accounts@${slug}.example`,
    phone: null,
    website: `https://${slug}.example`,
    logo: null,
    tax_id: null,
    registration_number: null,
    registration_authority: null,
  };
  if (type === 'organization') {
    return {
      id,
      name: spec.name,
      type,
      displayName: spec.name,
      response: {
        ...common,
        organization: {
          legal_name: spec.name,
          business_structure: null,
          directors_provided: null,
          executives_provided: null,
          legal_entity_id: null,
          owners_provided: null,
          representative_provided: null,
        },
      },
    };
  }
  const cut = spec.name.lastIndexOf(' ');
  const person = spec.person ?? {
    firstName: cut > 0 ? spec.name.slice(0, cut) : spec.name,
    lastName: cut > 0 ? spec.name.slice(cut + 1) : spec.name,
  };
  return {
    id,
    name: spec.name,
    type,
    displayName: `${person.firstName} ${person.lastName}`,
    response: {
      ...common,
      individual: {
        first_name: person.firstName,
        last_name: person.lastName,
        title: null,
        date_of_birth: null,
        id_number: null,
        ssn_last_4: null,
      },
    },
  };
}
