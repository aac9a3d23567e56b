/**
 * Fetching the components that name a data source (model/data-sources.ts) at submission: the
 * population database and VNeID documents through the population service, the e-data store
 * through the port given to the module's manifest (ports.ts: warehouse depends on this module, not the reverse).
 */
import type { Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import { AppError } from '../../../platform/errors';
import type { ComponentDataSource, ComponentSpec } from '../../catalogue/model';
import * as deps from '../deps';
import { componentsToFetch, recordOf, type FetchedSources, type ResolvedStoredDocument, type SourceFetch } from '../model';
import { storedDocumentsPort } from '../ports';

/** The owner's valid document of a type in the e-data store (null when none). */
export type StoredDocumentFinder = (
  ctx: Ctx,
  q: { owner: { kind: 'citizen' | 'organisation'; id: string }; documentType: string },
) => Promise<ResolvedStoredDocument | null>;

export type { FetchedSources } from '../model';

const vnToday = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

async function fetchOne(
  ctx: Ctx,
  actor: Actor,
  src: ComponentDataSource,
  owner: { kind: 'citizen' | 'organisation'; id: string },
  at: Date,
): Promise<{ r: SourceFetch; doc?: ResolvedStoredDocument }> {
  if (src.source === 'warehouse') {
    const store = storedDocumentsPort();
    const doc = store ? await store.find(ctx, { owner, documentType: src.kind }) : null;
    return doc ? { r: { ok: true, reference: doc.code, summary: doc.fileName }, doc } : { r: { ok: false, reason: 'not_found' } };
  }
  // The population database and VNeID hold people, not organisations.
  if (owner.kind !== 'citizen') return { r: { ok: false, reason: 'not_found' } };
  if (src.source === 'population') {
    const p = await deps.populationRecord(ctx, owner.id, actor);
    if (!p) return { r: { ok: false, reason: 'not_found' } };
    if (src.kind === 'residence')
      return p.address ? { r: { ok: true, reference: p.personalId, summary: p.address } } : { r: { ok: false, reason: 'not_found' } };
    return { r: { ok: true, reference: p.personalId, summary: `${p.name}, ${p.birthDate.split('-').reverse().join('/')}` } };
  }
  const d = await deps.vneidDocument(ctx, owner.id, src.kind, actor);
  if (!d) return { r: { ok: false, reason: 'not_found' } };
  if (!d.valid || (d.validUntil && d.validUntil < vnToday(at))) return { r: { ok: false, reason: 'invalid' } };
  return { r: { ok: true, reference: d.number, summary: d.title } };
}

/**
 * Fetches every component that names a source, when the rule is in force on `at`; components the
 * applicant already satisfied from the e-data store (`satisfied`) are left alone. Never throws for
 * a source that is down: the failure is the outcome.
 */
export async function fetchComponentSources(
  ctx: Ctx,
  actor: Actor,
  input: { components: readonly ComponentSpec[]; owner: { kind: 'citizen' | 'organisation'; id: string }; at: Date; satisfied: ReadonlySet<string> },
): Promise<FetchedSources> {
  const out: FetchedSources = { sources: {}, linked: [] };
  for (const c of componentsToFetch(input.components, deps.componentsFromSourceAt(input.at))) {
    if (input.satisfied.has(c.key)) continue;
    let got: { r: SourceFetch; doc?: ResolvedStoredDocument };
    try {
      got = await fetchOne(ctx, actor, c.dataSource, input.owner, input.at);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 503) throw err;
      got = { r: { ok: false, reason: 'unavailable' } };
    }
    out.sources[c.key] = recordOf(c, got.r, input.at);
    if (got.doc) out.linked.push({ componentKey: c.key, doc: got.doc });
  }
  return out;
}
