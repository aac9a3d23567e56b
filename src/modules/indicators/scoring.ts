/**
 * Scoring from figures (POST /api/v1/indicators/score, the dashboard's "what if" form): the
 * same pure functions as the live index — `scoreIndex` with the province's settings for the
 * first reading, `scoreMethod` for the national method — applied to figures given by code.
 */
import type { Ctx } from '../../platform/context';
import { badRequest, type FieldError } from '../../platform/errors';
import { t, type Lang } from '../../platform/i18n';
import { loadIndexConfig } from './config';
import { INDICATORS } from './model/defaults';
import { scoreMethod } from './model/method-score';
import { methodById, methodInForce, READING_2022_ID, type Method } from './model/methods';
import { scoreIndex } from './model/score';
import type { Figure, IndexConfig } from './model/types';

export type FigureInput = { numerator: number | null; denominator: number | null };

export interface ScoreInput {
  at?: string;
  method?: string;
  unitKind?: 'agency' | 'commune' | 'province';
  figures: Record<string, FigureInput>;
}

export interface ScoreOutput {
  method: string;
  at: string;
  unitKind: string | null;
  metrics: Record<string, { points: number | null; maxPoints: number; value: number | null }>;
  groups: Record<string, { points: number; maxPoints: number }>;
  total: number;
}

/** The figure errors, each naming its field (figures.<code>.numerator ...), in the reader's language. */
export function figureErrors(lang: Lang, method: Method, figures: Record<string, FigureInput>): FieldError[] {
  const out: FieldError[] = [];
  const average = new Set(INDICATORS.filter((i) => i.kind === 'average').map((i) => i.code));
  for (const [code, f] of Object.entries(figures)) {
    if (!method.metrics.some((m) => m.code === code)) {
      out.push({ field: `figures.${code}`, message: t(lang, 'indicators.error.figure.code', { code, method: method.id }) });
      continue;
    }
    for (const part of ['numerator', 'denominator'] as const) {
      const v = f[part];
      if (v == null) continue;
      if (!Number.isInteger(v) && !average.has(code)) out.push({ field: `figures.${code}.${part}`, message: t(lang, 'indicators.error.figure.integer') });
      else if (v < 0) out.push({ field: `figures.${code}.${part}`, message: t(lang, 'indicators.error.figure.negative') });
    }
    if (f.numerator != null && f.denominator != null && f.numerator > f.denominator && !average.has(code) && f.numerator >= 0 && f.denominator >= 0)
      out.push({
        field: `figures.${code}.numerator`,
        message: t(lang, 'indicators.error.figure.over', { numerator: f.numerator, denominator: f.denominator }),
      });
  }
  return out;
}

export function resolveMethod(lang: Lang, at: string, id?: string): Method {
  if (!id) return methodInForce(at);
  const m = methodById(id);
  if (!m) throw badRequest('indicators.error.method', { method: id }, [{ field: 'method', message: t(lang, 'indicators.error.method', { method: id }) }]);
  return m;
}

/** Pure once the configuration is loaded: the same arithmetic as the live index. */
export function scoreWith(cfg: IndexConfig, method: Method, input: ScoreInput, at: string): ScoreOutput {
  const figures: Record<string, Figure> = {};
  for (const [code, f] of Object.entries(input.figures)) figures[code] = { numerator: f.numerator, denominator: f.denominator };
  const metrics: ScoreOutput['metrics'] = {};
  const groups: ScoreOutput['groups'] = {};
  let total: number;
  if (method.id === READING_2022_ID) {
    const byKey: Record<string, Figure> = {};
    for (const i of INDICATORS) if (figures[i.code]) byKey[i.key] = figures[i.code];
    const r = scoreIndex(byKey, cfg);
    for (const g of r.groups) {
      groups[g.key] = { points: g.points, maxPoints: g.maxPoints };
      for (const i of g.indicators) metrics[i.code] = { points: i.points, maxPoints: i.maxPoints, value: i.value };
    }
    total = r.total;
  } else {
    const r = scoreMethod(method, figures);
    for (const g of r.groups) groups[g.code] = { points: g.points, maxPoints: g.maxPoints };
    for (const m of r.metrics) metrics[m.code] = { points: m.points, maxPoints: m.maxPoints, value: m.value };
    total = r.total;
  }
  return { method: method.id, at, unitKind: input.unitKind ?? null, metrics, groups, total };
}

export async function scoreFigures(ctx: Ctx, lang: Lang, input: ScoreInput, today: string): Promise<ScoreOutput> {
  const at = input.at ?? today;
  const method = resolveMethod(lang, at, input.method);
  const errors = figureErrors(lang, method, input.figures);
  if (errors.length) throw badRequest('indicators.error.figures', undefined, errors);
  return scoreWith(await loadIndexConfig(ctx), method, input, at);
}
