/**
 * The virtual assistant: finds the procedure for a free-text need, says what to bring, how long
 * it takes, what it costs and where to apply; reports the person's own dossiers when logged in;
 * says plainly when it does not know, with the hotline. Local retrieval only.
 */
import type { Ctx } from '../../../platform/context';
import type { Actor } from '../../../platform/auth';
import { t, type Lang } from '../../../platform/i18n';
import { fold } from '../../../platform/text';
import { listMyDossiers } from '../../dossiers/service';
import type { ProcedureSnapshot } from '../../catalogue/model';
import { supportContacts, type Contact } from '../support';
import { corpus } from './corpus';
import { search, terms, type Hit } from './retrieval';

/** Below these the assistant says it does not know (measured on the dev split, see docs/benchmarks.md). */
export const MIN_SCORE = 4;
export const MIN_COVERAGE = 0.5;
/**
 * A score this high is confident with a low coverage (long, chatty questions) only when a known
 * phrase for a need (synonym table) matched: a few plain words in common ("xã", "tốt nghiệp") are
 * not enough, the assistant then says it does not know.
 */
export const STRONG_SCORE = 12;
/** Other procedures are listed when they score at least this share of the best one. */
export const RELATIVE = 0.4;

export interface AssistantReply {
  answer: string;
  known: boolean;
  procedures: { code: string; name: string; url: string }[];
  dossiers: { code: string; procedure: string; state: string }[];
  contacts: Contact[];
}

const DOSSIER_WORDS = ['ho so cua toi', 'tinh trang ho so', 'ho so den dau', 'ho so toi', 'trang thai ho so', 'ket qua ho so', 'tra cuu ho so'];

export function asksAboutOwnDossier(question: string): boolean {
  const q = ` ${fold(question)} `;
  return DOSSIER_WORDS.some((w) => q.includes(` ${w} `)) || /\d{6}-\d{4,7}/.test(question);
}

function limitText(lang: Lang, p: ProcedureSnapshot): string {
  const lim = p.processingTime;
  return t(lang, `feedback.assistant.unit.${lim.unit}`, { n: lim.value });
}

function feesText(lang: Lang, p: ProcedureSnapshot): string {
  if (p.fees.length === 0) return t(lang, 'feedback.assistant.no_fee');
  return p.fees
    .map((f) => {
      const amount = f.amount === 0 ? t(lang, 'feedback.assistant.free') : `${f.amount.toLocaleString('vi-VN')} đ`;
      const online =
        f.onlineAmount != null && f.onlineAmount !== f.amount
          ? ` (${t(lang, 'feedback.assistant.online_amount', { amount: `${f.onlineAmount.toLocaleString('vi-VN')} đ` })})`
          : '';
      return `${f.name}: ${amount}${online}`;
    })
    .join('; ');
}

