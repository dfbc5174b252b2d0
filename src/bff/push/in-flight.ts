/**
 * At most one push of a record in flight across every server process on the database. Callers
 * in this process share the push running (SingleFlight); the push holds the lease
 * `push:<entity>/<record>` while it runs, so a push of the same record started by another process
 * finds it claimed and sends nothing (`PushInFlightElsewhere`).
 */
import type { SyncRecord } from '../../monite/schemas';
import type { Leases } from '../db/leases';
import { SingleFlight } from '../single-flight';

export class PushInFlightElsewhere extends Error {
  constructor() {
    super('Another Sync Desk server is pushing this record.');
  }
}

export class PushesInFlight {
  private readonly local = new SingleFlight<SyncRecord>();

  constructor(
    private readonly leases: Leases,
    /** How often `settledElsewhere` looks whether the other process's push ended. */
    private readonly pollMs = 250,
  ) {}

  /** Whether this process is pushing the record now. */
  has(key: string): boolean {
    return this.local.has(key);
  }

  /**
   * Runs `push` (`key` is `entityId/recordId`); a caller arriving while this process pushes the
   * record gets the same promise; while another process does, `PushInFlightElsewhere` is thrown.
   */
  run(key: string, push: () => Promise<SyncRecord>): Promise<SyncRecord> {
    return this.local.run(key, async () => {
      const lease = await this.leases.claim(`push:${key}`);
      if (!lease) throw new PushInFlightElsewhere();
      try {
        return await push();
      } finally {
        await lease.release();
      }
    });
  }

  /** Resolves once no other process pushes the record (it finished, or its claim lapsed). */
  async settledElsewhere(key: string): Promise<void> {
    while (await this.leases.heldElsewhere(`push:${key}`)) {
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }
}
