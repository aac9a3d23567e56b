/** Response schemas of the feedback API (petitions, ratings, surveys, FAQ): what each operation answers. */
import { z } from 'zod';
import { PETITION_ACTIONS, PETITION_CATEGORIES, PETITION_STATES, SUBJECT_KINDS, TIMELINESS } from './model';
import { QUESTION_TYPES, SURVEY_STATES } from './survey-model';

const instant = (what: string) => z.string().describe(`${what} (ISO instant)`);
const fraction = (what: string) => z.object({ numerator: z.number().int(), denominator: z.number().int() }).describe(what);

// ---- petitions

/** A petition as its submitter or the back office sees it (petitions/common.ts PetitionView). */
export const petitionView = z.object({
  id: z.string(),
  code: z.string().describe('Code given to the submitter, e.g. PA-261208-A1B2C3'),
  subjectKind: z.enum(SUBJECT_KINDS),
  subjectRef: z.string().nullable().describe('Procedure code or dossier id/code the petition is about'),
  category: z.enum(PETITION_CATEGORIES).describe('QĐ 766 5.1: about rules and procedures, about conduct, other'),
  unitId: z.string().describe('The responsible unit'),
  unitName: z.string().nullable(),
  title: z.string(),
  content: z.string(),
  state: z.enum(PETITION_STATES),
  contact: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable(), address: z.string().nullable() }),
  consentPublish: z.boolean().describe('The submitter agrees the answer is published (without personal data)'),
  receivedAt: instant('Received, or transferred to the current unit'),
  dueAt: instant('Answer due'),
  timeliness: z.enum(TIMELINESS).describe('QĐ 766 5.2 standing now'),
  infoRequest: z.string().nullable().describe('Information asked of the submitter'),
  refusalReason: z.string().nullable(),
  answer: z.string().nullable().describe('The answer: to the submitter once approved, always to the back office'),
  approvedAt: instant('Answer approved by a leader').nullable(),
  publishedAt: instant('Answer published').nullable(),
  publicQuestion: z.string().nullable().describe('Published question, personal data removed'),
  publicAnswer: z.string().nullable().describe('Published answer, personal data removed'),
  rating: z.enum(['satisfied', 'unsatisfied']).nullable().describe("The submitter's rating of the answer"),
  ratingComment: z.string().nullable(),
  reraised: z.boolean().describe('Raised again by a later petition or at rating'),
  files: z.array(z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int().describe('Bytes') })),
  events: z
    .array(z.object({ at: instant('When'), action: z.enum(['submit', ...PETITION_ACTIONS, 'rate'] as const), note: z.string().nullable() }))
    .describe('History, oldest first (only in the back-office views; empty otherwise)'),
});
export const petitionList = z.object({ items: z.array(petitionView) });

export const petitionReceipt = z.object({
  id: z.string(),
  code: z.string().describe('Code to look the petition up with'),
  pin: z.string().describe('Secret to look the petition up with (shown once)'),
  dueAt: instant('Answer due'),
});

export const publishedList = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      question: z.string(),
      answer: z.string(),
      publishedAt: instant('Published'),
      unitName: z.string().describe("The answering unit's name (its id when unknown)"),
    }),
  ),
});

// ---- figures and settings

export const petitionFiguresSchema = z.object({
  petitions: z.number().int().describe('Counted in the period: handled in it, or open and overdue at its end'),
  classified: z.number().int().describe('5.1: classified (procedure or conduct)'),
  handled: z.number().int(),
  handledOnTime: z.number().int(),
  dissatisfied: z.number().int().describe('5.3: rated not satisfied, raised again, or late/overdue'),
  onTime: fraction('5.2'),
  satisfaction: fraction('5.3'),
});
export const ratingFiguresSchema = z.object({
  dossiers: z.number().int().describe('Dossiers with a result in the period'),
  rated: z.number().int(),
  satisfied: z.number().int(),
  unsatisfied: z.number().int(),
  withPetition: z.number().int().describe('Dossiers with a petition about them'),
  late: z.number().int(),
  satisfaction: fraction('5.4'),
});
export const figuresAnswer = z.object({ petitions: petitionFiguresSchema, ratings: ratingFiguresSchema });

