/**
 * Bulk work for officers (issue 17 item 5): one action on many dossiers of a queue, the slips of
 * many dossiers in one PDF, and the CSV of result statuses from units that work on paper. Every
 * dossier goes on its own through `performAction` (its own transaction, event and audit entry):
 * one dossier refused never stops the others, and each answer says what happened to each.
 * The choices are in docs/decisions-dossiers.md, "Bulk work".
 */
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import { AppError, badRequest } from '../../../platform/errors';
import { oneOf, t, type Lang } from '../../../platform/i18n';
import * as deps from '../deps';
import { BULK_MAX, STATES, decide, parseResultsCsv, type CsvOutcome, type CsvRow, type DossierAction, type ReturnMethod } from '../model';
import * as store from '../store';
import type { Dossier } from '../store';
import { toMachine } from './common';
import { canSeeDossier } from './access';
import { slipPdf, vnDate, type SlipKind } from './slips';
import { performAction } from './transition';

export { BULK_MAX };
/** The actions a queue can take on many dossiers at once. */
export const BULK_ACTIONS = ['forward', 'approve', 'assign', 'return_result'] as const satisfies readonly DossierAction[];
export type BulkAction = (typeof BULK_ACTIONS)[number];

export type BulkResult = 'done' | 'already_done' | 'refused';

export interface BulkOutcome {
  id: string;
  /** The dossier's code; null when the officer may not see the dossier (nothing of it is disclosed). */
  code: string | null;
  outcome: BulkResult;
  /** HTTP status the same action on this dossier alone would have had. */
  status: number;
  /** Message key and its text in the requester's language (null when done). */
  key: string | null;
  message: string | null;
  /** The dossier's state and version after the request (null when not visible). */
  state: string | null;
  version: number | null;
}

export interface BulkRequest {
  action: BulkAction;
  items: { id: string; version: number }[];
  comment?: string | null;
  assigneeId?: string;
  returnMethod?: ReturnMethod;
  ip?: string | null;
}

export interface BulkReport {
  batchId: string;
  action: BulkAction;
  done: number;
  refused: number;
  outcomes: BulkOutcome[];
}

/** A refusal's params with its `state` (a dossier state) in words. */
function withStateText(lang: Lang, params: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const s = params?.state;
  return oneOf(STATES, s) ? { ...params, state: t(lang, `dossier.state.${s}`) } : params;
}

function messageOf(lang: Lang, err: AppError): string {
  return t(lang, err.key, withStateText(lang, err.params));
}

/** An action refused with 403 on a dossier the officer sees: say which action and that it is not at their step or unit. */
function refusalOf(lang: Lang, err: AppError, action: DossierAction): { status: number; key: string; message: string } {
  if (err.status === 403) return { status: 403, key: 'bulk.forbidden', message: t(lang, 'bulk.forbidden', { action: t(lang, `pages.action.${action}`) }) };
  return { status: err.status, key: err.key, message: messageOf(lang, err) };
}

const notYours = (lang: Lang, id: string): BulkOutcome => ({
  id,
  code: null,
  outcome: 'refused',
  status: 404,
  key: 'bulk.not_yours',
  message: t(lang, 'bulk.not_yours'),
  state: null,
  version: null,
});

/** The dossier if the officer may see it (the same check as opening it alone). */
async function visible(ctx: Ctx, actor: Actor, id: string): Promise<Dossier | null> {
  const d = await store.getDossier(ctx.db, id);
  return d && (await canSeeDossier(ctx, actor, d)) ? d : null;
}

/** The event that made version `version + 1` was this very action by this actor: a second click of the same batch. */
async function alreadyDone(ctx: Ctx, actor: Actor, id: string, version: number, action: string): Promise<boolean> {
  const events = await store.listEvents(ctx.db, id);
  const e = events.find((x) => x.seq === version + 1);
  return !!e && e.action === action && e.actor_id === actor.id;
}

