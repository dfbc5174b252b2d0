/**
 * Staff accounts from the command line:
 *   npm run users -- add <email> --role viewer|operator|admin [--entity <id>]…
 *   npm run users -- grant <email> --entity <id>|'*' --role viewer|operator
 *   npm run users -- revoke <email> --entity <id>|'*'
 *   npm run users -- set-password <email>
 *   npm run users -- set-role <email> --role viewer|operator|admin
 *   npm run users -- disable <email>
 *   npm run users -- list
 * Passwords are read from standard input (asked for twice on a terminal), never from arguments,
 * so they stay out of shell history and process lists.
 */
import { parseArgs } from 'node:util';
import { ALL_ENTITIES, entityAccessSchema, grantRoleSchema, roleSchema } from '../../contract/session';
import { appendAudit } from '../audit';
import {
  addUser,
  disableUser,
  findUserByEmail,
  grantEntity,
  grantsOf,
  listUsers,
  MIN_PASSWORD_LENGTH,
  revokeEntity,
  setPassword,
  setRole,
} from '../auth';
import type { Db } from '../db/database';
import { readSecret, type CliIo } from './io';

const USAGE = `Usage: npm run users -- <command>
  add <email> --role viewer|operator|admin [--entity <id>]…
                                             create an account (password from stdin) that sees
                                             the given entities, or every entity without --entity
  grant <email> --entity <id>|'*' --role viewer|operator
                                             let the account see an entity ('*': every entity)
  revoke <email> --entity <id>|'*'           take a grant made in Sync Desk away
  set-password <email>                       change a password (signs the user out everywhere)
  set-role <email> --role viewer|operator|admin
  disable <email>                            block sign-in and end the user's sessions
  list                                       show every account and its grants`;

export async function usersCommand(db: Db, argv: string[], io: CliIo): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, entity: { type: 'string', multiple: true } },
  });
  const [command, email] = positionals;
  const say = (line: string): void => {
    io.output.write(`${line}\n`);
  };
  const needEmail = () => {
    if (!email) throw new Error(`${command} needs an email.\n${USAGE}`);
    return email;
  };
  const role = () => {
    const parsed = roleSchema.safeParse(values.role);
    if (!parsed.success) throw new Error(`--role must be viewer, operator or admin.\n${USAGE}`);
    return parsed.data;
  };
  const entity = () => {
    const parsed = entityAccessSchema.shape.entity_id.safeParse(values.entity?.[0]);
    if (!parsed.success || values.entity?.length !== 1)
      throw new Error(`${command} needs one --entity: an entity id, or '*' for every entity.\n${USAGE}`);
    return parsed.data;
  };
  const account = async () => {
    const user = await findUserByEmail(db, needEmail());
    if (!user) throw new Error(`No user with the email ${email}.`);
    return user;
  };
  const password = () => readSecret(io, `Password (at least ${MIN_PASSWORD_LENGTH} characters): `);

  switch (command) {
    case 'add': {
      const entities = (values.entity ?? [ALL_ENTITIES]).map((id) =>
        entityAccessSchema.shape.entity_id.parse(id),
      );
      const added = await addUser(db, needEmail(), role(), await password(), { entities, grantedBy: 'cli' });
      const scope = added.role === 'admin' ? '' : ` on ${entities.join(', ')}`;
      return say(`Added ${added.email} as ${added.role}${scope}.`);
    }
    case 'grant': {
      const user = await account();
      const grantRole = grantRoleSchema.safeParse(values.role);
      if (!grantRole.success) throw new Error(`--role must be viewer or operator.\n${USAGE}`);
      const entityId = entity();
      await grantEntity(db, { userId: user.id, entityId, role: grantRole.data, grantedBy: 'cli' });
      await appendAudit(db, {
        actor: 'cli',
        action: 'grant_entity',
        entity_id: entityId,
        data: { outcome: 'ok', subject: user.email, role: grantRole.data },
      });
      return say(`${user.email} may now see ${entityId} as ${grantRole.data}.`);
    }
    case 'revoke': {
      const user = await account();
      const entityId = entity();
      if (!(await revokeEntity(db, { userId: user.id, entityId })))
        throw new Error(`${user.email} has no grant of ${entityId} made in Sync Desk.`);
      await appendAudit(db, {
        actor: 'cli',
        action: 'revoke_entity',
        entity_id: entityId,
        data: { outcome: 'ok', subject: user.email },
      });
      return say(`${user.email} no longer sees ${entityId}.`);
    }
    case 'set-password':
      await setPassword(db, needEmail(), await password());
      return say(`Password changed for ${email}; their sessions have ended.`);
    case 'set-role':
      await setRole(db, needEmail(), role());
      return say(`${email} is now ${values.role}.`);
    case 'disable':
      await disableUser(db, needEmail());
      return say(`${email} is disabled; their sessions have ended.`);
    case 'list': {
      const users = await listUsers(db);
      if (users.length === 0)
        return say('No accounts yet. Create the first admin with: npm run users -- add <email> --role admin');
      for (const u of users) {
        const grants = (await grantsOf(db, u.id)).map((g) => `${g.entity_id}:${g.role}(${g.source})`);
        say(
          `${u.email.padEnd(40)} ${u.role.padEnd(9)} ${(u.disabled ? 'disabled' : 'active').padEnd(8)} ${grants.join(' ')}`.trimEnd(),
        );
      }
      return;
    }
    default:
      throw new Error(USAGE);
  }
}
