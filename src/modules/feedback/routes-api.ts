/** JSON API of petitions, ratings, surveys and FAQ (in the OpenAPI document). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/http/api';
import { requireActor, requireOfficer } from '../../platform/auth';
import { notFound } from '../../platform/errors';
import { PETITION_ACTIONS, SUBJECT_KINDS } from './model';
import { QUESTION_TYPES } from './survey-model';
import { settingsBody } from './settings-schema';
import * as svc from './service';
import {
  dossierRatingAnswer,
  faqList,
  faqView,
  figuresAnswer,
  okAnswer,
  petitionList,
  petitionReceipt,
  petitionView,
  publishedList,
  ratingSummaryAnswer,
  ratingView,
  settingsView,
  surveyList,
  surveyResultsAnswer,
  surveyView,
} from './schemas';

const tags = ['feedback'];
const idParams = z.object({ id: z.string().min(1).max(100) });

export const petitionBody = z.object({
  subjectKind: z.enum(SUBJECT_KINDS),
  subjectRef: z.string().trim().max(200).nullish(),
  unitId: z.string().trim().max(100).nullish(),
  parentCode: z.string().trim().max(40).nullish(),
  title: z.string().trim().min(3).max(200),
  content: z.string().trim().min(10).max(5000),
  contactName: z.string().trim().min(2).max(120),
  contactPhone: z
    .string()
    .trim()
    .regex(/^(\+?84|0)[0-9]{9,10}$/)
    .nullish()
    .or(z.literal('')),
  contactEmail: z.string().trim().email().nullish().or(z.literal('')),
  contactAddress: z.string().trim().max(300).nullish(),
  consentPublish: z.boolean().optional(),
});
const lookupBody = z.object({ pin: z.string().trim().min(1).max(40) });
const rateBody = z.object({
  pin: z.string().trim().min(1).max(40),
  rating: z.enum(['satisfied', 'unsatisfied']),
  comment: z.string().max(2000).nullish(),
  reraise: z.boolean().optional(),
});
const actBody = z.object({
  note: z.string().max(5000).nullish(),
  unitId: z.string().max(100).nullish(),
  publicQuestion: z.string().max(5000).nullish(),
  publicAnswer: z.string().max(5000).nullish(),
  publish: z.boolean().optional(),
});
const ratingBody = z.object({ scores: z.record(z.string(), z.number().int().min(1).max(5)), comment: z.string().max(2000).nullish() });
const periodQuery = z.object({
  unitIds: z.string().max(2000).describe('Comma-separated unit ids'),
  from: z.iso.date(),
  to: z.iso.date().describe('Exclusive'),
});
const questionSchema = z.object({
  id: z.string().min(1).max(20),
  type: z.enum(QUESTION_TYPES),
  text: z.string().min(1).max(500),
  options: z.array(z.string().min(1).max(200)).max(30).default([]),
  required: z.boolean().default(false),
});
const surveyBody = z.object({
  title: z.string().trim().min(3).max(200),
  description: z.string().max(2000).optional(),
  onPortal: z.boolean().optional(),
  procedureCode: z.string().max(40).nullish(),
  questions: z.array(questionSchema).min(1).max(50),
});
export const faqBody = z.object({
  procedureCode: z.string().max(40).nullish(),
  fieldCode: z.string().max(40).nullish(),
  question: z.string().trim().min(5).max(500),
  answer: z.string().trim().min(2).max(5000),
  published: z.boolean().optional(),
});

const period = (q: { unitIds: string; from: string; to: string }) => ({
  unitIds: q.unitIds
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  from: new Date(`${q.from}T00:00:00+07:00`),
  to: new Date(`${q.to}T00:00:00+07:00`),
});

export function feedbackApi(app: FastifyInstance) {
  // ---- petitions
  api(app, {
    method: 'POST',
    url: '/api/v1/petitions',
    summary: 'Submit a petition (anyone; attachments through the portal form)',
    tags,
    body: petitionBody,
    status: 201,
    response: petitionReceipt,
    handler: async ({ req, body }) => svc.submitPetition(req.server.ctx, req.actor, body, [], req.ip),
  });
  api(app, {
    method: 'GET',
    url: '/api/v1/petitions/published',
    summary: 'Published answers (personal data removed)',
    tags,
    query: z.object({ q: z.string().max(200).optional() }),
    response: publishedList,
    handler: async ({ req, query }) => ({ items: await svc.publishedPetitions(req.server.ctx, { q: query.q }) }),
  });
  api(app, {
    method: 'POST',
    url: '/api/v1/petitions/lookup/:code',
    summary: 'The submitter looks a petition up with its secret',
    tags,
    params: z.object({ code: z.string().max(40) }),
    body: lookupBody,
    response: petitionView,
    handler: async ({ req, params, body }) => svc.lookupPetition(req.server.ctx, params.code, body.pin),
  });
  api(app, {
    method: 'POST',
    url: '/api/v1/petitions/lookup/:code/rating',
    summary: 'The submitter rates the answer',
    tags,
    params: z.object({ code: z.string().max(40) }),
    body: rateBody,
    response: petitionView,
    handler: async ({ req, params, body }) => svc.ratePetition(req.server.ctx, params.code, body.pin, body),
  });
  api(app, {
    method: 'POST',
    url: '/api/v1/petitions/lookup/:code/info',
    summary: 'The submitter sends the information asked for',
    tags,
    params: z.object({ code: z.string().max(40) }),
    body: lookupBody.extend({ text: z.string().trim().min(2).max(5000) }),
    response: petitionView,
    handler: async ({ req, params, body }) => svc.provideInfo(req.server.ctx, params.code, body.pin, body.text),
  });
  api(app, {
    method: 'GET',
    url: '/api/v1/petitions/mine',
    summary: "The logged-in citizen's petitions",
    tags,
    response: petitionList,
    handler: async ({ req }) => ({ items: await svc.myPetitions(req.server.ctx, requireActor(req)) }),
  });
  api(app, {
    method: 'GET',
    url: '/api/v1/petitions',
    summary: "Petitions of the officer's units, by due date",
    tags,
    query: z.object({ state: z.string().max(20).optional() }),
    response: petitionList,
    handler: async ({ req, query }) => ({ items: await svc.petitionQueue(req.server.ctx, requireOfficer(req), query) }),
  });
  api(app, {
    method: 'GET',
    url: '/api/v1/petitions/:id',
    summary: 'One petition with its history (officers of its unit)',
    tags,
    params: idParams,
    response: petitionView,
    handler: async ({ req, params }) => svc.petitionFor(req.server.ctx, requireOfficer(req), params.id),
  });
  api(app, {
    method: 'POST',
    url: '/api/v1/petitions/:id/:action',
    summary: 'Handle a petition: request_info, refuse, answer, transfer (handlers); approve, return, publish (leaders)',
    tags,
    params: z.object({ id: z.string().max(100), action: z.enum(PETITION_ACTIONS.filter((a) => a !== 'provide_info') as [string, ...string[]]) }),
    body: actBody,
    response: petitionView,
    handler: async ({ req, params, body }) => svc.actOnPetition(req.server.ctx, requireOfficer(req), params.id, params.action as any, body),
  });
  api(app, {
    method: 'GET',
    url: '/api/v1/feedback/figures',
    summary: 'QĐ 766 5.2-5.4 numerators and denominators for units and a period',
    tags,
    query: periodQuery,
    response: figuresAnswer,
    handler: async ({ req, query }) => {
      requireOfficer(req);
      const p = period(query);
      return { petitions: await svc.petitionFigures(req.server.ctx, p), ratings: await svc.ratingFigures(req.server.ctx, p) };
    },
  });
  api(app, {
    method: 'GET',
    url: '/api/v1/feedback/settings',
    summary: 'Deadlines, rating window and criteria (administrators)',
    tags,
    response: settingsView,
    handler: async ({ req }) => {
      requireOfficer(req, ['admin']);
      return svc.getSettings(req.server.ctx);
    },
  });
  api(app, {
    method: 'PUT',
    url: '/api/v1/feedback/settings',
    summary: 'Change the deadlines and the rating window (administrators)',
    tags,
    body: settingsBody.partial(),
    response: settingsView,
    handler: async ({ req, body }) => svc.saveSettings(req.server.ctx, requireOfficer(req, ['admin']), body),
  });
  // ---- dossier ratings
  api(app, {
    method: 'GET',
    url: '/api/v1/dossiers/:id/rating',
    summary: 'The rating of a dossier (its applicant or the desk)',
    tags,
    params: idParams,
    response: dossierRatingAnswer,
    handler: async ({ req, params }) => {
      await svc.rateableDossier(req.server.ctx, requireActor(req), params.id);
      return { rating: await svc.getRating(req.server.ctx, params.id), criteria: (await svc.getSettings(req.server.ctx)).criteria };
    },
  });
  api(app, {
    method: 'PUT',
    url: '/api/v1/dossiers/:id/rating',
    summary: 'Rate a dossier after its result (applicant online, or reception officer at the desk); changeable for a set time',
    tags,
    params: idParams,
    body: ratingBody,
    response: ratingView,
    handler: async ({ req, params, body }) => svc.rateDossier(req.server.ctx, requireActor(req), params.id, body),
  });
  api(app, {
    method: 'GET',
    url: '/api/v1/ratings/summary',
    summary: 'Ratings per unit, procedure and officer',
    tags,
    query: periodQuery.partial({ unitIds: true }),
    response: ratingSummaryAnswer,
    handler: async ({ req, query }) => {
      requireOfficer(req);
      return svc.ratingSummary(req.server.ctx, {
        unitIds: query.unitIds ? query.unitIds.split(',') : undefined,
        from: new Date(`${query.from}T00:00:00+07:00`),
        to: new Date(`${query.to}T00:00:00+07:00`),
      });
    },
  });
  // ---- surveys
  api(app, {
    method: 'GET',
    url: '/api/v1/surveys',
    summary: 'Open surveys on the portal',
    tags,
    response: surveyList,
    handler: async ({ req }) => ({ items: await svc.listSurveys(req.server.ctx) }),
  });
  api(app, {
    method: 'POST',
    url: '/api/v1/surveys',
    summary: 'Create a survey draft (administrators)',
    tags,
    body: surveyBody,
    status: 201,
    response: surveyView,
    handler: async ({ req, body }) => svc.createSurvey(req.server.ctx, requireOfficer(req), body),
  });
  api(app, {
    method: 'POST',
    url: '/api/v1/surveys/:id/publish',
    summary: 'Publish a survey (administrators)',
    tags,
    params: idParams,
    response: surveyView,
    handler: async ({ req, params }) => svc.setSurveyState(req.server.ctx, requireOfficer(req), params.id, 'published'),
  });
  api(app, {
    method: 'POST',
    url: '/api/v1/surveys/:id/close',
    summary: 'Close a survey (administrators)',
    tags,
    params: idParams,
    response: surveyView,
    handler: async ({ req, params }) => svc.setSurveyState(req.server.ctx, requireOfficer(req), params.id, 'closed'),
  });
  api(app, {
    method: 'POST',
    url: '/api/v1/surveys/:id/responses',
    summary: 'Answer a survey (anyone)',
    tags,
    params: idParams,
    body: z.record(z.string(), z.unknown()),
    status: 201,
    response: okAnswer,
    handler: async ({ req, params, body }) => {
      await svc.answerSurvey(req.server.ctx, req.actor, params.id, body);
      return { ok: true };
    },
  });
  api(app, {
    method: 'GET',
    url: '/api/v1/surveys/:id/results',
    summary: 'Summary of the answers (administrators)',
    tags,
    params: idParams,
    response: surveyResultsAnswer,
    handler: async ({ req, params }) => svc.surveyResults(req.server.ctx, requireOfficer(req), params.id),
  });
  // ---- FAQ
  api(app, {
    method: 'GET',
    url: '/api/v1/faq',
    summary: 'FAQ, searchable without diacritics',
    tags,
    query: z.object({ q: z.string().max(200).optional(), procedure: z.string().max(40).optional(), field: z.string().max(40).optional() }),
    response: faqList,
    handler: async ({ req, query }) => ({ items: await svc.listFaqs(req.server.ctx, { q: query.q, procedureCode: query.procedure, fieldCode: query.field }) }),
  });
  api(app, {
    method: 'POST',
    url: '/api/v1/faq',
    summary: 'Add a FAQ entry (procedure controllers)',
    tags,
    body: faqBody,
    status: 201,
    response: faqView,
    handler: async ({ req, body }) => svc.saveFaq(req.server.ctx, requireOfficer(req), body),
  });
  api(app, {
    method: 'PUT',
    url: '/api/v1/faq/:id',
    summary: 'Change a FAQ entry (procedure controllers)',
    tags,
    params: idParams,
    body: faqBody,
    response: faqView,
    handler: async ({ req, params, body }) => svc.saveFaq(req.server.ctx, requireOfficer(req), body, params.id),
  });
  api(app, {
    method: 'DELETE',
    url: '/api/v1/faq/:id',
    summary: 'Delete a FAQ entry (procedure controllers)',
    tags,
    params: idParams,
    response: okAnswer,
    handler: async ({ req, params }) => {
      await svc.deleteFaq(req.server.ctx, requireOfficer(req), params.id);
      return { ok: true };
    },
  });
  app.get('/api/v1/petitions/:id/files/:fileId', async (req, reply) => {
    const { id, fileId } = req.params as { id: string; fileId: string };
    const f = await svc.petitionFile(req.server.ctx, requireOfficer(req), id, fileId);
    if (!f) throw notFound();
    return reply
      .type(f.mime)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
      .send(f.bytes);
  });
}
