/**
 * Named claims that several server processes on one database respect: a push of a record, a bulk
 * job, a mirror refresh. A lease has an owner (the process's instance id) and an expiry; the
 * holder renews it while it works (a heartbeat) and deletes it when done, so a process that dies
 * holding one blocks the others only until it lapses. Taking one is a single atomic upsert that
 * succeeds only where the lease is free or lapsed, the same SQL on both engines. A lease held is
 * not taken again, even by its holder: two tasks of one process never run under one lease.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from './database';

export type LeaseOptions = {
  /** How long a lease lasts unless renewed; it is renewed every third of this. */
  ttlMs: number;
  /** Milliseconds since the epoch; tests step it to see a lease lapse. */
  now: () => number;
};

export const DEFAULT_LEASE_OPTIONS: LeaseOptions = { ttlMs: 30_000, now: Date.now };

/** A lease this process holds, renewed in the background until released. */
export type Lease = {
  /** True once a renewal found the lease lapsed and taken, or could not reach the database. */
  lost(): boolean;
  release(): Promise<void>;
};

export class Leases {
  constructor(
    private readonly db: Db,
    /** This process among the servers on the database. */
    readonly owner: string = randomUUID(),
    private readonly options: LeaseOptions = DEFAULT_LEASE_OPTIONS,
  ) {}

  /** Takes the lease `name` and keeps it renewed, or answers null if it is held (by anyone). */
  async claim(name: string): Promise<Lease | null> {
    if (!(await this.take(name))) return null;
    let lost = false;
    const heartbeat = setInterval(() => {
      this.renew(name).then(
        (kept) => void (kept || stop()),
        () => stop(),
      );
    }, this.options.ttlMs / 3);
    heartbeat.unref();
    const stop = () => {
      lost = true;
      clearInterval(heartbeat);
    };
    return {
      lost: () => lost,
      release: async () => {
        clearInterval(heartbeat);
        // A lease that cannot be deleted (the database is gone) lapses by itself.
        if (!lost) await this.release(name).catch(() => {});
      },
    };
  }

  /** Whether another process holds `name` now. */
  async heldElsewhere(name: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('lease')
      .select('owner')
      .where('name', '=', name)
      .where('expires_at', '>', this.options.now())
      .executeTakeFirst();
    return row !== undefined && row.owner !== this.owner;
  }

  /**
   * Forgets every other process's leases. Only for a server alone on the database
   * (`openDatabase`'s `ifAlone`): whatever another owner left is from a process that has stopped.
   */
  async forgetOthers(): Promise<void> {
    await this.db.deleteFrom('lease').where('owner', '!=', this.owner).execute();
  }

  private async take(name: string): Promise<boolean> {
    const now = this.options.now();
    const lease = { name, owner: this.owner, expires_at: now + this.options.ttlMs };
    const taken = await this.db
      .insertInto('lease')
      .values(lease)
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ owner: lease.owner, expires_at: lease.expires_at })
          .where('lease.expires_at', '<=', now),
      )
      .returning('name')
      .executeTakeFirst();
    return taken !== undefined;
  }

  private async renew(name: string): Promise<boolean> {
    const { numUpdatedRows } = await this.db
      .updateTable('lease')
      .set({ expires_at: this.options.now() + this.options.ttlMs })
      .where('name', '=', name)
      .where('owner', '=', this.owner)
      .executeTakeFirst();
    return numUpdatedRows > 0n;
  }

  private async release(name: string): Promise<void> {
    await this.db.deleteFrom('lease').where('name', '=', name).where('owner', '=', this.owner).execute();
  }
}
