/** Human labels for Monite's enums (the SPA and the CSV export); values Monite adds later are shown as they come. */
import type { FacetKey } from './api';
import type { ObjectType, Platform, Provider, SyncStatus } from '../monite/schemas';

const STATUS: Record<SyncStatus, string> = { error: 'Failed', pending: 'Pending', done: 'Done' };
const PROVIDER: Record<Provider, string> = { codat: 'Codat', railz: 'Railz' };
const PLATFORM: Record<Platform, string> = {
  xero: 'Xero',
  quickbooks: 'QuickBooks',
  quickbooks_online: 'QuickBooks Online',
  quickbooks_online_sandbox: 'QuickBooks Online Sandbox',
};
const OBJECT_TYPE: Record<ObjectType, string> = {
  product: 'Product',
  customer: 'Customer',
  vendor: 'Vendor',
  receivable: 'Receivable',
  bill: 'Bill',
  payment_record: 'Payment record',
};

const LABELS: Record<FacetKey, Record<string, string>> = {
  sync_status: STATUS,
  provider: PROVIDER,
  platform: PLATFORM,
  object_type: OBJECT_TYPE,
  // An open set: the records page says how each group reads (`error_groups`).
  error_group: {},
};

export const FACET_TITLES: Record<FacetKey, string> = {
  sync_status: 'Status',
  provider: 'Provider',
  platform: 'Platform',
  object_type: 'Object type',
  error_group: 'Error',
};

export const labelOf = (
  facet: FacetKey,
  value: string | null | undefined,
  groups?: Record<string, { label: string }>,
): string => (value == null ? '—' : (LABELS[facet][value] ?? groups?.[value]?.label ?? value));
