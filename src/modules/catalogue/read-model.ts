/**
 * The published catalogue in memory (issue 15, item 1): every published version with its
 * agencies and folded search columns, the fields, and per day the versions in force, so search,
 * the home page and procedure pages need no database round trip. A province publishes a few
 * thousand procedures and changes them a few times a month.
 *
 * One model per database handle, loaded on first use (and at start, see routes.ts), refreshed
 * per procedure after every publication, retirement, disclosure and draft (a draft may rename a
 * field), and from other instances through PostgreSQL NOTIFY on CHANNEL (sent inside the writing
 * transaction, so it arrives only after the commit). Drafts, version lists and exports stay in SQL.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../db';
import { listen, notifyOnCommit } from '../../db/notify';
import type { Database } from '../../db/schema';
import type { Ctx } from '../../platform/context';
import type { ProcedureHit, ProcedureVersion, SearchParams, SearchResult } from './model';
import { parseQuery, relevanceTier, strongMatch } from './search-query';
import * as store from './store';

export const CATALOGUE_CHANNEL = 'catalogue_changed';
/** NOTIFY payloads are limited to 8000 bytes: a bigger change asks every instance to reload all. */
const MAX_PAYLOAD = 7000;

interface Indexed {
  version: ProcedureVersion;
  nameFolded: string;
  searchFolded: string;
}

type Field = { code: string; name: string; nameEn: string };

export class CatalogueReadModel {
  readonly id = randomUUID();
  /** Grows with every load and refresh: caches of what is rendered from the model key on it (issue 15, item 2). */
  generation = 0;
  /** Published versions per code, in force order: latest effective date first, then latest seq. */
  private byCode = new Map<string, Indexed[]>();
  private byVersion = new Map<string, ProcedureVersion>();
  private fieldList: Field[] = [];
  private fieldNames = new Map<string, string>();
  private inForceCache = new Map<string, Indexed[]>();
  private chain: Promise<void> = Promise.resolve();
  listener: { close(): Promise<void> } | null = null;

  constructor(private db: Db) {}

  /** Mutations run one after the other, so a refresh queued after a load sees what was committed before it. */
  private run(task: () => Promise<void>): Promise<void> {
    const next = this.chain.then(task);
    this.chain = next.catch(() => undefined);
    return next;
  }

  loadAll(): Promise<void> {
    return this.run(async () => {
      const rows = await store.publishedVersions(this.db);
      this.byCode.clear();
      this.byVersion.clear();
      this.put(rows);
      await this.loadFields();
      this.generation++;
    });
  }

  /** Reloads the procedures of `codes` (and the fields). */
  refresh(codes: string[]): Promise<void> {
    return this.run(async () => {
      const rows = await store.publishedVersions(this.db, codes);
      for (const code of codes) {
        for (const x of this.byCode.get(code) ?? []) this.byVersion.delete(x.version.versionId);
        this.byCode.delete(code);
      }
      this.put(rows);
      await this.loadFields();
      this.generation++;
    });
  }

  private put(rows: Indexed[]) {
    for (const r of rows) {
      const list = this.byCode.get(r.version.code) ?? [];
      list.push(r);
      this.byCode.set(r.version.code, list);
      this.byVersion.set(r.version.versionId, r.version);
    }
    for (const list of this.byCode.values()) list.sort(inForceOrder);
    this.inForceCache.clear();
  }

  private async loadFields() {
    this.fieldList = await store.listFields(this.db);
    this.fieldNames = new Map(this.fieldList.map((f) => [f.code, f.name]));
    this.inForceCache.clear();
  }

  get fields(): Field[] {
    return this.fieldList;
  }

  knows(code: string): boolean {
    return this.byCode.has(code);
  }

  /** The published version in force on `day`, retired or not (the page says so); as store.versionInForce. */
  versionInForce(code: string, day: string): ProcedureVersion | null {
    return this.byCode.get(code)?.find((x) => x.version.effectiveFrom! <= day)?.version ?? null;
  }

  publishedVersion(versionId: string): ProcedureVersion | null {
    return this.byVersion.get(versionId) ?? null;
  }

  /** Versions in force on `day` of procedures not retired on it (what search lists). */
  private inForceOn(day: string): Indexed[] {
    let list = this.inForceCache.get(day);
    if (!list) {
      list = [];
      for (const versions of this.byCode.values()) {
        const x = versions.find((v) => v.version.effectiveFrom! <= day);
        if (x && !(x.version.retirement && x.version.retirement.from <= day)) list.push(x);
      }
      if (this.inForceCache.size >= 8) this.inForceCache.clear();
      this.inForceCache.set(day, list);
    }
    return list;
  }

