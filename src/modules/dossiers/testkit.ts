/**
 * Test helpers of the dossiers module: the citizen's consent to an assisted submission, through
 * HTTP (POST /api/v1/assisted-consents, the SMS read back from the outbox, …/confirm); a citizen's
 * draft read from the database.
 */
import type { TestEnv } from '../../test/harness';
import { authHeaders, type Login } from '../../test/login';

export interface ConsentAsk {
  procedureCode: string;
  idNumber: string;
  name: string;
  phone?: string;
}

/** The SMS the consent request sent (the outbox message to the gateway) and the code in it. */
export async function consentSms(env: TestEnv, consentId: string): Promise<{ to: string; body: string; code: string } | null> {
  const row = await env.ctx.db.selectFrom('outbox').select(['payload', 'topic']).where('id', '=', `assisted-consent:${consentId}:sms`).executeTakeFirst();
  if (!row) return null;
  const p = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as { to: string; body: string };
  const code = /\b(\d{6})\b/.exec(p.body)?.[1];
  if (!code) throw new Error(`no code in the consent SMS: ${p.body}`);
  return { to: p.to, body: p.body, code };
}

/** Asks the consent (the code goes out by SMS); returns the consent id and the code the citizen received. */
export async function askConsent(env: TestEnv, helper: Login, q: ConsentAsk): Promise<{ id: string; code: string }> {
  const r = await env.app.inject({
    method: 'POST',
    url: '/api/v1/assisted-consents',
    headers: authHeaders(helper),
    payload: { phone: `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, ...q },
  });
  if (r.statusCode !== 201) throw new Error(`consent request failed: ${r.statusCode} ${r.body}`);
  const id = r.json().consent.id as string;
  const sms = await consentSms(env, id);
  if (!sms) throw new Error('no consent SMS enqueued');
  return { id, code: sms.code };
}

/** A confirmed consent, ready for one assisted submission (its id for the submission's consentId). */
export async function assistedConsent(env: TestEnv, helper: Login, q: ConsentAsk): Promise<string> {
  const { id, code } = await askConsent(env, helper, q);
  const r = await env.app.inject({ method: 'POST', url: `/api/v1/assisted-consents/${id}/confirm`, headers: authHeaders(helper), payload: { code } });
  if (r.statusCode !== 200) throw new Error(`consent confirmation failed: ${r.statusCode} ${r.body}`);
  return id;
}

/** The draft of `personalId` for the procedure `procedureCode` (its step, answers and receiving unit), if any. */
export const citizenDraft = (env: TestEnv, personalId: string, procedureCode: string) =>
  env.ctx.db
    .selectFrom('dossier_drafts')
    .innerJoin('people', 'people.id', 'dossier_drafts.owner_id')
    .select(['step', 'data', 'receiving_unit_id'])
    .where('people.personal_id', '=', personalId)
    .where('procedure_code', '=', procedureCode)
    .executeTakeFirst();

/** The answers kept in that draft (stored as JSON text on PGlite, as jsonb on PostgreSQL). */
export async function citizenDraftAnswers(env: TestEnv, personalId: string, procedureCode: string): Promise<Record<string, unknown>> {
  const d = await citizenDraft(env, personalId, procedureCode);
  return (typeof d?.data === 'string' ? JSON.parse(d.data) : d?.data) as Record<string, unknown>;
}

/** Deletes every draft: each test starts the form anew. */
export const discardDrafts = (env: TestEnv) => env.ctx.db.deleteFrom('dossier_drafts').execute();
