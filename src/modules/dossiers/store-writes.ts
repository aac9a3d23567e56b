/**
 * The writes of a change built by the model in few statements (model/change-build.ts buildActionChange,
 * model/submission-rows.ts buildSubmission); re-exported by store.ts.
 */
import { sql, type Compilable, type Kysely, type Updateable } from 'kysely';
import type { Database } from '../../db/schema';
import { appendAuditQuery } from '../../platform/audit';
import { enqueueQuery } from '../../platform/outbox';
import type { AuditRow, EventRows } from './model/change-events';
import type { ActionChange } from './model/change-types';
import type { SubmissionRows } from './model/submission-rows';
import { linkUploads } from './drafts-store';
import { insertDossierReturning, insertFilesReturning, updateConsent, updateIfVersion, type Dossier, type DossierFile } from './store';
import type { DossierRow } from './tables';

type Q = Kysely<Database>;

/**
 * Runs writes as one statement: each but the last as a data-modifying WITH query. PostgreSQL
 * runs them all on the statement's snapshot (none sees another's rows; none touches a row
 * another does here) and checks foreign keys at the end, so a parent and its children go in
 * together. One round trip, atomic on its own.
 */
export async function writeAll(db: Q, queries: Compilable[]): Promise<void> {
  if (queries.length === 0) return;
  if (queries.length === 1) {
    await db.executeQuery(queries[0]!.compile());
    return;
  }
  const ctes = queries.slice(0, -1).map((q, i) => sql`${sql.raw(`w${i}`)} AS (${q})`);
  await sql`WITH ${sql.join(ctes)} ${queries.at(-1)!}`.execute(db);
}

/** The INSERTs of events with their outbox messages and audit entries (audit last, in order). */
export function eventQueries(db: Q, rows: EventRows[]): Compilable[] {
  if (rows.length === 0) return [];
  return [
    db.insertInto('dossier_events').values(rows.map((r) => r.event)),
    enqueueQuery(
      db,
      rows.map((r) => ({ id: r.outbox.id, topic: r.outbox.topic, key: r.outbox.key, payload: r.outbox.payload })),
    ),
    appendAuditQuery(
      db,
      rows.map((r) => r.audit),
    ),
  ];
}

/**
 * Writes an action's change in the caller's transaction: the dossier's row if it still has the
 * version the change was built on (else null: nothing written), then every other row in one
 * statement. Returns the new version.
 */
export async function writeActionChange(db: Q, c: ActionChange): Promise<number | null> {
  const version = await updateIfVersion(db, c.dossierId, c.version, c.patch as Updateable<DossierRow>);
  if (version == null) return null;
  const q: Compilable[] = [];
  if (c.pauseInserts.length) q.push(db.insertInto('dossier_pauses').values(c.pauseInserts.map((p) => ({ ...p, missing: JSON.stringify(p.missing ?? []) }))));
  for (const u of c.pauseUpdates) q.push(db.updateTable('dossier_pauses').set(u.patch).where('id', '=', u.id));
  if (c.openStepPatch) q.push(db.updateTable('dossier_steps').set(c.openStepPatch).where('dossier_id', '=', c.dossierId).where('left_at', 'is', null));
  if (c.stepInserts.length) q.push(db.insertInto('dossier_steps').values(c.stepInserts));
  const requests = c.supplementRequestInserts;
  if (requests.length) q.push(db.insertInto('dossier_supplement_requests').values(requests.map(({ items: _items, ...r }) => r)));
  const items = requests.flatMap((r) => r.items);
  if (items.length) q.push(db.insertInto('dossier_supplement_items').values(items));
  for (const u of c.supplementRequestUpdates) q.push(db.updateTable('dossier_supplement_requests').set(u.patch).where('id', '=', u.id));
  if (c.fileInserts.length) q.push(db.insertInto('dossier_files').values(c.fileInserts));
  for (const u of c.supplementItemUpdates) q.push(db.updateTable('dossier_supplement_items').set(u.patch).where('id', '=', u.id));
  q.push(...eventQueries(db, [c.event]));
  await writeAll(db, q);
  return version;
}

/**
 * Writes a submission's rows in the caller's transaction: the dossier and its files (returned as
 * stored, so the answer needs no read after the commit), the acknowledged uploads linked to it
 * (each once), then `between` (the drafts' part: service/drafts.ts closeDraftOnSubmission), the
 * consent used up (once), and the events with their outbox messages and the audit entries (the
 * consent's first) in one statement. A link or a consent another dossier took first: that refusal,
 * and the caller rolls back.
 */
export async function writeSubmission(
  db: Q,
  s: SubmissionRows,
  between: () => Promise<void>,
): Promise<{ ok: true; dossier: Dossier; files: DossierFile[] } | { ok: false; taken: 'upload' | 'consent' }> {
  const d = s.dossier;
  const dossier = await insertDossierReturning(db, {
    ...d,
    snapshot: JSON.stringify(d.snapshot),
    data: JSON.stringify(d.data ?? {}),
    component_sources: JSON.stringify(d.component_sources),
  });
  const files = await insertFilesReturning(db, s.files);
  if ((await linkUploads(db, s.uploadIds, d.id, d.submitted_at)) !== s.uploadIds.length) return { ok: false, taken: 'upload' };
  await between();
  if (s.consent && !(await updateConsent(db, s.consent.id, { state: 'used', used_at: s.consent.usedAt, dossier_id: d.id }, 'confirmed')))
    return { ok: false, taken: 'consent' };
  if (s.steps.length) await db.insertInto('dossier_steps').values(s.steps).execute();
  await writeAll(db, submissionEventQueries(db, s.audits, s.events));
  return { ok: true, dossier, files };
}

/** The events, their outbox messages, then the audit entries: `audits` first, then each event's. */
function submissionEventQueries(db: Q, audits: AuditRow[], events: EventRows[]): Compilable[] {
  const q = eventQueries(db, events);
  if (!audits.length) return q;
  return [...q.slice(0, -1), appendAuditQuery(db, [...audits, ...events.map((e) => e.audit)])];
}
