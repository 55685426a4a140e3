/**
 * Conditional requests (RFC 9110 §13.1), compared the way the RFC says: If-Match strongly (a weak
 * tag never matches), If-None-Match weakly (`W/` ignored on both sides). Each service decides
 * what `*` and a missing header mean for its writes.
 */

/** The entity tags of an If-Match or If-None-Match header, `*` included; empty when absent. */
export function entityTags(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** If-Match: one of the listed tags is `current`, compared strongly. */
export function strongMatch(header: string | undefined, current: string): boolean {
  return !current.startsWith('W/') && entityTags(header).includes(current);
}

/** If-None-Match: `*`, or one of the listed tags is `current`, compared weakly. */
export function weakMatch(header: string | undefined, current: string): boolean {
  const opaque = (tag: string) => tag.replace(/^W\//, '');
  return entityTags(header).some((tag) => tag === '*' || opaque(tag) === opaque(current));
}
