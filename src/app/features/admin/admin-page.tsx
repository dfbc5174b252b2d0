/**
 * `/admin` (admins only): every staff account with its deployment role and entity grants; grant
 * or revoke an entity with a role, change the role, disable an account. The BFF audits each change.
 */
import { useId, useState } from 'react';
import type { StaffGrant, StaffMember } from '../../../contract/admin';
import { ALL_ENTITIES, GRANT_ROLES, ROLES, type GrantRole, type Role } from '../../../contract/session';
import { useChangeStaff, useStaff } from '../../api/admin-staff';
import { errorMessage } from '../../api/client';
import { useEntities } from '../../api/get-entities';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Spinner } from '../../components/spinner';
import { CONTROL_CLASS } from '../audit/filter-field';
import { roleLabel } from '../auth/role-badge';
import { useSignedInUser } from '../auth/signed-in-user';
import { NotFound } from '../../routes/not-found';

const SELECT = `${CONTROL_CLASS} pr-8 pl-2.5`;

export function AdminPage() {
  const me = useSignedInUser();
  if (me.role !== 'admin') return <NotFound />;
  return <StaffTable />;
}

function StaffTable() {
  const staff = useStaff();
  const entities = useEntities();
  const names = new Map((entities.data ?? []).map((e) => [e.id, e.name]));
  const entityName = (id: string) => (id === ALL_ENTITIES ? 'Every entity' : (names.get(id) ?? id));

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-6 py-3">
        <h1 className="text-base font-semibold text-slate-900">Staff and access</h1>
        <span className="text-sm text-slate-600">Who may see which entities, and with which role</span>
      </header>
      <div className="min-h-0 flex-1 overflow-auto px-6 py-4">
        {staff.isPending ? (
          <p className="flex items-center justify-center gap-2 py-16 text-sm text-slate-500">
            <Spinner /> Loading staff…
          </p>
        ) : staff.isError ? (
          <ErrorMessage
            title="Could not load staff"
            error={staff.error}
            onRetry={() => void staff.refetch()}
          />
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Email
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Deployment role
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Entities
                </th>
                <th scope="col" className="py-2 font-medium">
                  Account
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {staff.data.map((member) => (
                <StaffRow
                  key={member.id}
                  member={member}
                  entityName={entityName}
                  entityIds={[...names.keys()]}
                />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

function StaffRow({
  member,
  entityName,
  entityIds,
}: {
  member: StaffMember;
  entityName: (id: string) => string;
  entityIds: string[];
}) {
  const me = useSignedInUser();
  const change = useChangeStaff(member.id);
  const self = member.email === me.email;
  const roleId = useId();

  return (
    <tr className="align-top">
      <th scope="row" className="py-3 pr-4 font-normal text-slate-900">
        {member.email}
        {self && <span className="ml-1 text-slate-600">(you)</span>}
        {change.isError && (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {errorMessage(change.error)}
          </p>
        )}
      </th>
      <td className="py-3 pr-4">
        <label htmlFor={roleId} className="sr-only">
          Deployment role of {member.email}
        </label>
        <select
          id={roleId}
          value={member.role}
          disabled={self || member.disabled || change.isPending}
          onChange={(event) => change.mutate({ kind: 'role', role: event.target.value as Role })}
          className={SELECT}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {roleLabel(role)}
            </option>
          ))}
        </select>
      </td>
      <td className="py-3 pr-4">
        {member.role === 'admin' ? (
          <p className="text-slate-600">Every entity (admin)</p>
        ) : (
          <>
            <ul aria-label={`Entities of ${member.email}`} className="flex flex-col gap-1">
              {member.grants.length === 0 && <li className="text-slate-600">No access yet</li>}
              {member.grants.map((grant) => (
                <GrantItem
                  key={`${grant.entity_id}/${grant.source}`}
                  grant={grant}
                  name={entityName(grant.entity_id)}
                  onRevoke={() => change.mutate({ kind: 'revoke', entityId: grant.entity_id })}
                  busy={change.isPending}
                />
              ))}
            </ul>
            {!member.disabled && (
              <GrantForm
                email={member.email}
                entityIds={entityIds}
                entityName={entityName}
                busy={change.isPending}
                onGrant={(entityId, role) => change.mutate({ kind: 'grant', entityId, role })}
              />
            )}
          </>
        )}
      </td>
      <td className="py-3">
        {member.disabled ? (
          <span className="text-slate-600">Disabled</span>
        ) : self ? (
          <span className="text-slate-600">Active</span>
        ) : (
          <Button
            size="sm"
            disabled={change.isPending}
            aria-label={`Disable ${member.email}`}
            onClick={() => change.mutate({ kind: 'disable' })}
          >
            Disable
          </Button>
        )}
      </td>
    </tr>
  );
}

function GrantItem({
  grant,
  name,
  onRevoke,
  busy,
}: {
  grant: StaffGrant;
  name: string;
  onRevoke: () => void;
  busy: boolean;
}) {
  return (
    <li className="flex flex-wrap items-center gap-2">
      <span className="text-slate-900">{name}</span>
      <span className="text-slate-600">{roleLabel(grant.role)}</span>
      {grant.source === 'idp' ? (
        <span className="text-xs text-slate-600">from the identity provider</span>
      ) : (
        <Button size="sm" variant="ghost" disabled={busy} aria-label={`Revoke ${name}`} onClick={onRevoke}>
          Revoke
        </Button>
      )}
    </li>
  );
}

function GrantForm({
  email,
  entityIds,
  entityName,
  busy,
  onGrant,
}: {
  email: string;
  entityIds: string[];
  entityName: (id: string) => string;
  busy: boolean;
  onGrant: (entityId: string, role: GrantRole) => void;
}) {
  const [entityId, setEntityId] = useState(entityIds[0] ?? ALL_ENTITIES);
  const [role, setRole] = useState<GrantRole>('viewer');
  const id = useId();
  return (
    <form
      aria-label={`Grant ${email} an entity`}
      className="mt-2 flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onGrant(entityId, role);
      }}
    >
      <label htmlFor={`${id}-entity`} className="sr-only">
        Entity to grant {email}
      </label>
      <select
        id={`${id}-entity`}
        value={entityId}
        onChange={(event) => setEntityId(event.target.value)}
        className={SELECT}
      >
        {[...entityIds, ALL_ENTITIES].map((e) => (
          <option key={e} value={e}>
            {entityName(e)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-role`} className="sr-only">
        Role to grant {email}
      </label>
      <select
        id={`${id}-role`}
        value={role}
        onChange={(event) => setRole(event.target.value as GrantRole)}
        className={SELECT}
      >
        {GRANT_ROLES.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </select>
      <Button size="sm" type="submit" disabled={busy}>
        Grant
      </Button>
    </form>
  );
}