export const criterionSchema = z.object({ key: z.string(), vi: z.string(), en: z.string() });
export const settingsView = z.object({
  answerDays: z.number().int().describe('Working days to answer a petition'),
  refusalDays: z.number().int().describe('Working days to refuse one'),
  infoRequestDays: z.number().int().describe('Working days for the first request for information'),
  publishDays: z.number().int().describe('Working days to publish an approved answer'),
  ratingChangeDays: z.number().int().describe('Days a dossier rating stays changeable'),
  criteria: z.array(criterionSchema).describe('Rating criteria in order; `overall` decides "satisfied"'),
  unsatisfiedAtOrBelow: z.number().int().describe('Overall scores at or below this are "not satisfied"'),
});

// ---- dossier ratings

export const ratingView = z.object({
  dossierId: z.string(),
  dossierCode: z.string(),
  unitId: z.string().describe('The deciding unit'),
  procedureCode: z.string(),
  channel: z.enum(['online', 'desk']),
  scores: z.record(z.string(), z.number().int()).describe('Score 1-5 per criterion key'),
  overall: z.number().int(),
  comment: z.string().nullable(),
  ratedAt: instant('First rated'),
  changeableUntil: instant('Changeable until'),
  raterKind: z.enum(['citizen', 'officer']),
});
export const dossierRatingAnswer = z.object({ rating: ratingView.nullable().describe('null = not rated yet'), criteria: z.array(criterionSchema) });

const aggregateSchema = z.object({
  key: z.string().describe('Unit id, procedure code or officer id'),
  ratings: z.number().int(),
  satisfied: z.number().int(),
  unsatisfied: z.number().int(),
  average: z.number().describe('Average overall score'),
  criteria: z.record(z.string(), z.number()).describe('Average score per criterion key'),
});
export const ratingSummaryAnswer = z.object({ byUnit: z.array(aggregateSchema), byProcedure: z.array(aggregateSchema), byOfficer: z.array(aggregateSchema) });

// ---- surveys

const questionView = z.object({ id: z.string(), type: z.enum(QUESTION_TYPES), text: z.string(), options: z.array(z.string()), required: z.boolean() });
export const surveyView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  state: z.enum(SURVEY_STATES),
  onPortal: z.boolean(),
  procedureCode: z.string().nullable().describe('Shown at the end of this procedure'),
  questions: z.array(questionView),
  publishedAt: instant('Published').nullable(),
});
export const surveyList = z.object({ items: z.array(surveyView) });

const answerValue = z.union([z.string(), z.array(z.string()), z.number(), z.null()]).describe('Choice(s), scale 1-5 or text; null = not answered');
export const surveyResultsAnswer = z.object({
  survey: surveyView,
  responses: z.number().int(),
  summary: z.array(
    z.object({
      question: questionView,
      answered: z.number().int(),
      counts: z.array(z.object({ label: z.string(), count: z.number().int() })).describe('Choice and scale questions, in display order'),
      average: z.number().nullable().describe('Scale questions'),
      texts: z.array(z.string()).describe('Text questions'),
    }),
  ),
  rows: z.array(z.object({ at: instant('Submitted'), answers: z.record(z.string(), answerValue).describe('By question id') })),
});

// ---- FAQ

export const faqView = z.object({
  id: z.string(),
  procedureCode: z.string().nullable(),
  fieldCode: z.string().nullable(),
  question: z.string(),
  answer: z.string(),
  published: z.boolean(),
  updatedAt: instant('Last changed'),
});
export const faqList = z.object({ items: z.array(faqView) });

export const okAnswer = z.object({ ok: z.literal(true) });
