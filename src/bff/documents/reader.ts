/**
 * Fills in the document summaries of an entity's records in the background: failed records
 * first, then pending, then done, newest first, a round of ROUND records at a time, at the
 * limiter's background priority (people's clicks, refreshes and bulk pushes go first). It runs
 * after each mirror refresh; the queue is the mirror itself (records whose summary is missing or
 * older than the document), so nothing is lost across restarts and changed documents are read again.
 */
import type { FastifyBaseLogger } from 'fastify';
import { SYNC_STATUSES } from '../../monite/schemas';
import type { Db } from '../db/database';
import type { MoniteClient } from '../monite-client';
import { readSummaries } from './read';
import { recordsNeedingDocuments, saveDocuments } from './store';

/** Records a round: five batch requests of 100 ids at most, plus one per payment record. */
const ROUND = 500;
const ORDER = ['error', 'pending', 'done'] as const satisfies readonly (typeof SYNC_STATUSES)[number][];

export type ReaderStats = { records: number; rounds: number };

export class DocumentReader {
  private readonly running = new Map<string, Promise<ReaderStats>>();
  private readonly again = new Set<string>();
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly monite: MoniteClient,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Starts reading the entity's missing summaries, or reads again after the pass under way. */
  kick(entityId: string): void {
    if (this.stopped) return;
    if (this.running.has(entityId)) {
      this.again.add(entityId);
      return;
    }
    this.fill(entityId).catch(() => {}); // logged in fill
  }

  /** Reads every missing or stale summary of the entity; callers during a pass share it. */
  fill(entityId: string): Promise<ReaderStats> {
    const pass =
      this.running.get(entityId) ??
      this.pass(entityId).finally(() => {
        this.running.delete(entityId);
        if (this.again.delete(entityId)) this.kick(entityId);
      });
    this.running.set(entityId, pass);
    return pass;
  }

  /** Ends every pass after its current round (the server is closing); resolves when they have. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled(this.running.values());
  }

  private async pass(entityId: string): Promise<ReaderStats> {
    const stats: ReaderStats = { records: 0, rounds: 0 };
    try {
      for (const status of ORDER) {
        while (!this.stopped) {
          const records = await recordsNeedingDocuments(this.db, entityId, status, ROUND);
          if (records.length === 0) break;
          const targets = records.map((r) => ({ objectType: r.object_type, objectId: r.object_id! }));
          const summaries = await readSummaries(this.monite, entityId, targets, { priority: 'background' });
          await saveDocuments(
            this.db,
            entityId,
            records.map((r) => ({
              recordId: r.id,
              objectId: r.object_id!,
              version: r.object_updated_at ?? '',
              summary: summaries.get(r.object_id!) ?? null,
            })),
          );
          stats.records += records.length;
          stats.rounds += 1;
        }
      }
      if (stats.records > 0) this.log.info({ entityId, ...stats }, 'document summaries read');
      return stats;
    } catch (error) {
      // Monite unavailable after the client's retries: the queue stays, the next refresh resumes it.
      this.log.warn({ entityId, err: error, ...stats }, 'reading document summaries stopped');
      throw error;
    }
  }
}
