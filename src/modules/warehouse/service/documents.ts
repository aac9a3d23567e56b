/** The owner's documents: list, download, share links; officers' view through a dossier they handle. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import { appendAudit } from '../../../platform/audit';
import { AppError, badRequest, forbidden, notFound } from '../../../platform/errors';
import type { ResolvedStoredDocument, StoredDocumentFinder, StoredDocumentResolver } from '../../dossiers/service';
import * as deps from '../deps';
import { isValidOn, ownersOf, ownsDocument, SHARE_DEFAULT_HOURS, SHARE_MAX_DAYS, shareStatus, vnDate, type Owner, type StoredDocument } from '../model';
import * as store from '../store';

function citizen(actor: Actor): Actor {
  if (actor.kind !== 'citizen') throw forbidden();
  return actor;
}

/** The actor's own documents (person and, when acting for one, the organisation), optionally of one type. */
export async function listMyDocuments(ctx: Ctx, actor: Actor, documentType?: string): Promise<StoredDocument[]> {
  return withIssuerToday(ctx, await store.listForOwners(ctx.db, ownersOf(citizen(actor)), documentType));
}

/** Issue 11 item 4: a document issued under an old unit name stays valid; today's name of its issuer goes beside it. */
async function withIssuerToday(ctx: Ctx, docs: StoredDocument[]): Promise<StoredDocument[]> {
  if (!docs.some((d) => d.issuingBody)) return docs;
  const issuer = await deps.issuerNormaliser(ctx);
  return docs.map((d) => {
    const n = d.issuingBody ? issuer(d.issuingBody) : null;
    return { ...d, issuingBodyToday: n?.changed ? n.today : null };
  });
}

/** One of the actor's documents; 404 when it is someone else's (never says it exists). */
export async function getMyDocument(ctx: Ctx, actor: Actor, id: string): Promise<StoredDocument> {
  const doc = await store.getDocument(ctx.db, id);
  if (!doc || !ownsDocument(citizen(actor), doc.owner)) throw notFound('warehouse.document_not_found');
  return (await withIssuerToday(ctx, [doc]))[0]!;
}

async function bytesOf(ctx: Ctx, doc: StoredDocument): Promise<Buffer> {
  const bytes = await deps.getBlob(ctx, doc.sha256);
  if (!bytes) throw notFound('warehouse.file_missing');
  return bytes;
}

export async function myDocumentFile(ctx: Ctx, actor: Actor, id: string): Promise<{ doc: StoredDocument; bytes: Buffer }> {
  const doc = await getMyDocument(ctx, actor, id);
  return { doc, bytes: await bytesOf(ctx, doc) };
}

/**
 * For the application form: the owner's documents of `documentType` that are valid today,
 * newest first. Empty when the component names no document type.
 */
export async function documentsForComponent(ctx: Ctx, owner: Owner | Owner[], documentType: string | undefined | null): Promise<StoredDocument[]> {
  if (!documentType) return [];
  const today = vnDate(ctx.clock.now());
  const docs = await store.listForOwners(ctx.db, Array.isArray(owner) ? owner : [owner], documentType);
  return docs.filter((d) => isValidOn(d, today));
}

/** Plugged into the dossier submission: a stored document of the applicant, valid today. */
export const resolveStoredDocument: StoredDocumentResolver = async (ctx, q): Promise<ResolvedStoredDocument | null> => {
  const doc = await store.getDocument(ctx.db, q.storedDocumentId);
  if (!doc || doc.owner.kind !== q.owner.kind || doc.owner.id !== q.owner.id) return null;
  if (!isValidOn(doc, vnDate(ctx.clock.now()))) return null;
  return {
    id: doc.id,
    code: doc.code,
    sha256: doc.sha256,
    fileName: doc.fileName,
    contentType: doc.contentType,
    size: doc.size,
    fromNationalStore: doc.fromNationalStore,
  };
};

/** Plugged into the dossier submission as a data source: the owner's newest valid document of a type. */
export const findStoredDocument: StoredDocumentFinder = async (ctx, q): Promise<ResolvedStoredDocument | null> => {
  const docs = await documentsForComponent(ctx, q.owner, q.documentType);
  const doc = docs[0];
  return doc
    ? {
        id: doc.id,
        code: doc.code,
        sha256: doc.sha256,
        fileName: doc.fileName,
        contentType: doc.contentType,
        size: doc.size,
        fromNationalStore: doc.fromNationalStore,
      }
    : null;
};

