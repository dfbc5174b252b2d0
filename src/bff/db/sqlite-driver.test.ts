import { describe, expect, it } from 'vitest';
import { openSqlite } from './sqlite-driver';

describe('openSqlite', () => {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);

  it("uses Node's own SQLite from Node 22.16 on, better-sqlite3 before", () => {
    const db = openSqlite(':memory:');
    const builtIn = major > 22 || (major === 22 && minor >= 16);
    expect(db.driver).toBe(builtIn ? 'node:sqlite' : 'better-sqlite3');
    db.close();
  });

  it('answers Kysely the way it expects: readers flagged, positional parameters, row ids', () => {
    const db = openSqlite(':memory:');
    db.prepare('create table t (id integer primary key, name text)').run([]);
    const insert = db.prepare('insert into t (name) values (?)');
    expect(insert.reader).toBe(false);
    expect(insert.run(['a'])).toMatchObject({ changes: 1, lastInsertRowid: 1 });
    insert.run(['b']);
    const select = db.prepare('select name from t where id > ? order by id');
    expect(select.reader).toBe(true);
    expect(select.all([0]).map((row) => ({ ...(row as object) }))).toEqual([{ name: 'a' }, { name: 'b' }]);
    expect([...select.iterate([1])].length).toBe(1);
    db.close();
  });

  it('runs pragmas, returning the value itself when asked for it simply', () => {
    const db = openSqlite(':memory:');
    db.pragma('foreign_keys = ON');
    expect(Number(db.pragma('foreign_keys', { simple: true }))).toBe(1);
    expect(db.pragma('foreign_keys')).toEqual([expect.objectContaining({ foreign_keys: 1 })]);
    db.close();
  });
});
