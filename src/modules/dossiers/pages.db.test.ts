/**
 * The dossier screens through HTTP (app.inject): each page renders for the right person and
 * refuses the wrong one (another citizen 404, anonymous -> login, wrong role 403); forms with
 * bad input re-render with messages and change nothing; a whole dossier goes from the online
 * form to the returned result through the pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { hiddenValue as hidden, postForm } from '../../test/pages';
import { multipart } from '../../test/multipart';
import { anonymousCsrf, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { assistedConsent } from './testkit';
import { TINY_PDF as PDF, BIRTH_FORM } from '../../test/fixtures';
import { countDossiers } from '../../test/rows';

const BIRTH = '1.001193';
/** Paper at the desk and by post: a procedure that is not one of the 25 essential services (those take none from 1/10/2025, Chỉ thị 24/CT-TTg). */
const PAPER_OK = '1.004873';
const P1 = 'hg-vithanh-p1-ubnd';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

let env: TestEnv;
let an: Login, binh: Login, desk: Login, specialist: Login, leader: Login, otherDesk: Login;

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  an = await loginCitizen(env, '093090001234');
  binh = await loginCitizen(env, '093185004321');
  desk = await loginOfficer(env.app, 'motcua.p1');
  specialist = await loginOfficer(env.app, 'tuphap.p1');
  leader = await loginOfficer(env.app, 'chutich.p1');
  otherDesk = await loginOfficer(env.app, 'motcua.tinh');
});
afterAll(async () => env?.close());

