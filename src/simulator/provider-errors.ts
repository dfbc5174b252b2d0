/**
 * A failed record's `errors`, in the shape its provider reports a failed push (provider-errors.json
 * `errors_object_examples`): Codat's push operation, or Railz's push status. Monite does not
 * publish its own keys, so the provider object is the whole `errors` value.
 */
import type { ObjectType, Platform, Provider } from '../monite/schemas';
import { PROVIDER_MESSAGES, type PlatformFamily, type ProviderMessage } from './provider-messages';
import { hex, pick, stableUuid, uuid, type Rng } from './random';

export type FailureContext = {
  entityId: string;
  provider: Provider;
  platform: Platform;
  objectType: ObjectType;
  requestedAt: number;
  completedAt: number;
};

export function familyOf(platform: Platform): PlatformFamily {
  return platform === 'xero' ? 'xero' : 'quickbooks';
}

const messagesByKey = new Map<string, ProviderMessage[]>();
for (const m of PROVIDER_MESSAGES) {
  for (const type of m.objectTypes) {
    const key = `${m.family}/${type}`;
    messagesByKey.set(key, [...(messagesByKey.get(key) ?? []), m]);
  }
}

/** One of the messages the record's platform emits for its object type (every pair has at least one). */
export function pickMessage(rng: Rng, platform: Platform, objectType: ObjectType): ProviderMessage {
  return pick(rng, messagesByKey.get(`${familyOf(platform)}/${objectType}`) ?? []);
}

const CODAT_DATA_TYPES: Record<ObjectType, [dataType: string, validator: string]> = {
  receivable: ['invoices', 'Invoice'],
  bill: ['bills', 'Bill'],
  payment_record: ['payments', 'Payment'],
  customer: ['customers', 'Customer'],
  vendor: ['suppliers', 'Supplier'],
  product: ['items', 'Item'],
};

const RAILZ_DATA_TYPES: Record<ObjectType, string> = {
  receivable: 'invoices',
  bill: 'bills',
  payment_record: 'invoicePayments',
  customer: 'customers',
  vendor: 'vendors',
  product: 'items',
};

/** Codat writes seven fractional digits (`2023-03-21T17:17:58.9235368Z`). */
const codatTime = (ms: number) => new Date(ms).toISOString().replace('Z', '0000Z');

/** The `errors` of a push that failed with `message`; ids and times are new on every call. */
export function providerError(
  rng: Rng,
  ctx: FailureContext,
  message: ProviderMessage,
): Record<string, unknown> {
  if (ctx.provider === 'codat') {
    const [dataType, validatorName] = CODAT_DATA_TYPES[ctx.objectType];
    return {
      changes: [],
      dataType,
      companyId: stableUuid('codat-company', ctx.entityId),
      pushOperationKey: uuid(rng),
      dataConnectionKey: stableUuid('codat-connection', ctx.entityId, ctx.platform),
      requestedOnUtc: codatTime(ctx.requestedAt),
      completedOnUtc: codatTime(ctx.completedAt),
      status: 'Failed',
      errorMessage: `An error occurred in a downstream service. Correlation ID: ${hex(rng, 32)}. Message: Push failed for ${validatorName}: see validation for more information`,
      validation: {
        errors: [{ itemId: message.field, message: message.text, validatorName }],
        warnings: [],
      },
      statusCode: 400,
    };
  }
  return {
    serviceName: familyOf(ctx.platform),
    dataType: RAILZ_DATA_TYPES[ctx.objectType],
    requestedOn: new Date(ctx.requestedAt).toISOString(),
    completedOn: new Date(ctx.completedAt).toISOString(),
    status: 'failed',
    responseCode: 400,
    validation: { errors: [{ field: message.field, message: message.text }] },
    pushCommunicationId: hex(rng, 24),
  };
}
