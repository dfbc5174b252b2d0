/**
 * The entities this deployment serves: `MONITE_ENTITY_IDS`, or every entity of the partner.
 * Names come from Monite and are cached, so routes can reject unknown entity ids cheaply.
 */
import type { EntitySummary } from '../contract/api';
import { entityDisplayName } from '../monite/server-schemas.server';
import type { MoniteClient } from './monite-client';

const TTL_MS = 5 * 60_000;

export class EntityDirectory {
  private cache: { at: number; entities: Promise<EntitySummary[]> } | undefined;

  constructor(
    private readonly monite: MoniteClient,
    private readonly ids: string[],
  ) {}

  list(): Promise<EntitySummary[]> {
    if (!this.cache || Date.now() - this.cache.at > TTL_MS) {
      const entities = this.monite
        .listEntities(this.ids)
        .then((all) => all.map((e) => ({ id: e.id, name: entityDisplayName(e) })));
      // A failed look-up is not cached: the next request tries again.
      entities.catch(() => (this.cache = undefined));
      this.cache = { at: Date.now(), entities };
    }
    return this.cache.entities;
  }

  async has(id: string): Promise<boolean> {
    return (await this.list()).some((e) => e.id === id);
  }
}
