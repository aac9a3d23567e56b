/**
 * Errors a client may see. The `key` names a message in the catalogues; the HTTP layer turns
 * it into text in the client's language. Anything else thrown becomes a 500 with a generic
 * message and is logged, never shown.
 */
import type { MessageKey } from './i18n/keys';

export interface FieldError {
  /** The field's path as the input names it (`applicant.idNumber`): what the JSON API answers and the page's field ids are made from. */
  field: string;
  /** What is right, e.g. "vui lòng nhập lý do". */
  message: string;
  /** The field's visible label in the reader's language, when the form named it (platform/http/form-messages.ts). */
  label?: string;
}

/** A field's refusal as one sentence: "Lý do: vui lòng nhập lý do" (the message alone when the form gave no label). */
export function fieldText(f: FieldError): string {
  return f.label ? `${f.label}: ${f.message}` : f.message;
}

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly key: MessageKey,
    public readonly params?: Record<string, unknown>,
    public readonly fields?: FieldError[],
  ) {
    super(key);
  }
}

export const badRequest = (key: MessageKey, params?: Record<string, unknown>, fields?: FieldError[]) => new AppError(400, key, params, fields);
export const unauthenticated = (key: MessageKey = 'error.unauthenticated') => new AppError(401, key);
export const forbidden = (key: MessageKey = 'error.forbidden', params?: Record<string, unknown>) => new AppError(403, key, params);
export const notFound = (key: MessageKey = 'error.not_found', params?: Record<string, unknown>) => new AppError(404, key, params);
export const conflict = (key: MessageKey = 'error.conflict', params?: Record<string, unknown>) => new AppError(409, key, params);
