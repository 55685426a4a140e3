import { entityTags, ProblemException, problem, strongMatch } from '@lib/platform';

/** Strong `"<id>-<version>"`. */
export function etagOf(id: string, version: number): string {
  return `"${id}-${version}"`;
}

/** PATCH, PUT, DELETE and rollback: a missing If-Match, or `*`, is 428. */
export function requireIfMatch(header: string | undefined): string {
  if (header === undefined || header.trim() === '' || entityTags(header).includes('*')) {
    throw new ProblemException(problem(428, 'This write needs If-Match with the ETag you last read (not *).', { slug: 'precondition-required' }));
  }
  return header;
}

/** Strong comparison: `W/"…"` never matches, any current tag in the list does. */
export function ifMatchHolds(header: string, id: string, version: number): boolean {
  return strongMatch(header, etagOf(id, version));
}

/** 412 with the current state, so the client can show what changed. */
export function preconditionFailed(id: string, version: number, current: unknown): ProblemException {
  const etag = etagOf(id, version);
  return new ProblemException(
    problem(412, 'The resource has changed since you read it; reload it and retry.', { extensions: { currentVersion: version, etag, current } }),
    { etag },
  );
}