/** One action on many dossiers; each in its own transaction through performAction. */
export async function bulkAction(ctx: Ctx, actor: Actor, req: BulkRequest, lang: Lang): Promise<BulkReport> {
  if (actor.kind !== 'officer') throw new AppError(403, 'error.forbidden');
  if (!(BULK_ACTIONS as readonly string[]).includes(req.action)) throw badRequest('bulk.action_invalid');
  if (req.items.length === 0) throw badRequest('bulk.none_selected');
  if (req.items.length > BULK_MAX) throw badRequest('bulk.too_many', { max: BULK_MAX });
  const batchId = randomUUID();
  const seen = new Set<string>();
  const outcomes: BulkOutcome[] = [];
  for (const item of req.items) {
    if (seen.has(item.id)) {
      outcomes.push({ ...notYours(lang, item.id), status: 400, key: 'bulk.duplicate', message: t(lang, 'bulk.duplicate') });
      continue;
    }
    seen.add(item.id);
    const d = await visible(ctx, actor, item.id);
    if (!d) {
      outcomes.push(notYours(lang, item.id));
      continue;
    }
    try {
      const after = await performAction(ctx, actor, d.id, req.action, {
        version: item.version,
        comment: req.comment ?? null,
        assigneeId: req.assigneeId,
        returnMethod: req.returnMethod,
        ip: req.ip,
        eventData: { bulkId: batchId },
      });
      outcomes.push({ id: d.id, code: d.code, outcome: 'done', status: 200, key: null, message: null, state: after.state, version: after.version });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const now = (await store.getDossier(ctx.db, d.id))!;
      if (err.key === 'dossier.changed' && (await alreadyDone(ctx, actor, d.id, item.version, req.action))) {
        outcomes.push({
          id: d.id,
          code: d.code,
          outcome: 'already_done',
          status: 200,
          key: 'bulk.already_done',
          message: t(lang, 'bulk.already_done'),
          state: now.state,
          version: now.version,
        });
        continue;
      }
      outcomes.push({ id: d.id, code: d.code, outcome: 'refused', ...refusalOf(lang, err, req.action), state: now.state, version: now.version });
    }
  }
  return {
    batchId,
    action: req.action,
    done: outcomes.filter((o) => o.outcome === 'done').length,
    refused: outcomes.filter((o) => o.outcome === 'refused').length,
    outcomes,
  };
}

export interface BulkSlips {
  pdf: Buffer;
  printed: number;
  outcomes: BulkOutcome[];
}

/**
 * The slips of many dossiers as one PDF: a first page listing every dossier asked for with what
 * was printed or why not, then each printed slip in the order asked (docs: "one PDF, not a zip").
 */
export async function bulkSlips(ctx: Ctx, actor: Actor, ids: string[], kind: SlipKind, lang: Lang): Promise<BulkSlips> {
  if (actor.kind !== 'officer') throw new AppError(403, 'error.forbidden');
  if (ids.length === 0) throw badRequest('bulk.none_selected');
  if (ids.length > BULK_MAX) throw badRequest('bulk.too_many', { max: BULK_MAX });
  const outcomes: BulkOutcome[] = [];
  const slips: Buffer[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const d = await visible(ctx, actor, id);
    if (!d) {
      outcomes.push(notYours(lang, id));
      continue;
    }
    try {
      slips.push(await slipPdf(ctx, d, kind));
      outcomes.push({ id, code: d.code, outcome: 'done', status: 200, key: null, message: null, state: d.state, version: d.version });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push({
        id,
        code: d.code,
        outcome: 'refused',
        status: err.status,
        key: err.key,
        message: messageOf(lang, err),
        state: d.state,
        version: d.version,
      });
    }
  }
  const list = outcomes.map((o, i) => ({
    kind: 'text' as const,
    text: `${i + 1}. ${o.code ?? t(lang, 'bulk.hidden_dossier')}: ${o.outcome === 'done' ? t(lang, 'bulk.slip_printed') : o.message}`,
  }));
  const cover = await deps.renderPdfBlocks(
    [
      { kind: 'title', text: t(lang, 'bulk.slips_title', { kind: t(lang, `bulk.slipKind.${kind}`) }) },
      { kind: 'text', text: t(lang, 'bulk.slips_summary', { printed: slips.length, total: outcomes.length, date: vnDate(ctx.clock.now()) }) },
      ...list,
    ],
    { title: t(lang, 'bulk.slips_title', { kind: t(lang, `bulk.slipKind.${kind}`) }), createdAt: ctx.clock.now() },
  );
  const out = await PDFDocument.create();
  out.setCreationDate(ctx.clock.now());
  out.setModificationDate(ctx.clock.now());
  out.setTitle(t(lang, 'bulk.slips_title', { kind: t(lang, `bulk.slipKind.${kind}`) }));
  for (const bytes of [cover, ...slips]) {
    const src = await PDFDocument.load(bytes);
    for (const p of await out.copyPages(src, src.getPageIndices())) out.addPage(p);
  }
  return { pdf: Buffer.from(await out.save()), printed: slips.length, outcomes };
}

export type CsvRowResult = 'done' | 'already_done' | 'valid' | 'invalid' | 'refused';
export interface CsvRowOutcome {
  line: number;
  code: string;
  outcome: CsvOutcome | null;
  result: CsvRowResult;
  /** What is wrong (invalid/refused) or what was done, in the requester's language. */
  messages: string[];
  state: string | null;
}
export interface CsvReport {
  /** False when the file was refused as a whole (nothing applied). */
  applied: boolean;
  batchId: string | null;
  /** A problem of the file itself (encoding, columns), before any row. */
  fileError: string | null;
  done: number;
  rows: CsvRowOutcome[];
}

/** Today in Vietnam as YYYY-MM-DD. */
const vnDay = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

interface Planned {
  row: CsvRow;
  d: Dossier | null;
  action: DossierAction | null;
  returnMethod?: ReturnMethod;
  already: boolean;
  errors: string[];
}

