/**
 * Errors a client may see. The `key` names a message in the catalogues; the HTTP layer turns
 * it into text in the client's language. Anything else thrown becomes a 500 with a generic
 * message and is logged, never shown.
 */
import type { MessageKey } from './i18n/keys';

export interface FieldError {
  field: string;
  message: string;
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
