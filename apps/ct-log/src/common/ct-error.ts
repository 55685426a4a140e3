import { problem, ProblemException } from '@lib/platform';

/** RFC 9162 error codes plus ours where it is silent. */
export type CtErrorCode =
  | 'malformed'
  | 'badChain'
  | 'badCertificate'
  | 'badType'
  | 'unknownAnchor'
  | 'badSubmission'
  | 'shutdown'
  | 'secondBeforeFirst'
  | 'secondUnknown'
  | 'treeSizeUnknown'
  | 'hashUnknown'
  | 'endBeforeStart'
  | 'startUnknown'
  | 'notFound'
  | 'unauthorized'
  | 'forbidden'
  | 'payloadTooLarge'
  | 'poolFull'
  | 'rateLimited'
  | 'unavailable'
  | 'outcomeUnknown'
  | 'corrupt'
  | 'internal';

/** The code a status gets when nothing more specific was raised. */
const CODE_OF_STATUS: Record<number, CtErrorCode> = {
  400: 'malformed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'notFound',
  410: 'shutdown',
  413: 'payloadTooLarge',
  429: 'rateLimited',
  503: 'unavailable',
};

/** An error under `/logs/`, rendered as `{error_message, error_code}`; elsewhere as a problem with `error_code`. */
export class CtError extends ProblemException {
  constructor(
    status: number,
    readonly code: CtErrorCode,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(problem(status, message, { extensions: { error_code: code } }), headers);
  }
}

export function ctErrorCode(status: number, exception: unknown): CtErrorCode {
  if (exception instanceof CtError) return exception.code;
  return CODE_OF_STATUS[status] ?? (status >= 500 ? 'internal' : 'malformed');
}

export const malformed = (message: string) => new CtError(400, 'malformed', message);
export const notFound = (message: string) => new CtError(404, 'notFound', message);
