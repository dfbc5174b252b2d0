/**
 * Fills in the document summaries of an entity's records in the background: failed records
 * first, then pending, then done, newest first, a round of ROUND records at a time, at the
 * limiter's background priority (people's clicks, refreshes and bulk pushes go first). It runs
 * after each mirror refresh; the queue is the mirror itself (records whose summary is missing or
 * older than the document), so nothing is lost across restarts and changed documents are read again.
 *
 * Payment records are the exception to "100 a request": Monite reads them one at a time. When
 * more of them wait than the entity has pages of payment records, the reader pages through the
 * entity's whole payment record list instead (after the failed records of other kinds).
 */
import type { FastifyBaseLogger } from 'fastify';
import { SYNC_STATUSES } from '../../monite/schemas';
import type { Db } from '../db/database';
import { DOCUMENT_BATCH, type MoniteClient } from '../monite-client';
import { readSummaries, summarisePayments } from './read';
import { countOfType, recordsNeedingDocuments, saveDocuments } from './store';

/** Records a round: enough that each kind's batches of 100 ids mostly go full. */
const ROUND = 2000;
const PAYMENT = 'payment_record';
const ORDER = ['error', 'pending', 'done'] as const satisfies readonly (typeof SYNC_STATUSES)[number][];

const OPTIONS = { priority: 'background' } as const;

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

  private async rounds(entityId: string, status: string, exceptType: string | undefined, stats: ReaderStats) {
    while (!this.stopped) {
      const records = await recordsNeedingDocuments(this.db, entityId, {
        status,
        objectType: { not: exceptType },
        limit: ROUND,
      });
      if (records.length === 0) return;
      const targets = records.map((r) => ({ objectType: r.object_type, objectId: r.object_id! }));
      const summaries = await readSummaries(this.monite, entityId, targets, OPTIONS);
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

  /** Reading every payment record by pages costs fewer requests than reading the waiting ones by id. */
  private async paymentListIsCheaper(entityId: string): Promise<boolean> {
    const waiting = (await recordsNeedingDocuments(this.db, entityId, { objectType: { is: PAYMENT } }))
      .length;
    const pages = Math.ceil((await countOfType(this.db, entityId, PAYMENT)) / DOCUMENT_BATCH);
    return waiting > pages;
  }

  private async readPaymentList(entityId: string, stats: ReaderStats): Promise<void> {
    const waiting = new Map<string, { id: string; object_updated_at: string | null }[]>();
    for (const r of await recordsNeedingDocuments(this.db, entityId, { objectType: { is: PAYMENT } }))
      waiting.set(r.object_id!, [...(waiting.get(r.object_id!) ?? []), r]);
    for await (const page of this.monite.paymentRecordPages(entityId, OPTIONS)) {
      if (this.stopped) return;
      const wanted = page.filter((p) => waiting.has(p.id));
      if (wanted.length === 0) continue;
      const summaries = await summarisePayments(this.monite, entityId, wanted, OPTIONS);
      const read = wanted.flatMap((p) =>
        waiting.get(p.id)!.map((r) => ({
          recordId: r.id,
          objectId: p.id,
          version: r.object_updated_at ?? '',
          summary: summaries.get(p.id) ?? null,
        })),
      );
      await saveDocuments(this.db, entityId, read);
      stats.records += read.length;
      stats.rounds += 1;
    }
  }

  private async pass(entityId: string): Promise<ReaderStats> {
    const stats: ReaderStats = { records: 0, rounds: 0 };
    try {
      let listPayments = await this.paymentListIsCheaper(entityId);
      for (const status of ORDER) {
        await this.rounds(entityId, status, listPayments ? PAYMENT : undefined, stats);
        if (listPayments) {
          await this.readPaymentList(entityId, stats);
          listPayments = false;
          // Payment records the list did not have (deleted meanwhile) are read one by one.
          await this.rounds(entityId, status, undefined, stats);
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
