/**
 * What domain code throws when a request cannot be carried out for a reason the caller can
 * fix or must know. Domain modules know nothing of HTTP: the HTTP kernel maps each kind to
 * its problem+json status (invalid 400, forbidden 403, not-found 404, conflict 409,
 * unprocessable 422), and a subscriber treats them as a permanent failure of that event.
 */
export interface InvalidField {
  /** Dotted path of the bad field (`records.3.recordId`). */
  path: string;
  message: string;
}

export type DomainErrorKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict' | 'unprocessable';

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly fields?: InvalidField[];
  /** A more specific slug for the problem type than the kind (`write-conflict`). */
  readonly code?: string;

  constructor(kind: DomainErrorKind, detail: string, options: { fields?: InvalidField[]; code?: string } = {}) {
    super(detail);
    this.name = 'DomainError';
    this.kind = kind;
    if (options.fields) this.fields = options.fields;
    if (options.code) this.code = options.code;
  }
}

export const invalid = (fields: InvalidField[], detail = 'The request has invalid fields.') =>
  new DomainError('invalid', detail, { fields });
export const forbidden = (detail: string) => new DomainError('forbidden', detail);
export const notFound = (detail: string) => new DomainError('not-found', detail);
export const conflict = (detail: string) => new DomainError('conflict', detail);
export const unprocessable = (detail: string) => new DomainError('unprocessable', detail);