// ---- share links ----

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ShareView {
  id: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

/**
 * A link anyone holding it may open until it expires or the owner revokes it. The token is
 * 256 random bits; only its SHA-256 is stored, so a leaked database gives no working link.
 */
export async function createShare(
  ctx: Ctx,
  actor: Actor,
  documentId: string,
  opts: { hours?: number } = {},
): Promise<{ share: ShareView; token: string; url: string; path: string }> {
  const doc = await getMyDocument(ctx, actor, documentId);
  const hours = opts.hours ?? SHARE_DEFAULT_HOURS;
  if (!Number.isFinite(hours) || hours < 1 || hours > SHARE_MAX_DAYS * 24)
    throw badRequest('warehouse.share_hours', { max: SHARE_MAX_DAYS * 24 }, [{ field: 'hours', message: `1-${SHARE_MAX_DAYS * 24}` }]);
  const now = ctx.clock.now();
  const token = randomBytes(32).toString('base64url');
  const row = {
    id: randomUUID(),
    document_id: doc.id,
    token_hash: hashToken(token),
    created_by: actor.id,
    created_at: now,
    expires_at: new Date(now.getTime() + hours * 3_600_000),
    revoked_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await store.insertShare(trx, row);
    await appendAudit(trx, {
      actorKind: 'citizen',
      actorId: actor.id,
      action: 'warehouse.share',
      entity: 'stored_document',
      entityId: doc.id,
      details: { shareId: row.id, expiresAt: row.expires_at.toISOString() },
      at: now,
    });
  });
  const path = `/chia-se/${token}`;
  return { share: shareView(row, now), token, path, url: `${ctx.config.publicUrl}${path}` };
}

function shareView(r: { id: string; created_at: Date; expires_at: Date; revoked_at: Date | null }, now: Date): ShareView {
  return {
    id: r.id,
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    status: shareStatus({ expiresAt: new Date(r.expires_at), revokedAt: r.revoked_at }, now),
  };
}

export async function listShares(ctx: Ctx, actor: Actor, documentId: string): Promise<ShareView[]> {
  const doc = await getMyDocument(ctx, actor, documentId);
  const now = ctx.clock.now();
  return (await store.sharesOf(ctx.db, doc.id)).map((r) => shareView(r, now));
}

export async function revokeShare(ctx: Ctx, actor: Actor, documentId: string, shareId: string): Promise<void> {
  const doc = await getMyDocument(ctx, actor, documentId);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await store.revokeShare(trx, doc.id, shareId, now))) throw notFound('warehouse.share_not_found');
    await appendAudit(trx, {
      actorKind: 'citizen',
      actorId: actor.id,
      action: 'warehouse.share_revoke',
      entity: 'stored_document',
      entityId: doc.id,
      details: { shareId },
      at: now,
    });
  });
}

/** Opens a share link: 404 unknown, 410 expired or revoked. */
export async function openShare(ctx: Ctx, token: string): Promise<{ doc: StoredDocument; bytes: Buffer }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound('warehouse.share_not_found');
  const s = await store.shareByHash(ctx.db, hashToken(token));
  if (!s) throw notFound('warehouse.share_not_found');
  const status = shareStatus({ expiresAt: new Date(s.expires_at), revokedAt: s.revoked_at }, ctx.clock.now());
  if (status !== 'active') throw new AppError(410, status === 'revoked' ? 'warehouse.share_revoked' : 'warehouse.share_expired');
  const doc = await store.getDocument(ctx.db, s.document_id);
  if (!doc) throw notFound('warehouse.share_not_found');
  return { doc, bytes: await bytesOf(ctx, doc) };
}

// ---- officers: only what a dossier they handle uses ----

/** Documents a dossier uses (reused from the store) or produced (its digitized parts and results). */
export async function documentsOfDossier(ctx: Ctx, actor: Actor, dossierId: string): Promise<StoredDocument[]> {
  await deps.dossierViewFor(ctx, actor, dossierId); // 404 when the actor may not see the dossier
  const reused = (await store.reusesOf(ctx.db, [dossierId])).map((r) => r.document_id);
  const produced = await store.idsFromDossier(ctx.db, dossierId);
  return store.listByIds(ctx.db, [...new Set([...reused, ...produced])]);
}

export async function dossierDocumentFile(ctx: Ctx, actor: Actor, dossierId: string, documentId: string): Promise<{ doc: StoredDocument; bytes: Buffer }> {
  const docs = await documentsOfDossier(ctx, actor, dossierId);
  const doc = docs.find((d) => d.id === documentId);
  if (!doc) throw notFound('warehouse.document_not_found');
  return { doc, bytes: await bytesOf(ctx, doc) };
}
