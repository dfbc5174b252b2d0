import { describe, expect, it } from 'vitest';
import { grantsForGroups, groupGrantsSchema, groupsFromClaim } from './group-grants';

const ENTITY_A = '2f0c6b1e-8a61-4d8e-9a4b-0d9b7d1e1a01';
const ENTITY_B = '2f0c6b1e-8a61-4d8e-9a4b-0d9b7d1e1a02';

const mapping = groupGrantsSchema.parse({
  'sync-desk-admins': { admin: true },
  'client-a-bookkeepers': { entities: { [ENTITY_A]: 'operator' } },
  'all-clients-readers': { entities: { '*': 'viewer', [ENTITY_A]: 'viewer' } },
});

describe('grantsForGroups', () => {
  it('grants the entities of each group the person is in, the stronger role winning', () => {
    expect(grantsForGroups(['all-clients-readers', 'client-a-bookkeepers', 'unmapped'], mapping)).toEqual({
      admin: false,
      grants: [
        { entityId: '*', role: 'viewer' },
        { entityId: ENTITY_A, role: 'operator' },
      ],
    });
  });

  it('makes a member of an admin group an admin', () => {
    expect(grantsForGroups(['sync-desk-admins'], mapping)).toEqual({ admin: true, grants: [] });
  });

  it('grants nothing to groups the mapping does not name', () => {
    expect(grantsForGroups(['marketing'], mapping)).toEqual({ admin: false, grants: [] });
    expect(grantsForGroups([], mapping)).toEqual({ admin: false, grants: [] });
  });
});

describe('groupGrantsSchema', () => {
  it('refuses a role that is not an entity role, a bad entity id and an unknown key', () => {
    expect(groupGrantsSchema.safeParse({ g: { entities: { [ENTITY_B]: 'admin' } } }).success).toBe(false);
    expect(groupGrantsSchema.safeParse({ g: { entities: { 'not-an-id': 'viewer' } } }).success).toBe(false);
    expect(groupGrantsSchema.safeParse({ g: { admin: true, extra: 1 } }).success).toBe(false);
    expect(groupGrantsSchema.safeParse({ g: { admin: false } }).success).toBe(false);
  });
});

describe('groupsFromClaim', () => {
  it('reads a list, a single group, and nothing from anything else', () => {
    expect(groupsFromClaim(['a', 3, 'b'])).toEqual(['a', 'b']);
    expect(groupsFromClaim('a')).toEqual(['a']);
    expect(groupsFromClaim(undefined)).toEqual([]);
  });
});