  /** The same filters, ranking and paging as search-store.ts's SQL. */
  search(day: string, p: SearchParams): SearchResult {
    const q = parseQuery(p.q);
    const pageSize = Math.min(Math.max(p.pageSize ?? 20, 1), 100);
    const page = Math.max(p.page ?? 1, 1);
    const matches: { x: Indexed; tier: number; strong: boolean }[] = [];
    for (const x of this.inForceOn(day)) {
      const c = x.version.content;
      if (q && !q.tokens.every((t) => x.searchFolded.includes(' ' + t))) continue;
      if (p.field && c.field.code !== p.field) continue;
      if (p.level && !c.levels.includes(p.level)) continue;
      if (p.online && c.onlineLevel !== p.online) continue;
      if (p.essential && !c.essential) continue;
      if (p.agency && !x.version.agencies.some((a) => a.receivingUnitId === p.agency || a.decidingUnitId === p.agency)) continue;
      if (!this.fieldNames.has(c.field.code)) continue; // the SQL joins procedure_fields
      matches.push({ x, tier: q ? relevanceTier(x.nameFolded, q) : 0, strong: q ? strongMatch(x.nameFolded, q) : false });
    }
    matches.sort(
      (a, b) =>
        a.tier - b.tier ||
        Number(b.strong) - Number(a.strong) ||
        Number(b.x.version.content.essential) - Number(a.x.version.content.essential) ||
        a.x.nameFolded.length - b.x.nameFolded.length ||
        (a.x.version.code < b.x.version.code ? -1 : a.x.version.code > b.x.version.code ? 1 : 0),
    );
    const items: ProcedureHit[] = matches.slice((page - 1) * pageSize, page * pageSize).map(({ x }) => {
      const c = x.version.content;
      return {
        code: x.version.code,
        name: c.name,
        nameEn: c.nameEn,
        fieldCode: c.field.code,
        fieldName: this.fieldNames.get(c.field.code)!,
        levels: c.levels,
        onlineLevel: c.onlineLevel,
        essential: c.essential,
      };
    });
    return { total: matches.length, page, pageSize, items };
  }
}

function inForceOrder(a: Indexed, b: Indexed): number {
  const ea = a.version.effectiveFrom!;
  const eb = b.version.effectiveFrom!;
  return ea < eb ? 1 : ea > eb ? -1 : b.version.seq - a.version.seq;
}

const models = new WeakMap<Db, { model: CatalogueReadModel; ready: Promise<void> }>();

/**
 * The loaded model of ctx's database; null inside a transaction (it must read its own
 * writes) or when the load failed (the caller falls back to SQL; the next call tries again).
 */
export async function readModel(ctx: Ctx): Promise<CatalogueReadModel | null> {
  if (ctx.db.isTransaction) return null;
  let m = models.get(ctx.db);
  if (!m) {
    const model = new CatalogueReadModel(ctx.db);
    const ready = startModel(ctx, model);
    m = { model, ready };
    models.set(ctx.db, m);
  }
  try {
    await m.ready;
    return m.model;
  } catch {
    if (models.get(ctx.db) === m) models.delete(ctx.db);
    return null;
  }
}

async function startModel(ctx: Ctx, model: CatalogueReadModel): Promise<void> {
  // Listen before loading: a change committed during the load is then not missed.
  model.listener = await listen(
    ctx.db,
    CATALOGUE_CHANNEL,
    (payload) => void onNotification(model, payload).catch(() => model.loadAll()),
    () => void model.loadAll().catch(() => undefined),
  );
  try {
    await model.loadAll();
  } catch (err) {
    await model.listener?.close();
    throw err;
  }
}

async function onNotification(model: CatalogueReadModel, payload: string) {
  const msg = JSON.parse(payload) as { from: string; codes?: string[]; all?: boolean };
  if (msg.from === model.id) return; // our own change, already applied
  if (msg.all || !msg.codes) await model.loadAll();
  else await model.refresh(msg.codes);
}

/**
 * A token that changes whenever this instance's catalogue model changes (a publication here or,
 * through NOTIFY, on another instance); '-' when there is no loaded model (nothing to key on).
 */
export function catalogueGeneration(ctx: Ctx): string {
  const m = models.get(ctx.db);
  return m ? `${m.model.id}:${m.model.generation}` : '-';
}

/** Inside the writing transaction: tells the other instances (PostgreSQL only) once it commits. */
export async function announceChange(ctx: Ctx, trx: Transaction<Database>, codes: string[]): Promise<void> {
  if (ctx.engine !== 'postgres') return;
  const from = models.get(ctx.db)?.model.id ?? '-';
  let payload = JSON.stringify({ from, codes });
  if (payload.length > MAX_PAYLOAD) payload = JSON.stringify({ from, all: true });
  await notifyOnCommit(trx, CATALOGUE_CHANNEL, payload);
}

/** After the commit: this instance's model (if it has one) takes the change before the use case returns. */
export async function applyChange(ctx: Ctx, codes: string[]): Promise<void> {
  const m = models.get(ctx.db);
  if (!m) return;
  try {
    await m.ready;
  } catch {
    return; // not loaded: the next read loads it whole
  }
  await m.model.refresh(codes).catch(async () => {
    // could not refresh: forget the model, the next read loads it whole
    if (models.get(ctx.db) === m) models.delete(ctx.db);
    await m.model.listener?.close();
  });
}
