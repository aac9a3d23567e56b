/** "My account": a citizen's identity from VNeID and notification choices; an officer's roles. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Layout } from '../../web/layout';
import { CsrfField } from '../../web/csrf';
import { sendPage } from '../../platform/http/html';
import { t } from '../../platform/i18n';
import { requireActor, requireCitizen } from '../../platform/auth';
import type { OfficerAccount, Person } from './model';
import { getOfficer, getPerson, updateNotificationPrefs } from './service';
import { unauthenticated } from '../../platform/errors';
import { GrantText, unitNamesOf, type UnitNames } from './grant-text';

function Row({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </>
  );
}

function CitizenProfile({ req, person, saved }: { req: FastifyRequest; person: Person; saved: boolean }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'identity.profile.title')}>
      <h1>{t(lang, 'identity.profile.title')}</h1>
      {saved && (
        <p class="notice" role="status">
          {t(lang, 'identity.profile.saved')}
        </p>
      )}
      <h2>{t(lang, 'identity.profile.identity')}</h2>
      <dl class="summary">
        <Row label={t(lang, 'identity.profile.personal_id')} value={person.personalId} />
        <Row label={t(lang, 'identity.profile.name')} value={person.name} />
        <Row label={t(lang, 'identity.profile.birth_date')} value={person.birthDate ? person.birthDate.split('-').reverse().join('/') : null} />
        <Row label={t(lang, 'identity.profile.gender')} value={person.gender} />
        <Row label={t(lang, 'identity.profile.address')} value={person.address} />
        <Row label={t(lang, 'identity.profile.phone')} value={person.phone} />
        <Row label={t(lang, 'identity.profile.email')} value={person.email} />
        {req.actor?.orgTaxCode && person.org && (
          <>
            <Row label={t(lang, 'identity.profile.org')} value={person.org.name} />
            <Row label={t(lang, 'identity.profile.tax_code')} value={person.org.taxCode} />
          </>
        )}
      </dl>
      <p class="hint">{t(lang, 'identity.profile.vneid_note')}</p>
      <form method="post" action="/tai-khoan/thong-bao">
        <CsrfField req={req} />
        <fieldset>
          <legend>{t(lang, 'identity.profile.notifications')}</legend>
          <input type="checkbox" id="notify_email" name="notify_email" value="1" checked={person.notifyEmail} />{' '}
          <label for="notify_email" class="inline">
            {t(lang, 'identity.profile.notify_email')}
          </label>
          <br />
          <input type="checkbox" id="notify_sms" name="notify_sms" value="1" checked={person.notifySms} />{' '}
          <label for="notify_sms" class="inline">
            {t(lang, 'identity.profile.notify_sms')}
          </label>
        </fieldset>
        <button type="submit">{t(lang, 'identity.profile.save')}</button>
      </form>
    </Layout>
  );
}

function OfficerProfile({ req, officer, names }: { req: FastifyRequest; officer: OfficerAccount; names: UnitNames }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'identity.profile.title')}>
      <h1>{t(lang, 'identity.profile.title')}</h1>
      <dl class="summary">
        <Row label={t(lang, 'identity.profile.name')} value={officer.name} />
        <Row label={t(lang, 'identity.profile.username')} value={officer.username} />
      </dl>
      <h2>{t(lang, 'identity.profile.roles')}</h2>
      <ul>
        {officer.roles.map((g) => (
          <li>
            <GrantText req={req} g={g} names={names} />
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function profilePages(app: FastifyInstance) {
  app.get('/tai-khoan', async (req, reply) => {
    const actor = requireActor(req);
    if (actor.kind === 'officer') {
      const officer = await getOfficer(app.ctx, actor.id);
      if (!officer) throw unauthenticated();
      return sendPage(reply, <OfficerProfile req={req} officer={officer} names={await unitNamesOf(req, [officer])} />);
    }
    const person = await getPerson(app.ctx, actor.id);
    if (!person) throw unauthenticated();
    return sendPage(reply, <CitizenProfile req={req} person={person} saved={(req.query as Record<string, string>).da_luu === '1'} />);
  });

  app.post('/tai-khoan/thong-bao', async (req, reply) => {
    const actor = requireCitizen(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    await updateNotificationPrefs(app.ctx, actor, { email: body.notify_email === '1', sms: body.notify_sms === '1' });
    return reply.redirect('/tai-khoan?da_luu=1', 303);
  });
}
