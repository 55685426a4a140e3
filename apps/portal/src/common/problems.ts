import { type FieldError, problem, ProblemException, ValidationProblemException } from '@lib/platform';
import { etagOf } from './etag';

/** The portal's problems with the exact details the replaced system answered. */
export const notFound = (detail: string) => new ProblemException(problem(404, detail));
export const forbidden = (detail: string) => new ProblemException(problem(403, detail));
export const invalidState = (detail: string, errors?: FieldError[]) => new ProblemException(problem(400, detail, { slug: 'invalid-state', errors }));
export const conflict = (detail: string) => new ProblemException(problem(409, detail));
export const upstreamFailure = (detail: string) => new ProblemException(problem(502, detail));
export const invalidField = (path: string, message: string, detail?: string, location: FieldError['in'] = 'body') =>
  new ValidationProblemException([{ in: location, path, message }], detail);
export const preconditionFailed = (currentVersion: number) =>
  new ProblemException(problem(412, 'The resource has changed; reload it and retry.'), { etag: etagOf(currentVersion) });
