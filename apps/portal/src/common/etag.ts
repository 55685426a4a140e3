import type { FastifyReply } from 'fastify';
import { entityTags, strongMatch, weakMatch } from '@lib/platform';

/** Strong ETags over `row_version`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** If-Match fails unless absent, `*`, or one of its strong tags is the current one. */
export function ifMatchFails(header: string | undefined, version: number): boolean {
  if (header === undefined || header.trim() === '') return false;
  return !entityTags(header).includes('*') && !strongMatch(header, etagOf(version));
}

/** If-None-Match hits (304) when `*` or any tag, weak or strong, names the current version. */
export function ifNoneMatchHits(header: string | undefined, version: number): boolean {
  return weakMatch(header, etagOf(version));
}

/** A GET item's answer: the ETag always, and 304 without a body when If-None-Match names it. */
export function conditionalBody<T>(reply: FastifyReply, version: number, ifNoneMatch: string | undefined, body: T): T | undefined {
  void reply.header('etag', etagOf(version));
  if (!ifNoneMatchHits(ifNoneMatch, version)) return body;
  void reply.status(304);
  return undefined;
}
