/** Test helper: drives dossiers through the dossiers HTTP API (submit, files, actions). */
import type { TestEnv } from '../../test/harness';
import { TINY_PDF as PDF } from '../../test/fixtures';
import { authHeaders, loginOfficer, type Login } from '../../test/login';

export function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----ind' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function submissionMultipart(payload: unknown, componentKeys: string[]): Buffer {
  const b = '----indsub';
  const parts: Buffer[] = [Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${JSON.stringify(payload)}\r\n`)];
  for (const k of componentKeys)
    parts.push(
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file:${k}"; filename="${k}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${b}--\r\n`));
  return Buffer.concat(parts);
}

// A one-page PDF: results must be signable at upload (a zero-page PDF is refused as damaged).
export { PDF };

export class Flow {
  private sessions = new Map<string, Login>();
  constructor(private env: TestEnv) {}
  async as(user: string) {
    if (!this.sessions.has(user)) this.sessions.set(user, await loginOfficer(this.env.app, user));
    return authHeaders(this.sessions.get(user)!);
  }
  async submit(user: string, procedureCode: string, extra: Record<string, unknown> = {}) {
    this.sessions.delete(user);
    const { getProcedureSnapshot } = await import('../catalogue/service');
    const snap = await getProcedureSnapshot(this.env.ctx, procedureCode);
    const data = snap ? fillForm(snap.eForm.schema) : {};
    const applicant = { idNumber: '093185004321', name: 'Trần Thị Bình' };
    // An assisted submission (the officer's default channel, or asked for) needs the citizen's consent first.
    const me = (await this.env.app.inject({ method: 'GET', url: '/api/v1/me', headers: await this.as(user) })).json() as {
      actor: { roles: { role: string }[] };
    };
    const assisted = extra.channel === 'assisted' || !me.actor.roles.some((g) => g.role === 'reception' || g.role === 'postal');
    const consentId = assisted ? await this.consent(user, procedureCode, applicant) : undefined;
    const body = { procedureCode, applicant, data, ...(consentId ? { consentId } : {}), ...extra };
    // An online or assisted submission carries the required components' files (multipart).
    const required = extra.withFiles && snap ? snap.components.filter((c) => !c.optional).map((c) => c.key) : [];
    const res = required.length
      ? await this.env.app.inject({
          method: 'POST',
          url: '/api/v1/dossiers',
          headers: { ...(await this.as(user)), 'content-type': 'multipart/form-data; boundary=----indsub' },
          payload: submissionMultipart({ ...body, withFiles: undefined }, required),
        })
      : await this.env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: await this.as(user), payload: body });
    if (res.statusCode >= 300) throw new Error(`submit ${res.statusCode} ${res.body}`);
    return res.json().dossier as { id: string; version: number; state: string };
  }
  /** The citizen's consent to an assisted submission: asked (code by SMS, read from the outbox) and confirmed through the API. */
  private async consent(user: string, procedureCode: string, applicant: { idNumber: string; name: string }): Promise<string> {
    const phone = `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const asked = await this.env.app.inject({
      method: 'POST',
      url: '/api/v1/assisted-consents',
      headers: await this.as(user),
      payload: { procedureCode, ...applicant, phone },
    });
    if (asked.statusCode !== 201) throw new Error(`consent ${asked.statusCode} ${asked.body}`);
    const id = asked.json().consent.id as string;
    const sms = await this.env.ctx.db.selectFrom('outbox').select('payload').where('id', '=', `assisted-consent:${id}:sms`).executeTakeFirstOrThrow();
    const body = String((typeof sms.payload === 'string' ? JSON.parse(sms.payload) : (sms.payload as { body: string })).body);
    const code = /\b(\d{6})\b/.exec(body)![1];
    const ok = await this.env.app.inject({ method: 'POST', url: `/api/v1/assisted-consents/${id}/confirm`, headers: await this.as(user), payload: { code } });
    if (ok.statusCode !== 200) throw new Error(`confirm ${ok.statusCode} ${ok.body}`);
    return id;
  }
  async file(user: string, id: string, kind: 'component' | 'result' | 'supplement', componentKey?: string) {
    if ((await this.env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: await this.as(user) })).statusCode === 401)
      this.sessions.delete(user);
    const mp = multipart({ kind, ...(componentKey ? { componentKey } : {}) }, { name: `${kind}.pdf`, type: 'application/pdf', bytes: PDF });
    const res = await this.env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/files`,
      headers: { ...(await this.as(user)), 'content-type': mp.contentType },
      payload: mp.payload,
    });
    if (res.statusCode >= 300) throw new Error(`file ${res.statusCode} ${res.body}`);
    return res.json().dossier as { id: string; version: number; state: string };
  }
  async act(user: string, id: string, action: string, body: Record<string, unknown> = {}) {
    let cur = await this.env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: await this.as(user) });
    if (cur.statusCode === 401) {
      this.sessions.delete(user); // the session expired as the test clock moved on
      cur = await this.env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: await this.as(user) });
    }
    if (cur.statusCode !== 200) throw new Error(`get ${id} as ${user}: ${cur.statusCode} ${cur.body}`);
    const version = cur.json().dossier.version;
    const res = await this.env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/actions/${action}`,
      headers: await this.as(user),
      payload: { version, ...body },
    });
    if (res.statusCode >= 300) throw new Error(`${action} by ${user}: ${res.statusCode} ${res.body}`);
    return res.json().dossier as { id: string; version: number; state: string; dueAt: string | null };
  }
}

/** Fills the required fields of an e-form JSON Schema with plausible values (tests only). */
export function fillForm(schema: any): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of schema.required ?? []) out[key] = sample(schema.properties?.[key] ?? {}, key);
  return out;
}
function sample(p: any, key: string): unknown {
  if (p.const !== undefined) return p.const;
  if (p.enum) return p.enum[0];
  if (p.oneOf?.[0]?.const !== undefined) return p.oneOf[0].const;
  const type = Array.isArray(p.type) ? p.type[0] : p.type;
  if (type === 'object') return fillForm(p);
  if (type === 'array') return p.minItems ? [sample(p.items ?? {}, key)] : [];
  if (type === 'boolean') return false;
  if (type === 'integer' || type === 'number') return p.minimum ?? 1;
  if (p.format === 'date') return '1990-05-14';
  if (p.format === 'email') return 'a@example.vn';
  if (p.pattern) {
    if (/\\d\{12\}|\[0-9\]\{12\}/.test(p.pattern)) return '093185004321';
    if (/\\d\{10\}|0\\d/.test(p.pattern)) return '0987654321';
  }
  if (/phone/i.test(key)) return '0987654321';
  if (/personalid|idnumber|cccd/i.test(key)) return '093185004321';
  return 'Nguyễn Văn A'.padEnd(Math.max(12, p.minLength ?? 0), '.');
}
