/**
 * Writes simulated dossiers in one transaction per batch: one INSERT ... SELECT FROM unnest(...)
 * per table (one array parameter per column, so a statement carries thousands of rows), the
 * audit entries (unsealed: the audit sealer chains them), and the code counters moved up to the
 * numbers used. Runs on PostgreSQL and PGlite.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { canonicalJson } from '../../../platform/audit';
import type { SimResult } from './simulate';

type Col = [name: string, type: string];
type Q = Kysely<Database>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

async function insertUnnest(db: Q, table: string, cols: Col[], rows: unknown[][], suffix = ''): Promise<void> {
  if (rows.length === 0) return;
  const arrays = cols.map((_, i) => rows.map((r) => r[i] ?? null));
  const params = cols.map(([, type], i) => sql`${arrays[i]}::${sql.raw(type)}[]`);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(cols.map(([n]) => sql.ref(n)))}) SELECT * FROM unnest(${sql.join(params)}) ${sql.raw(suffix)}`.execute(
    db,
  );
}

const DOSSIER_COLS: Col[] = [
  ['id', 'text'],
  ['code', 'text'],
  ['procedure_id', 'text'],
  ['procedure_version_id', 'text'],
  ['procedure_code', 'text'],
  ['procedure_name', 'text'],
  ['snapshot', 'jsonb'],
  ['channel', 'text'],
  ['applicant_kind', 'text'],
  ['applicant_id_number', 'text'],
  ['applicant_name', 'text'],
  ['applicant_phone', 'text'],
  ['applicant_email', 'text'],
  ['applicant_address', 'text'],
  ['submitter_kind', 'text'],
  ['submitter_id', 'text'],
  ['submitter_personal_id', 'text'],
  ['receiving_unit_id', 'text'],
  ['deciding_unit_id', 'text'],
  ['summary', 'text'],
  ['data', 'jsonb'],
  ['state', 'text'],
  ['resume_state', 'text'],
  ['step_index', 'int'],
  ['step_key', 'text'],
  ['step_unit_id', 'text'],
  ['step_role', 'text'],
  ['step_entered_at', 'timestamptz'],
  ['step_due_at', 'timestamptz'],
  ['assignee_id', 'text'],
  ['consult_unit_id', 'text'],
  ['consult_due_at', 'timestamptz'],
  ['submitted_at', 'timestamptz'],
  ['received_at', 'timestamptz'],
  ['due_at', 'timestamptz'],
  ['appointment_at', 'timestamptz'],
  ['paused_since', 'timestamptz'],
  ['supplement_requests', 'int'],
  ['apology_at', 'timestamptz'],
  ['result_ready_at', 'timestamptz'],
  ['returned_at', 'timestamptz'],
  ['return_method', 'text'],
  ['closed_at', 'timestamptz'],
  ['close_reason', 'text'],
  ['lookup_pin', 'text'],
  ['idempotency_key', 'text'],
  ['version', 'int'],
  ['updated_at', 'timestamptz'],
];

/** The snapshot (the same for every dossier of a procedure version) is sent once per batch and joined in. */
async function insertDossiers(db: Q, sims: SimResult[], opts: BulkWriteOptions): Promise<void> {
  const cols = DOSSIER_COLS.filter(([c]) => c !== 'snapshot');
  const arrays = cols.map(([c, type]) =>
    sims.map(({ dossier: d }) => {
      if (c === 'data') return JSON.stringify(d.data ?? {});
      const v = (d as Record<string, unknown>)[c];
      return type === 'timestamptz' ? iso(v as Date | null) : (v ?? null);
    }),
  );
  const versions = [...new Set(sims.map((s) => s.dossier.procedure_version_id))];
  const params = cols.map(([, type], i) => sql`${arrays[i]}::${sql.raw(type)}[]`);
  await sql`INSERT INTO dossiers (${sql.join(cols.map(([n]) => sql.ref(n)))}, snapshot)
    SELECT t.*, s.snap FROM unnest(${sql.join(params)}) AS t(${sql.join(cols.map(([n]) => sql.ref(n)))})
    JOIN unnest(${versions}::text[], ${versions.map((v) => opts.snapshotJson(v))}::jsonb[]) AS s(vid, snap) ON s.vid = t.procedure_version_id`.execute(db);
}

