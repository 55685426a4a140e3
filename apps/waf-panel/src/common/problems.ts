import { ParseUUIDPipe } from '@nestjs/common';
import { type FieldError, ProblemException, problem, ValidationProblemException } from '@lib/platform';

/** The panel's problems: the slug is the last part of `urn:waf-panel:problem:<slug>`. */
export const notFound = (what: string) => new ProblemException(problem(404, `${what} was not found.`));
export const conflict = (slug: string, detail: string, extensions?: Record<string, unknown>) =>
  new ProblemException(problem(409, detail, { slug, extensions }));
export const forbidden = (detail: string) => new ProblemException(problem(403, detail));
export const unprocessable = (slug: string, detail: string, errors?: FieldError[], extensions?: Record<string, unknown>) =>
  new ProblemException(problem(422, detail, { slug, errors, extensions }));
export const invalidField = (path: string, message: string, location: FieldError['in'] = 'body') =>
  new ValidationProblemException([{ in: location, path, message }]);
export const malformed = (detail: string) => new ProblemException(problem(400, detail));

/** The tenant-scoped lookup's answer, or 404 exactly as for an unknown id. */
export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw notFound(what);
  return value;
}

/** A path id that is not a UUID names nothing in the tenant: 404, exactly as an unknown id. */
export const idParam = (what: string) => new ParseUUIDPipe({ exceptionFactory: () => notFound(what) });
