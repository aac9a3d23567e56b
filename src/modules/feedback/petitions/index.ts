/**
 * Petitions (phản ánh, kiến nghị): submitted by anyone, routed to the responsible unit, answered
 * by an officer, approved by a leader, published without personal data when the submitter agrees,
 * rated by the submitter. Deadlines in working days (settings); figures for QĐ 766 5.1-5.3.
 *
 * One file per use case: receive.ts (submitPetition), submitter.ts (lookup, information asked
 * for, rating), handle.ts (the back office's queue and steps), published.ts, figures.ts; the view
 * and the event log in common.ts.
 */
export { HANDLER_ROLES, viewOf, type PetitionView, type SubmitPetitionInput, type UploadIn } from './common';
export { submitPetition } from './receive';
export { lookupPetition, myPetitions, provideInfo, ratePetition } from './submitter';
export { actOnPetition, petitionFile, petitionFor, petitionQueue, type ActInput } from './handle';
export { publishedPetitions } from './published';
export { petitionFigures, petitionsCostingPoints, type PetitionCostRecord } from './figures';