export interface BulkWriteOptions {
  /**
   * 'all': one message per event (earlier ones stored as delivered), 'last': only each dossier's last event, pending;
   * 'pending': one message per event, all pending (what the service path leaves for the worker).
   */
  outbox: 'all' | 'pending' | 'last' | 'none';
  /** Snapshot JSON per procedure version (the same text for every dossier of a version). */
  snapshotJson(versionId: string): string;
}

export async function writeBatch(db: Q, sims: SimResult[], counters: Map<string, number>, opts: BulkWriteOptions): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertDossiers(trx, sims, opts);
    await insertUnnest(
      trx,
      'dossier_files',
      [
        ['id', 'text'],
        ['dossier_id', 'text'],
        ['kind', 'text'],
        ['component_key', 'text'],
        ['blob_key', 'text'],
        ['file_name', 'text'],
        ['content_type', 'text'],
        ['size', 'int'],
        ['sha256', 'text'],
        ['digitized', 'boolean'],
        ['uploaded_by_kind', 'text'],
        ['uploaded_by', 'text'],
        ['uploaded_at', 'timestamptz'],
      ],
      sims.flatMap((s) =>
        s.files.map((f) => [
          f.id,
          f.dossier_id,
          f.kind,
          f.component_key,
          f.blob_key,
          f.file_name,
          f.content_type,
          f.size,
          f.sha256,
          f.digitized,
          f.uploaded_by_kind,
          f.uploaded_by,
          iso(f.uploaded_at),
        ]),
      ),
    );
    await insertUnnest(
      trx,
      'dossier_steps',
      [
        ['id', 'text'],
        ['dossier_id', 'text'],
        ['step_index', 'int'],
        ['step_key', 'text'],
        ['step_name', 'text'],
        ['unit_id', 'text'],
        ['role', 'text'],
        ['entered_at', 'timestamptz'],
        ['due_at', 'timestamptz'],
        ['left_at', 'timestamptz'],
        ['outcome', 'text'],
        ['assignee_id', 'text'],
        ['handled_by', 'text'],
      ],
      sims.flatMap((s) =>
        s.steps.map((x) => [
          x.id,
          x.dossier_id,
          x.step_index,
          x.step_key,
          x.step_name,
          x.unit_id,
          x.role,
          iso(x.entered_at),
          iso(x.due_at),
          iso(x.left_at),
          x.outcome,
          x.assignee_id,
          x.handled_by,
        ]),
      ),
    );
    await insertUnnest(
      trx,
      'dossier_pauses',
      [
        ['id', 'text'],
        ['dossier_id', 'text'],
        ['kind', 'text'],
        ['reason', 'text'],
        ['missing', 'jsonb'],
        ['requested_by', 'text'],
        ['from_at', 'timestamptz'],
        ['to_at', 'timestamptz'],
        ['before_receipt', 'boolean'],
        ['rule', 'text'],
        ['due_before', 'timestamptz'],
        ['due_after', 'timestamptz'],
      ],
      sims.flatMap((s) =>
        s.pauses.map((x) => [
          x.id,
          x.dossier_id,
          x.kind,
          x.reason,
          JSON.stringify(x.missing ?? []),
          x.requested_by,
          iso(x.from_at),
          iso(x.to_at),
          x.before_receipt,
          x.rule,
          iso(x.due_before),
          iso(x.due_after),
        ]),
      ),
    );
    const requests = sims.flatMap((s) => s.supplementRequests);
    await insertUnnest(
      trx,
      'dossier_supplement_requests',
      [
        ['id', 'text'],
        ['dossier_id', 'text'],
        ['request_no', 'int'],
        ['state', 'text'],
        ['reason', 'text'],
        ['requested_by', 'text'],
        ['requested_by_name', 'text'],
        ['requested_at', 'timestamptz'],
        ['issued_at', 'timestamptz'],
        ['answered_at', 'timestamptz'],
        ['answered_via', 'text'],
      ],
      requests.map((r) => [
        r.id,
        r.dossier_id,
        r.request_no,
        r.state,
        r.reason,
        r.requested_by,
        r.requested_by_name,
        iso(r.requested_at),
        iso(r.issued_at),
        iso(r.answered_at),
        r.answered_via,
      ]),
    );
    await insertUnnest(
      trx,
      'dossier_supplement_items',
      [
        ['id', 'text'],
        ['request_id', 'text'],
        ['position', 'int'],
        ['component_key', 'text'],
        ['label', 'text'],
        ['defect', 'text'],
        ['provide', 'text'],
      ],
      requests.flatMap((r) => r.items.map((x, i) => [x.id, r.id, i + 1, x.componentKey, x.label, x.defect, x.provide])),
    );
    await insertUnnest(
      trx,
      'dossier_events',
      [
        ['id', 'text'],
        ['dossier_id', 'text'],
        ['seq', 'int'],
        ['at', 'timestamptz'],
        ['actor_kind', 'text'],
        ['actor_id', 'text'],
        ['actor_name', 'text'],
        ['action', 'text'],
        ['from_state', 'text'],
        ['to_state', 'text'],
        ['step_key', 'text'],
        ['comment', 'text'],
        ['data', 'jsonb'],
      ],
      sims.flatMap((s) =>
        s.events.map((e) => [
          e.id,
          e.dossier_id,
          e.seq,
          iso(e.at),
          e.actor_kind,
          e.actor_id,
          e.actor_name,
          e.action,
          e.from_state,
          e.to_state,
          e.step_key,
          e.comment,
          e.data,
        ]),
      ),
    );
    if (opts.outbox !== 'none') {
      const msgs = sims.flatMap((s) =>
        opts.outbox === 'last'
          ? [{ m: s.outbox[s.outbox.length - 1]!, last: true }]
          : s.outbox.map((m, i) => ({ m, last: opts.outbox === 'pending' || i === s.outbox.length - 1 })),
      );
      await insertUnnest(
        trx,
        'outbox',
        [
          ['id', 'text'],
          ['topic', 'text'],
          ['key', 'text'],
          ['payload', 'jsonb'],
          ['status', 'text'],
          ['created_at', 'timestamptz'],
          ['delivered_at', 'timestamptz'],
        ],
        msgs.map(({ m, last }) => [
          m.id,
          'dossier.event',
          m.key,
          JSON.stringify(m.payload),
          last ? 'pending' : 'delivered',
          iso(m.at),
          last ? null : iso(m.at),
        ]),
      );
    }
    await appendAudits(trx, sims);
    const entries = [...counters.entries()].map(([k, last]) => {
      const [scope, day] = k.split('|') as [string, string];
      return [scope, day, last];
    });
    await insertUnnest(
      trx,
      'code_counters',
      [
        ['scope', 'text'],
        ['day', 'date'],
        ['last', 'int'],
      ],
      entries,
      'ON CONFLICT (scope, day) DO UPDATE SET last = GREATEST(code_counters.last, excluded.last)',
    );
  });
}

/** The batch's audit entries, in time order, unsealed (ids in that order; the sealer chains them, see platform/audit.ts). */
async function appendAudits(trx: Q, sims: SimResult[]): Promise<void> {
  const entries = sims.flatMap((s) => s.audits).sort((a, b) => a.at.getTime() - b.at.getTime());
  if (entries.length === 0) return;
  const rows = entries.map((e) => [iso(e.at), e.actorKind, e.actorId, e.action, 'dossier', e.entityId, null, canonicalJson(e.details)]);
  await insertUnnest(
    trx,
    'audit_log',
    [
      ['at', 'timestamptz'],
      ['actor_kind', 'text'],
      ['actor_id', 'text'],
      ['action', 'text'],
      ['entity', 'text'],
      ['entity_id', 'text'],
      ['ip', 'text'],
      ['details', 'jsonb'],
    ],
    rows,
  );
}
