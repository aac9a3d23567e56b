/**
 * The feedback module's use cases (interaction and support). Other modules use ONLY these
 * functions: petitions and their figures (QĐ 766 5.1-5.3), dossier ratings and their figures
 * (5.4), surveys, FAQ, the assistant and the support contacts.
 */
export {
  submitPetition,
  lookupPetition,
  myPetitions,
  provideInfo,
  ratePetition,
  petitionFor,
  petitionQueue,
  actOnPetition,
  petitionFile,
  publishedPetitions,
  petitionFigures,
  petitionsCostingPoints,
  type PetitionCostRecord,
  type PetitionView,
  type SubmitPetitionInput,
} from './petitions';
export {
  rateDossier,
  getRating,
  ratingSummary,
  ratingFigures,
  dossierRatings,
  dossierFeedbackFacts,
  rateableDossier,
  DOSSIER_RATED_TOPIC,
  type RatingView,
  type RatingFigures,
} from './ratings';
/** Outbox topic enqueued when a petition about a dossier is submitted; key and payload.dossierRef = the dossier's id or code. */
export const DOSSIER_PETITIONED_TOPIC = 'feedback.dossier_petitioned';
export { createSurvey, setSurveyState, getSurvey, listSurveys, surveysForProcedure, answerSurvey, surveyResults, surveyXlsx, type Survey } from './surveys';
export { listFaqs, saveFaq, deleteFaq, canManageFaq, type Faq } from './faq';
export { ask, type AssistantReply } from './assistant/answer';
export { supportContacts, type Contact } from './support';
/** The hotline box for any page where a person may be stuck: `<SupportContacts lang={req.lang} contacts={await supportContacts(ctx, [unitId])} />`. */
export { SupportContacts, BarChart } from './components';
export { getSettings, saveSettings } from './settings';
export { redact } from './redact';
export type { PetitionFigures, PetitionCost, FeedbackSettings } from './model';
