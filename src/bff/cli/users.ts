/**
 * Staff accounts from the command line:
 *   npm run users -- add <email> --role viewer|operator|admin
 *   npm run users -- set-password <email>
 *   npm run users -- set-role <email> --role viewer|operator|admin
 *   npm run users -- disable <email>
 *   npm run users -- list
 * Passwords are read from standard input (asked for twice on a terminal), never from arguments,
 * so they stay out of shell history and process lists.
 */
import { parseArgs } from 'node:util';
import { roleSchema } from '../../contract/session';
import { addUser, disableUser, listUsers, MIN_PASSWORD_LENGTH, setPassword, setRole } from '../auth';
import type { Db } from '../db/database';
import { readSecret, type CliIo } from './io';

const USAGE = `Usage: npm run users -- <command>
  add <email> --role viewer|operator|admin   create an account (password from stdin)
  set-password <email>                       change a password (signs the user out everywhere)
  set-role <email> --role viewer|operator|admin
  disable <email>                            block sign-in and end the user's sessions
  list                                       show every account`;

export async function usersCommand(db: Db, argv: string[], io: CliIo): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' } },
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
  const password = () => readSecret(io, `Password (at least ${MIN_PASSWORD_LENGTH} characters): `);

  switch (command) {
    case 'add': {
      const account = await addUser(db, needEmail(), role(), await password());
      return say(`Added ${account.email} as ${account.role}.`);
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
      for (const u of users)
        say(`${u.email.padEnd(40)} ${u.role.padEnd(9)} ${u.disabled ? 'disabled' : 'active'}`);
      return;
    }
    default:
      throw new Error(USAGE);
  }
}
