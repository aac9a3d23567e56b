/** The types of a submission's decision (model/submission.ts): the request, the facts read, the plan. */
import type { Actor } from '../../../platform/auth';
import type { FieldError } from '../../../platform/errors';
import type { MessageKey } from '../../../platform/i18n/keys';
import type { ProcedureSnapshot } from '../../catalogue/model';
import type { AssistedConsentRow, UploadRow } from '../tables';
import type { Selectable } from 'kysely';
import type { ComponentSources } from './data-sources';
import type { Channel } from './states';

export interface ApplicantInput {
  kind?: 'citizen' | 'organisation';
  /** Personal ID number (12 digits) or, for an organisation, its tax code. */
  idNumber: string;
  name: string;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

/** An acknowledged resumable upload (tus) named for a component, with its receipt's hash. */
export interface UploadRef {
  componentKey: string;
  uploadId: string;
  sha256: string;
}

/** A document of the personal e-data store (module warehouse) named for a component. */
export interface StoredDocumentRef {
  storedDocumentId: string;
}
export interface ResolvedStoredDocument {
  id: string;
  code: string;
  sha256: string;
  fileName: string;
  contentType: string;
  size: number;
  fromNationalStore: boolean;
}

/** What the components' sources gave (service/sources.ts fetchComponentSources). */
export interface FetchedSources {
  sources: ComponentSources;
  /** e-data store documents to link as the components' files. */
  linked: { componentKey: string; doc: ResolvedStoredDocument }[];
}

/** What the request asks (service/submit.ts SubmitInput extends it). */
export interface SubmissionRequest {
  procedureCode: string;
  channel?: Channel;
  receivingUnitId?: string;
  /** The competent agency, when the procedure has several (e.g. the commune where the applicant lives, for a boundary-free reception). */
  decidingUnitId?: string;
  /** Online: apply for the business the citizen represents. */
  asOrganisation?: boolean;
  /** Officer channels: who the dossier belongs to. Online: optional contact details. */
  applicant?: ApplicantInput;
  data?: Record<string, unknown>;
  /** The files sent with the request (their bytes are stored only once it is accepted). */
  files?: readonly { componentKey: string | null }[];
  /**
   * Components satisfied by acknowledged resumable uploads (tus), by id and the receipt's hash;
   * a component with a file in `files` too takes that file.
   */
  uploads?: readonly UploadRef[];
  /** Components satisfied by a document of the applicant's e-data store instead of an upload (reuse). */
  storedDocuments?: Record<string, StoredDocumentRef>;
  /** Assisted channel: the citizen's confirmed consent (service/consent.ts), used up by this dossier. */
  consentId?: string;
  /**
   * The demo generator replays past submissions: the sources as they were then cannot be asked, so
   * nothing is fetched (as in its bulk path); never set by a route.
   */
  replayedHistory?: boolean;
}

export type Owner = { kind: 'citizen' | 'organisation'; id: string };
export interface Applicant {
  kind: 'citizen' | 'organisation';
  idNumber: string;
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
}
export type BoundaryFreeListing = { validFrom: string; validTo: string | null; decision: string };
export type AgencyChoice = { receivingUnitId: string; decidingUnitId: string; boundaryFree: BoundaryFreeListing | null };
export type EFormCheck = { ok: true; data: unknown } | { ok: false; fields: FieldError[] };
export type AssistedConsent = Selectable<AssistedConsentRow>;
export type UploadFact = Pick<
  Selectable<UploadRow>,
  'id' | 'owner_kind' | 'owner_id' | 'state' | 'file_name' | 'received' | 'length' | 'dossier_id' | 'sha256' | 'mime'
>;
/** An acknowledged upload the dossier takes: its blob, for its component. */
export type UsedUpload = { uploadId: string; componentKey: string; fileName: string; contentType: string; key: string; sha256: string; size: number };

/** What was read for the decision; the later parts are read when the decision asks for them. */
export interface SubmissionFacts {
  actor: Actor;
  request: SubmissionRequest;
  now: Date;
  /** The reception day in Vietnam (YYYY-MM-DD). */
  day: string;
  /** The procedure version in force, with the rules of the day that read it (null: none in force). */
  procedure: {
    snapshot: ProcedureSnapshot;
    /** Chỉ thị 24/CT-TTg: the essential services take no paper dossier from 1/10/2025 (rule essential.paperRefused). */
    paperRefused: boolean;
    /** The version's "phi địa giới" listing on the day, if any. */
    boundaryFree: BoundaryFreeListing | null;
    /** The version's e-form validator (the catalogue's, pure). */
    validate: (data: unknown) => EFormCheck;
  } | null;
  /** At the desk with no desk named and several reception desks: those that exist today (desks merged away drop out). */
  openDesks: string[] | null;
  /** Online: the citizen's record (contact details, the business they represent). */
  person: { phone?: string | null; email?: string | null; address?: string | null; org?: { taxCode: string; name: string } | null } | null;
  /** The consent named by the request (null: none named, or unknown). */
  consent: AssistedConsent | null;
  /** Read when the decision asks ('stored'): the e-data store's document per component named (null: not the applicant's, unknown or no longer valid). */
  stored?: Record<string, ResolvedStoredDocument | null>;
  /** Read when the decision asks ('rest'). */
  rest?: {
    fetched: FetchedSources;
    /** The receiving unit's code for dossier codes (null: it has none). */
    agencyCode: string | null;
    /** Each acknowledged upload named, in the request's order, with whether its blob is there whole with its hash. */
    uploads: { ref: UploadRef; upload: UploadFact | null; blobWhole: boolean }[];
  };
}

export type SubmissionRefusal = { ok: false; status: number; key: MessageKey; params?: Record<string, unknown>; fields?: FieldError[] };

/** Everything the rows are built from. */
export interface SubmissionPlan {
  channel: Channel;
  snapshot: ProcedureSnapshot;
  agency: AgencyChoice;
  applicant: Applicant;
  /** The e-form as validated (or as given, on paper without one). */
  data: unknown;
  consent: AssistedConsent | null;
  reused: { componentKey: string; doc: ResolvedStoredDocument }[];
  fetched: FetchedSources;
  agencyCode: string;
  uploads: UsedUpload[];
}

export type SubmissionDecision =
  | SubmissionRefusal
  /** Read this next, then decide again: the stored documents of `owner`, or the rest (the sources for `owner` skipping `satisfied`, the agency code of the receiving unit, the uploads). */
  | { ok: 'read'; next: 'stored' | 'rest'; owner: Owner; receivingUnitId: string; satisfied: string[]; uploadRefs: UploadRef[] }
  | { ok: true; plan: SubmissionPlan };
