import { messageFor, type Message } from './messages.ts';

export interface ErrorDetails {
  field?: string;
  row?: number;
  /** Values substituted into {placeholders} of the message. */
  params?: Record<string, string | number>;
  extra?: Record<string, unknown>;
}

/** The one error type domain code throws; http/error-handler.ts maps it to a response. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503,
    readonly messageKey: string = code,
    readonly details: ErrorDetails = {},
  ) {
    super(`${code}: ${messageFor(messageKey, details.params).en}`);
  }

  get localized(): Message {
    return messageFor(this.messageKey, this.details.params);
  }

  toBody() {
    const m = this.localized;
    return {
      error: {
        code: this.code,
        message_ar: m.ar,
        message_en: m.en,
        ...(this.details.field !== undefined ? { field: this.details.field } : {}),
        ...(this.details.row !== undefined ? { row: this.details.row } : {}),
        ...(this.details.extra ?? {}),
      },
    };
  }
}

export const notFound = (what = 'not_found') => new AppError('not_found', 404, what);
export const forbidden = () => new AppError('forbidden', 403);
export const badRequest = (key: string, field?: string, params?: Record<string, string | number>) =>
  new AppError(key, 400, key, { field, params });
