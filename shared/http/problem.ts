import type { DomainError, DomainErrorKind, InvalidField } from '../domain-errors.js';

/** One bad field of a request: a dotted path (`records.3.subject.uscc`) and what is wrong. */
export type FieldError = InvalidField;

/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://credit-plus.example/problems/';

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
};

/**
 * An error that maps to a problem+json response. Domain code throws these for anything a
 * client can cause; everything else becomes an opaque 500 and is logged.
 */
export class HttpProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(
    status: number,
    kind: string,
    detail: string,
    options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.status = status;
    this.type = `${PROBLEM_BASE}${kind}`;
    if (options.errors) this.errors = options.errors;
    if (options.headers) this.headers = options.headers;
  }

  toProblem(instance?: string): ProblemDetails {
    return {
      type: this.type,
      title: titles[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

const statusOfKind: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unprocessable: 422,
};
const defaultCodeOfKind: Partial<Record<DomainErrorKind, string>> = { invalid: 'validation-error' };

/** The problem a domain error stands for (domain code never sees HTTP statuses). */
export function problemOf(error: DomainError): HttpProblem {
  return new HttpProblem(
    statusOfKind[error.kind],
    error.code ?? defaultCodeOfKind[error.kind] ?? error.kind,
    error.message,
    {
      ...(error.fields ? { errors: error.fields } : {}),
    },
  );
}

export const validationProblem = (errors: FieldError[], detail = 'The request has invalid fields.') =>
  new HttpProblem(400, 'validation-error', detail, { errors });
export const notFound = (detail: string) => new HttpProblem(404, 'not-found', detail);
export const conflict = (detail: string) => new HttpProblem(409, 'conflict', detail);