/** Which action records the row's outcome on the dossier, and whether the state machine would take it now. */
async function planRow(ctx: Ctx, actor: Actor, row: CsvRow, lang: Lang): Promise<Planned> {
  const p: Planned = { row, d: null, action: null, already: false, errors: row.errors.map((e) => t(lang, e.key, e.params)) };
  if (!row.code) return p;
  const found = await store.getDossierByCode(ctx.db, row.code);
  const d = found && (await canSeeDossier(ctx, actor, found)) ? found : null;
  if (!d) {
    p.errors.push(t(lang, 'bulk.csv.not_found', { code: row.code }));
    return p;
  }
  p.d = d;
  if (row.date) {
    if (row.date > vnDay(ctx.clock.now())) p.errors.push(t(lang, 'bulk.csv.date_future'));
    else if (d.received_at && row.date < vnDay(d.received_at)) p.errors.push(t(lang, 'bulk.csv.date_before_receipt', { date: vnDate(d.received_at) }));
  }
  if (!row.outcome) return p;
  if ((row.outcome === 'result_ready' && (d.state === 'result_ready' || d.state === 'returned')) || (row.outcome === 'returned' && d.state === 'returned')) {
    p.already = true;
    return p;
  }
  const files = await store.listFiles(ctx.db, d.id);
  const m = toMachine(d, files);
  if (row.outcome === 'result_ready') {
    // The paper result is ready: the dossier must be at the last step of its process, which the uploader finishes (forward, or approve at an approval step).
    const step = m.stepIndex != null ? m.steps[m.stepIndex] : null;
    if (!step || m.stepIndex !== m.steps.length - 1) {
      p.errors.push(step ? t(lang, 'bulk.csv.not_last_step', { step: step.name }) : t(lang, 'dossier.wrong_state', withStateText(lang, { state: d.state })));
      return p;
    }
    p.action = step.approval ? 'approve' : 'forward';
  } else {
    p.action = 'return_result';
    p.returnMethod = actor.roles.some((g) => g.role === 'reception' && g.unitId === d.receiving_unit_id) ? 'desk' : 'post';
  }
  const r = decide(m, actor, p.action, { comment: row.note || null }, ctx.clock.now());
  if (!r.ok) {
    if (r.status === 403) p.errors.push(t(lang, 'bulk.forbidden', { action: t(lang, `pages.action.${p.action}`) }));
    else p.errors.push(t(lang, r.key, withStateText(lang, r.params)));
  }
  return p;
}

/**
 * The CSV of result statuses. Every row is checked first (format, the dossier, the date, and
 * whether the state machine takes the action now); a file with any invalid row is refused as a
 * whole and nothing is applied, as the catalogue import does. Otherwise each row is applied on
 * its own; a dossier changed in between is reported for its row and the others go through.
 */
export async function importResultsCsv(ctx: Ctx, actor: Actor, bytes: Uint8Array, lang: Lang, ip?: string | null): Promise<CsvReport> {
  if (actor.kind !== 'officer') throw new AppError(403, 'error.forbidden');
  const parsed = parseResultsCsv(bytes);
  if (!parsed.ok) return { applied: false, batchId: null, fileError: t(lang, parsed.key, parsed.params), done: 0, rows: [] };
  const plans: Planned[] = [];
  for (const row of parsed.rows) plans.push(await planRow(ctx, actor, row, lang));
  const base = (p: Planned) => ({ line: p.row.line, code: p.row.code, outcome: p.row.outcome, state: p.d?.state ?? null });
  if (plans.some((p) => p.errors.length > 0)) {
    return {
      applied: false,
      batchId: null,
      fileError: null,
      done: 0,
      rows: plans.map((p) =>
        p.errors.length
          ? { ...base(p), result: 'invalid', messages: p.errors }
          : { ...base(p), result: 'valid', messages: [t(lang, p.already ? 'bulk.already_done' : 'bulk.csv.valid_not_applied')] },
      ),
    };
  }
  const batchId = randomUUID();
  const rows: CsvRowOutcome[] = [];
  for (const p of plans) {
    if (p.already || !p.action) {
      rows.push({ ...base(p), result: 'already_done', messages: [t(lang, 'bulk.already_done')] });
      continue;
    }
    try {
      const after = await performAction(ctx, actor, p.d!.id, p.action, {
        version: p.d!.version,
        comment: p.row.note || null,
        returnMethod: p.returnMethod,
        ip,
        eventData: { csvImportId: batchId, csvLine: p.row.line, paperDate: p.row.date },
      });
      rows.push({ ...base(p), result: 'done', messages: [t(lang, `bulk.csv.done.${p.row.outcome!}`)], state: after.state });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const now = await store.getDossier(ctx.db, p.d!.id);
      rows.push({ ...base(p), result: 'refused', messages: [refusalOf(lang, err, p.action).message], state: now?.state ?? null });
    }
  }
  return { applied: true, batchId, fileError: null, done: rows.filter((r) => r.result === 'done').length, rows };
}