function componentsText(lang: Lang, p: ProcedureSnapshot): string {
  return p.components
    .map((c) => {
      const n = [
        c.originals ? t(lang, 'feedback.assistant.originals', { n: c.originals }) : '',
        c.copies ? t(lang, 'feedback.assistant.copies', { n: c.copies }) : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `- ${c.name}${n ? ` (${n})` : ''}${c.optional ? ` [${t(lang, 'feedback.assistant.if_any')}]` : ''}`;
    })
    .join('\n');
}

export function procedureUrl(code: string): string {
  return `/thu-tuc/${encodeURIComponent(code)}`;
}

export function describeProcedure(lang: Lang, p: ProcedureSnapshot): string {
  return [
    t(lang, 'feedback.assistant.best', { name: p.name, code: p.code, field: p.fieldName }),
    `${t(lang, 'feedback.assistant.bring')}\n${componentsText(lang, p)}`,
    t(lang, 'feedback.assistant.time', { time: limitText(lang, p) }),
    t(lang, 'feedback.assistant.fees', { fees: feesText(lang, p) }),
    t(lang, 'feedback.assistant.result', { result: p.result }),
    t(lang, 'feedback.assistant.apply', { url: procedureUrl(p.code) }),
  ].join('\n');
}

/** The rule for answering rather than saying "I do not know" (exported for the tests). */
export function confidentHit(top: Hit): boolean {
  if (top.score < MIN_SCORE) return false;
  return top.coverage >= MIN_COVERAGE || (top.intent && top.score >= STRONG_SCORE);
}

/** Retrieval only (for the benchmark): ranked procedure codes, empty when not confident. */
export async function rank(ctx: Ctx, question: string): Promise<{ hits: Hit[]; confident: boolean }> {
  const c = await corpus(ctx);
  const hits = search(c.index, question, 5);
  const top = hits[0];
  const confident = !!top && confidentHit(top);
  return { hits: confident ? hits.filter((h) => h.score >= top.score * RELATIVE) : [], confident };
}

function faqFor(lang: Lang, faqs: { question: string; answer: string; procedureCode: string | null }[], code: string, question: string): string | null {
  const q = new Set(terms(fold(question)));
  let best: { s: number; text: string } | null = null;
  for (const f of faqs) {
    if (f.procedureCode !== code) continue;
    const s = terms(fold(f.question)).filter((x) => q.has(x)).length;
    if (s >= 2 && (!best || s > best.s)) best = { s, text: t(lang, 'feedback.assistant.faq', { question: f.question, answer: f.answer }) };
  }
  return best?.text ?? null;
}

export async function ask(ctx: Ctx, actor: Actor | null, question: string, lang: Lang): Promise<AssistantReply> {
  const c = await corpus(ctx);
  const lines: string[] = [];
  let dossiers: AssistantReply['dossiers'] = [];
  const aboutDossier = asksAboutOwnDossier(question);
  if (aboutDossier) {
    if (actor?.kind === 'citizen') {
      const mine = await listMyDossiers(ctx, actor, { limit: 5, offset: 0 });
      dossiers = mine.map((d) => ({ code: d.code, procedure: d.procedure.name, state: t(lang, `feedback.dossier_state.${d.state}`) }));
      lines.push(mine.length === 0 ? t(lang, 'feedback.assistant.no_dossiers') : t(lang, 'feedback.assistant.your_dossiers'));
      for (const d of dossiers) lines.push(`- ${d.code}: ${d.procedure} - ${d.state}`);
    } else {
      lines.push(t(lang, 'feedback.assistant.login_for_dossiers'));
    }
  }
  const { hits, confident } = await rank(ctx, question);
  const procs = hits.map((h) => c.procedures.get(h.code)).filter((p): p is ProcedureSnapshot => !!p);
  const unitIds = procs[0]?.agencies.map((a) => a.receivingUnitId) ?? [];
  const contacts = await supportContacts(ctx, unitIds.slice(0, 1));
  const hotline = contacts.find((x) => x.hotline);
  if (confident && procs[0]) {
    lines.push(describeProcedure(lang, procs[0]));
    const faq = faqFor(lang, c.faqs, procs[0].code, question);
    if (faq) lines.push(faq);
    if (procs.length > 1)
      lines.push(
        t(lang, 'feedback.assistant.others', {
          list: procs
            .slice(1)
            .map((p) => `${p.name} (${p.code})`)
            .join('; '),
        }),
      );
  } else if (!aboutDossier || dossiers.length === 0) {
    lines.push(t(lang, 'feedback.assistant.unknown'));
  }
  if (hotline) lines.push(t(lang, 'feedback.assistant.hotline', { name: hotline.name, phone: hotline.hotline }));
  return {
    answer: lines.join('\n'),
    known: confident || dossiers.length > 0,
    procedures: procs.map((p) => ({ code: p.code, name: p.name, url: procedureUrl(p.code) })),
    dossiers,
    contacts,
  };
}