const html = { accept: 'text/html' };
const get = (url: string, who?: Login) => env.app.inject({ method: 'GET', url, headers: { ...html, ...(who ? { cookie: who.cookie } : {}) } });
const post = (url: string, who: Login, fields: Record<string, string | string[]>) => postForm(env, url, who, fields);
const postMultipart = (url: string, who: Login, fields: Record<string, string>, files: { field: string; name: string; type: string; bytes: Buffer }[]) => {
  const mp = multipart({ _csrf: who.csrf, ...fields }, files);
  return env.app.inject({ method: 'POST', url, headers: { ...html, cookie: who.cookie, 'content-type': mp.type }, payload: mp.body });
};
const dossierCount = () => countDossiers(env);
const row = (id: string) => env.ctx.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventCount = async (id: string) =>
  Number(
    (
      await env.ctx.db
        .selectFrom('dossier_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('dossier_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

let dossierId = '';
let dossierCode = '';

describe('online application pages', () => {
  it('sends anonymous visitors to the login and refuses officers', async () => {
    const r = await get(`/nop-ho-so/${BIRTH}`);
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/dang-nhap?next=${encodeURIComponent(`/nop-ho-so/${BIRTH}`)}`);
    expect((await get(`/nop-ho-so/${BIRTH}`, desk)).statusCode).toBe(403);
    expect((await get('/nop-ho-so/9.999999', an)).statusCode).toBe(404);
  });

  it('renders the form prefilled from the identity, with labels and the unit choice', async () => {
    const r = await get(`/nop-ho-so/${BIRTH}`, an);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('value="Nguyễn Văn An"');
    expect(r.body).toContain('value="093090001234"');
    expect(r.body).toContain('<label for="f-receivingUnitId"');
    expect(r.body).toContain(`name="_csrf" value="${an.csrf}"`);
    const inputs = [...r.body.matchAll(/<(?:input|select|textarea)[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    for (const id of inputs) expect(r.body, `label for ${id}`).toMatch(new RegExp(`for="${id}"`));
  });

  it('re-renders a bad form with the error summary and field messages, creating nothing', async () => {
    const before = await dossierCount();
    const r = await post(`/nop-ho-so/${BIRTH}`, an, { applicantName: 'Nguyễn Văn An', childName: '' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('class="error-summary"');
    expect(r.body).toContain('href="#f-receivingUnitId"');
    expect(r.body).toContain('id="f-childName-error"');
    expect(await dossierCount()).toBe(before);
  });

  it('reviews, refuses a submission without the required attachments, then submits and shows the receipt', async () => {
    const review = await post(`/nop-ho-so/${BIRTH}`, an, { receivingUnitId: P1, ...BIRTH_FORM });
    expect(review.statusCode, review.body.slice(0, 500)).toBe(200);
    expect(review.body).toContain('Nguyễn Minh Khang');
    expect(review.body).toContain('name="file:to-khai"');
    const data = hidden(review.body, '_data')!;
    const idem = hidden(review.body, '_idem')!;
    expect(JSON.parse(data).childName).toBe('Nguyễn Minh Khang');

    const before = await dossierCount();
    const bad = await postMultipart(`/nop-ho-so/${BIRTH}/nop`, an, { receivingUnitId: P1, _data: data, _idem: idem }, []);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('class="error-summary"');
    expect(bad.body).toContain('id="file-to-khai-error"');
    expect(await dossierCount()).toBe(before);

    const files = [
      { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
      { field: 'file:giay-chung-sinh', name: 'giay-chung-sinh.png', type: 'image/png', bytes: PNG },
    ];
    const ok = await postMultipart(`/nop-ho-so/${BIRTH}/nop`, an, { receivingUnitId: P1, _data: data, _idem: idem }, files);
    expect(ok.statusCode, ok.body.slice(0, 800)).toBe(303);
    expect(ok.headers.location).toMatch(/^\/ho-so-cua-toi\/[0-9a-f-]{36}\/bien-nhan$/);
    dossierId = String(ok.headers.location).split('/')[2]!;
    // The same idempotency key (a double click) does not create a second dossier.
    const again = await postMultipart(`/nop-ho-so/${BIRTH}/nop`, an, { receivingUnitId: P1, _data: data, _idem: idem }, files);
    expect(again.headers.location).toBe(ok.headers.location);
    expect(await dossierCount()).toBe(before + 1);

    const d = await row(dossierId);
    dossierCode = d.code;
    const receipt = await get(String(ok.headers.location), an);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain(d.code);
    expect(receipt.body).toContain(d.lookup_pin!);
    expect(receipt.body).toContain('Ngày hẹn trả dự kiến');
    expect((await get(String(ok.headers.location), binh)).statusCode).toBe(404);
  });
});

describe('my dossiers', () => {
  it('lists and shows the citizen’s own dossier; refuses others', async () => {
    const list = await get('/ho-so-cua-toi', an);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(dossierCode);
    expect((await get('/ho-so-cua-toi', binh)).body).not.toContain(dossierCode);
    expect((await get('/ho-so-cua-toi')).statusCode).toBe(303);
    expect((await get('/ho-so-cua-toi', desk)).statusCode).toBe(403);
    const detail = await get(`/ho-so-cua-toi/${dossierId}`, an);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Quá trình xử lý');
    expect(detail.body).toContain(`action="/ho-so-cua-toi/${dossierId}/rut"`);
    expect(detail.body).toContain(`href="/thanh-toan/${dossierId}"`);
    expect((await get(`/ho-so-cua-toi/${dossierId}`, binh)).statusCode).toBe(404);
    expect((await get(`/ho-so-cua-toi/${dossierId}`)).statusCode).toBe(303);
  });

  it('a withdrawal without a reason re-renders with the message and changes nothing', async () => {
    const d = await row(dossierId);
    const events = await eventCount(dossierId);
    const r = await post(`/ho-so-cua-toi/${dossierId}/rut`, an, { version: String(d.version), comment: '  ' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('class="error-summary"');
    expect(r.body).toContain('id="withdraw-comment-error"');
    expect((await row(dossierId)).state).toBe('submitted');
    expect(await eventCount(dossierId)).toBe(events);
    expect((await post(`/ho-so-cua-toi/${dossierId}/rut`, binh, { version: String(d.version), comment: 'x' })).statusCode).toBe(404);
  });
});

describe('back office pages', () => {
  it('queues: the desk sees the dossier to receive; citizens get 403, anonymous the officer login', async () => {
    const q = await get('/can-bo/hang-doi', desk);
    expect(q.statusCode).toBe(200);
    expect(q.body).toContain(dossierCode);
    expect(q.body).toContain('aria-current="page"');
    expect((await get('/can-bo/hang-doi?tab=to-receive', otherDesk)).body).not.toContain(dossierCode);
    expect((await get('/can-bo/hang-doi', an)).statusCode).toBe(403);
    const anon = await get('/can-bo/hang-doi');
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toMatch(/^\/can-bo\/dang-nhap\?next=/);
    for (const tab of ['to-process', 'due-soon', 'late']) expect((await get(`/can-bo/hang-doi?tab=${tab}`, specialist)).statusCode).toBe(200);
  });

  it('workspace: the desk sees the receive form; an officer of another unit 404, a citizen 403', async () => {
    const w = await get(`/can-bo/ho-so/${dossierId}`, desk);
    expect(w.statusCode).toBe(200);
    expect(w.body).toContain(`action="/can-bo/ho-so/${dossierId}/thao-tac/receive"`);
    expect(w.body).toContain(`action="/can-bo/ho-so/${dossierId}/thao-tac/refuse"`);
    expect(w.body).toContain('id="component-file"'); // the desk digitizes paper components
    expect((await get(`/can-bo/ho-so/${dossierId}`, otherDesk)).statusCode).toBe(404);
    expect((await get(`/can-bo/ho-so/${dossierId}`, an)).statusCode).toBe(403);
    expect((await get(`/can-bo/ho-so/${dossierId}`)).statusCode).toBe(303);
  });

  it('a stale version answers 409 "hồ sơ đã được thay đổi" with the fresh state; a refusal without reason 400; nothing changes', async () => {
    const d = await row(dossierId);
    const events = await eventCount(dossierId);
    const stale = await post(`/can-bo/ho-so/${dossierId}/thao-tac/receive`, desk, { version: String(d.version - 1) });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Hồ sơ đã được thay đổi');
    expect(stale.body).toContain(`name="version" value="${d.version}"`);
    const noReason = await post(`/can-bo/ho-so/${dossierId}/thao-tac/refuse`, desk, { version: String(d.version), comment: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('id="refuse-comment-error"');
    const noList = await post(`/can-bo/ho-so/${dossierId}/thao-tac/request_supplement`, desk, { version: String(d.version), comment: 'Thiếu giấy tờ' });
    expect(noList.statusCode).toBe(400);
    const wrongRole = await post(`/can-bo/ho-so/${dossierId}/thao-tac/receive`, specialist, { version: String(d.version) });
    expect(wrongRole.statusCode).toBe(403);
    const bogus = await post(`/can-bo/ho-so/${dossierId}/thao-tac/drop_table`, desk, { version: String(d.version) });
    expect(bogus.statusCode).toBe(400);
    expect((await row(dossierId)).version).toBe(d.version);
    expect(await eventCount(dossierId)).toBe(events);
  });

  it('processes the dossier through the pages to the returned result', async () => {
    const v = async () => String((await row(dossierId)).version);
    const step = async (who: Login, action: string, fields: Record<string, string> = {}) => {
      const r = await post(`/can-bo/ho-so/${dossierId}/thao-tac/${action}`, who, { version: await v(), ...fields });
      expect(r.statusCode, `${action}: ${r.body.match(/role="alert"[^]*?<\/p>/)?.[0]}`).toBe(303);
      expect(r.headers.location).toBe(`/can-bo/ho-so/${dossierId}?xong=${action}`);
    };
    await step(desk, 'receive');
    const after = await get(`/can-bo/ho-so/${dossierId}?xong=receive`, desk);
    expect(after.body).toContain(`/api/v1/dossiers/${dossierId}/slips/receipt.pdf`);
    await step(specialist, 'forward', { comment: 'Hồ sơ hợp lệ' });
    // The result must be a PDF: a PNG is refused with a message, nothing attached.
    const png = await postMultipart(`/can-bo/ho-so/${dossierId}/tep`, leader, { kind: 'result' }, [
      { field: 'file', name: 'kq.png', type: 'image/png', bytes: PNG },
    ]);
    expect(png.statusCode).toBe(400);
    expect(png.body).toContain('PDF');
    const up = await postMultipart(`/can-bo/ho-so/${dossierId}/tep`, leader, { kind: 'result' }, [
      { field: 'file', name: 'giay-khai-sinh.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    expect(up.statusCode).toBe(303);
    await step(leader, 'approve');
    await step(desk, 'return_result', { returnMethod: 'online' });
    expect((await row(dossierId)).state).toBe('returned');

    const mine = await get(`/ho-so-cua-toi/${dossierId}`, an);
    expect(mine.body).toContain('giay-khai-sinh.pdf');
    expect(mine.body).toContain(`href="/danh-gia/${dossierId}"`);
  });
});

describe('reception at the desk', () => {
  it('renders for reception officers, refuses specialists (403) and citizens (403)', async () => {
    const r = await get(`/can-bo/tiep-nhan?ma=${PAPER_OK}`, desk);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('name="file:to-khai"');
    expect(r.body).toContain('id="receiveNow"');
    expect((await get('/can-bo/tiep-nhan', specialist)).statusCode).toBe(403);
    expect((await get('/can-bo/tiep-nhan', an)).statusCode).toBe(403);
  });

  it('bad applicant data re-renders with messages; a complete dossier is received at once', async () => {
    const before = await dossierCount();
    const bad = await postMultipart(
      '/can-bo/tiep-nhan',
      desk,
      { ma: PAPER_OK, kenh: 'in_person', receivingUnitId: P1, 'applicant.kind': 'citizen', 'applicant.idNumber': '123', 'applicant.name': '' },
      [],
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="ap-id-error"');
    expect(bad.body).toContain('id="ap-name-error"');
    expect(await dossierCount()).toBe(before);

    const ok = await postMultipart(
      '/can-bo/tiep-nhan',
      desk,
      {
        ma: PAPER_OK,
        kenh: 'in_person',
        receivingUnitId: P1,
        'applicant.kind': 'citizen',
        'applicant.idNumber': '093185004321',
        'applicant.name': 'Trần Thị Bình',
        'applicant.phone': '0987654321',
        receiveNow: '1',
      },
      [
        { field: 'file:to-khai', name: 'scan-to-khai.pdf', type: 'application/pdf', bytes: PDF },
        { field: 'file:ban-an-ly-hon', name: 'scan-ly-hon.png', type: 'image/png', bytes: PNG },
      ],
    );
    expect(ok.statusCode, ok.body.slice(0, 500)).toBe(303);
    expect(ok.headers.location).toMatch(/\?xong=receive$/);
    const id = String(ok.headers.location).split('/')[3]!.split('?')[0]!;
    expect((await row(id)).state).toBe('received');
    const slip = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/slips/receipt.pdf`, headers: { cookie: desk.cookie } });
    expect(slip.headers['content-type']).toBe('application/pdf');
    const w = await get(String(ok.headers.location), desk);
    expect(w.body).toContain('Đã số hóa');
    // Bình sees it among her dossiers.
    expect((await get('/ho-so-cua-toi', binh)).body).toContain((await row(id)).code);
  });
});

describe('public status lookup', () => {
  it('needs the code and a second factor; shows the state without personal data', async () => {
    const anon = await anonymousCsrf(env.app);
    const lookup = (fields: Record<string, string>) =>
      env.app.inject({
        method: 'POST',
        url: '/tra-cuu',
        headers: { ...html, cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: anon.csrf, ...fields }).toString(),
      });
    expect((await get('/tra-cuu')).statusCode).toBe(200);
    const empty = await lookup({ code: dossierCode, secret: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('class="error-summary"');
    const wrong = await lookup({ code: dossierCode, secret: '0000' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('Không tìm thấy hồ sơ');
    const ok = await lookup({ code: dossierCode, secret: '1234' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Đã trả kết quả');
    expect(ok.body).not.toContain('093090001234');
  });
});

describe('other channels, the supplement loop and English', () => {
  it('the postal point and the digital team submit through the entry form', async () => {
    const postal = await loginOfficer(env.app, 'buudien');
    const page = await get(`/can-bo/tiep-nhan?ma=${PAPER_OK}`, postal);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('id="receiveNow"'); // only the desk receives
    const r = await postMultipart(
      '/can-bo/tiep-nhan',
      postal,
      { ma: PAPER_OK, kenh: 'post', receivingUnitId: P1, 'applicant.kind': 'citizen', 'applicant.idNumber': '093200007777', 'applicant.name': 'Phạm Thị Dung' },
      [{ field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF }],
    );
    expect(r.statusCode, r.body.slice(0, 300)).toBe(303);
    expect(r.headers.location).toMatch(/\?xong=submit$/);
    const id = String(r.headers.location).split('/')[3]!.split('?')[0]!;
    expect(await row(id)).toMatchObject({ channel: 'post', state: 'submitted' });

    const team = await loginOfficer(env.app, 'congnghe.p1');
    // Assisted: first the citizen's consent (a code by SMS), then the e-form filled for the citizen.
    const step1 = await get(`/can-bo/tiep-nhan?ma=${BIRTH}`, team);
    expect(step1.body).toContain('action="/can-bo/tiep-nhan/dong-y"');
    expect(step1.body).not.toContain('name="childName"');
    const consentId = await assistedConsent(env, team, { procedureCode: BIRTH, idNumber: '093200007777', name: 'Phạm Thị Dung' });
    const form = await get(`/can-bo/tiep-nhan?ma=${BIRTH}&kenh=assisted&dongY=${consentId}`, team);
    expect(form.body).toContain('name="childName"');
    expect(form.body).toContain(`name="consentId" value="${consentId}"`);
    const bad = await postMultipart(
      '/can-bo/tiep-nhan',
      team,
      { ma: BIRTH, kenh: 'assisted', consentId, receivingUnitId: P1, 'applicant.idNumber': '093200007777', 'applicant.name': 'Phạm Thị Dung' },
      [],
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('class="error-summary"');
    const good = await postMultipart(
      '/can-bo/tiep-nhan',
      team,
      { ma: BIRTH, kenh: 'assisted', consentId, receivingUnitId: P1, 'applicant.idNumber': '093200007777', 'applicant.name': 'Phạm Thị Dung', ...BIRTH_FORM },
      [
        { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
        { field: 'file:giay-chung-sinh', name: 'gcs.pdf', type: 'application/pdf', bytes: PDF },
      ],
    );
    expect(good.statusCode, good.body.match(/role="alert"[^]*?<\/div>/)?.[0]).toBe(303);
    const aid = String(good.headers.location).split('/')[3]!.split('?')[0]!;
    expect(await row(aid)).toMatchObject({ channel: 'assisted', state: 'submitted' });
  });

  it('the desk asks for a supplement; the citizen uploads it and the dossier goes back', async () => {
    const review = await post(`/nop-ho-so/${BIRTH}`, an, { receivingUnitId: P1, ...BIRTH_FORM });
    const files = [
      { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
      { field: 'file:giay-chung-sinh', name: 'gcs.png', type: 'image/png', bytes: PNG },
    ];
    const sent = await postMultipart(`/nop-ho-so/${BIRTH}/nop`, an, { receivingUnitId: P1, _data: hidden(review.body, '_data')!, _idem: 'supp-1' }, files);
    const id = String(sent.headers.location).split('/')[2]!;
    const v = async () => String((await row(id)).version);
    const ask = await post(`/can-bo/ho-so/${id}/thao-tac/request_supplement`, desk, {
      version: await v(),
      missing: ['Giấy chứng sinh bản rõ nét'],
      missingOther: 'Bản sao giấy chứng nhận kết hôn',
      comment: 'Ảnh giấy chứng sinh bị mờ',
    });
    expect(ask.statusCode).toBe(303);
    expect((await row(id)).state).toBe('waiting_supplement');
    const detail = await get(`/ho-so-cua-toi/${id}`, an);
    expect(detail.body).toContain('Giấy chứng sinh bản rõ nét');
    expect(detail.body).toContain('Bản sao giấy chứng nhận kết hôn');
    const none = await postMultipart(`/ho-so-cua-toi/${id}/bo-sung`, an, { version: await v() }, []);
    expect(none.statusCode).toBe(400);
    expect((await row(id)).state).toBe('waiting_supplement');
    // Item by item: one answer (file or note) per item asked.
    const items = await env.ctx.db
      .selectFrom('dossier_supplement_items')
      .innerJoin('dossier_supplement_requests as r', 'r.id', 'dossier_supplement_items.request_id')
      .select(['dossier_supplement_items.id', 'label'])
      .where('r.dossier_id', '=', id)
      .orderBy('position')
      .execute();
    expect(items.map((i) => i.label)).toEqual(['Giấy chứng sinh bản rõ nét', 'Bản sao giấy chứng nhận kết hôn']);
    const half = await postMultipart(`/ho-so-cua-toi/${id}/bo-sung`, an, { version: await v() }, [
      { field: `file:${items[0]!.id}`, name: 'gcs-ro.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    expect(half.statusCode).toBe(400);
    expect(half.body).toContain('Còn thiếu: Bản sao giấy chứng nhận kết hôn');
    expect((await row(id)).state).toBe('waiting_supplement');
    const up = await postMultipart(`/ho-so-cua-toi/${id}/bo-sung`, an, { version: await v(), [`note:${items[1]!.id}`]: 'Chúng tôi chưa đăng ký kết hôn' }, [
      { field: `file:${items[0]!.id}`, name: 'gcs-ro.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    expect(up.statusCode).toBe(303);
    expect((await row(id)).state).toBe('submitted');
    expect((await get(`/can-bo/ho-so/${id}`, desk)).body).toContain('gcs-ro.pdf');
  });

  it('every page has the English switch and speaks English when asked', async () => {
    const en = await get('/tra-cuu?lang=en');
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain('Track a dossier');
    const q = await env.app.inject({ method: 'GET', url: '/can-bo/hang-doi', headers: { ...html, cookie: desk.cookie, 'accept-language': 'en' } });
    expect(q.body).toContain('Work queues');
    expect(q.body).toContain('hreflang="vi"');
  });
});
