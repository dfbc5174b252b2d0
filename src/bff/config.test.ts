import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('runs in demo mode on sensible defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.account).toBeNull();
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:./data/sync-desk.db',
    });
    expect(config.monite).toMatchObject({ version: '2024-05-25', rateLimitPerSecond: 25 });
  });

  it('talks to the Monite sandbox by default once credentials are set', () => {
    const config = loadConfig({ MONITE_CLIENT_ID: 'id', MONITE_CLIENT_SECRET: 'secret' });
    expect(config.account).toEqual({
      baseUrl: 'https://api.sandbox.monite.com/v1',
      clientId: 'id',
      clientSecret: 'secret',
    });
  });

  it('fails fast, naming the variable, on half-set credentials or bad values', () => {
    expect(() => loadConfig({ MONITE_CLIENT_ID: 'id' })).toThrow(/MONITE_CLIENT_SECRET/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ MONITE_ENTITY_IDS: 'acme' })).toThrow(/MONITE_ENTITY_IDS/);
  });

  it('takes an identity provider with its group mapping, and says clearly what is wrong with one', () => {
    const oidc = {
      OIDC_ISSUER: 'https://login.example.com/realms/acme',
      OIDC_CLIENT_ID: 'sync-desk',
      OIDC_CLIENT_SECRET: 'secret',
    };
    const config = loadConfig({
      ...oidc,
      OIDC_NAME: 'Acme SSO',
      OIDC_GROUP_GRANTS: '{"sync-desk-admins": {"admin": true}, "readers": {"entities": {"*": "viewer"}}}',
      PASSWORD_SIGN_IN: 'off',
    });
    expect(config.oidc).toMatchObject({
      clientId: 'sync-desk',
      name: 'Acme SSO',
      groupsClaim: 'groups',
      groupGrants: { 'sync-desk-admins': { admin: true }, readers: { entities: { '*': 'viewer' } } },
    });
    expect(config.passwordSignIn).toBe(false);
    expect(loadConfig({}).oidc).toBeNull();
    expect(() => loadConfig({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadConfig({ ...oidc, OIDC_ISSUER: 'http://login.example.com/realms/acme' })).toThrow(
      /OIDC_ISSUER: must be https/,
    );
    expect(() => loadConfig({ ...oidc, OIDC_GROUP_GRANTS: '{readers:' })).toThrow(
      /OIDC_GROUP_GRANTS: is not JSON/,
    );
    expect(() =>
      loadConfig({ ...oidc, OIDC_GROUP_GRANTS: '{"readers": {"entities": {"*": "admin"}}}' }),
    ).toThrow(/OIDC_GROUP_GRANTS\.readers/);
    expect(() =>
      loadConfig({ MONITE_CLIENT_ID: 'id', MONITE_CLIENT_SECRET: 's', PASSWORD_SIGN_IN: 'off' }),
    ).toThrow(/nobody could sign in/);
  });

  it('takes an SQLite file or a PostgreSQL URL as DATABASE_URL, and says what it must be otherwise', () => {
    for (const url of [
      'sqlite:/srv/sync-desk.db',
      'postgres://app:pw@db.internal:6432/sync_desk',
      'postgresql://db/x',
    ])
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/x' })).toThrow(
      'DATABASE_URL: must be sqlite:<file> or postgres://user:password@host:port/database (got "mysql:…")',
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app:secret@:5432/x' })).toThrow(
      /DATABASE_URL: is not a valid PostgreSQL URL/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app:secret@:5432/x' })).not.toThrow(/secret/);
  });

  it('takes an "Open in Monite" template only as an https URL naming known placeholders', () => {
    expect(loadConfig({}).recordLinkTemplate).toBeNull();
    const template = 'https://app.example.com/{object_type}/{object_id}';
    expect(loadConfig({ RECORD_LINK_TEMPLATE: template }).recordLinkTemplate).toBe(template);
    expect(() => loadConfig({ RECORD_LINK_TEMPLATE: 'http://app.example.com/{object_id}' })).toThrow(
      /RECORD_LINK_TEMPLATE: it must be an https URL/,
    );
    expect(() => loadConfig({ RECORD_LINK_TEMPLATE: 'https://app.example.com/{id}' })).toThrow(
      /RECORD_LINK_TEMPLATE: unknown placeholder \{id\}/,
    );
  });
});
