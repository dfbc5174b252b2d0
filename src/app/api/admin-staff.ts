/** Staff administration (admins only): the accounts with their grants, and changes to them. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StaffMember } from '../../contract/admin';
import type { GrantRole, Role } from '../../contract/session';
import { apiFetch } from './client';
import { mutationKeys, queryKeys } from './query-keys';

const staffPath = (userId: string) => `/api/admin/staff/${encodeURIComponent(userId)}`;

export const useStaff = () =>
  useQuery({
    queryKey: queryKeys.staff(),
    queryFn: ({ signal }) => apiFetch('/api/admin/staff', 'staffList', { signal }).then((r) => r.data),
  });

/** One change to one account; `entityId` is an entity id or `*` (every entity). */
export type StaffChange =
  | { kind: 'grant'; entityId: string; role: GrantRole }
  | { kind: 'revoke'; entityId: string }
  | { kind: 'role'; role: Role }
  | { kind: 'disable' };

const send = (userId: string, change: StaffChange) => {
  const grant = (entityId: string) => `${staffPath(userId)}/grants/${encodeURIComponent(entityId)}`;
  switch (change.kind) {
    case 'grant':
      return apiFetch(grant(change.entityId), 'staffMember', { method: 'PUT', body: { role: change.role } });
    case 'revoke':
      return apiFetch(grant(change.entityId), 'staffMember', { method: 'DELETE' });
    case 'role':
      return apiFetch(`${staffPath(userId)}/role`, 'staffMember', {
        method: 'PUT',
        body: { role: change.role },
      });
    case 'disable':
      return apiFetch(`${staffPath(userId)}/disable`, 'staffMember', { method: 'POST' });
  }
};

export function useChangeStaff(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: mutationKeys.changeStaff(userId),
    mutationFn: (change: StaffChange) => send(userId, change),
    onSuccess: (member: StaffMember) =>
      queryClient.setQueryData(queryKeys.staff(), (staff: StaffMember[] | undefined) =>
        staff?.map((m) => (m.id === member.id ? member : m)),
      ),
  });
}
