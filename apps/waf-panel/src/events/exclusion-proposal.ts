import { Checker, type Json } from '@lib/platform';
import { type RuleCatalogue } from '@lib/waf';
import { type ExclusionContent, exclusionDedupeKey } from '../policies/rule-content';
import { TARGET_COLLECTIONS } from '../rules/rule.dto';
import { checkExclusion, isProtectedTarget } from '../rules/rule-validation';

/** What a proposal reads of one stored event. */
export interface ProposalEvent {
  readonly id: string;
  readonly transactionId: string;
  readonly path: string;
  readonly matches: ReadonlyArray<{ readonly ruleId: number; readonly message: string; readonly collection: string | null; readonly key: string | null }>;
}

export interface ProposalInput {
  readonly events: readonly ProposalEvent[];
  readonly vhost: { readonly id: string; readonly domain: string };
  readonly existing: readonly ExclusionContent[];
  readonly force: boolean;
  readonly catalogue?: RuleCatalogue;
}

export interface ProposedExclusion {
  readonly body: {
    ruleId: number;
    variable: { collection: string; key: string | null };
    vhostId: string;
    path: string | null;
    comment: string;
    force?: true;
  };
  readonly content: ExclusionContent;
  readonly explanation: string;
  readonly events: number;
  readonly exists: boolean;
  readonly protected: boolean;
}

export interface SkippedMatch {
  readonly ruleId: number;
  readonly variable: string | null;
  readonly reason: string;
}

/** Collections that never hold the request's own input: a rule matching them is not a false positive of the input. */
const INPUT_COLLECTIONS: ReadonlySet<string> = new Set(TARGET_COLLECTIONS);

const SEGMENT = /^[A-Za-z0-9._~!$&'()*+,;=:@-]+$/;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The path as the engine's scoped exclusions see it (decoded, `\` as `/`, dot segments resolved),
 * as segments; it stops before the first segment an exclusion path cannot hold, and at a `;`,
 * which ends an exclusion's scope.
 */
export function scopeSegments(rawPath: string): string[] {
  const segments: string[] = [];
  for (const segment of decode(rawPath).replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      segments.pop();
      continue;
    }
    if (segment.includes(';') || !SEGMENT.test(segment)) break;
    segments.push(segment);
  }
  return segments;
}

/** The longest path every event's path lies at or below; null when that is the whole site. */
export function sharedPath(paths: readonly string[]): string | null {
  const [first, ...rest] = paths.map(scopeSegments);
  let length = first.length;
  for (const other of rest) {
    let same = 0;
    while (same < Math.min(length, other.length) && other[same] === first[same]) same++;
    length = same;
  }
  return length === 0 ? null : `/${first.slice(0, length).join('/')}`;
}

const variableName = (collection: string | null, key: string | null) => (collection === null ? null : key === null ? collection : `${collection}:${key}`);

/**
 * The narrowest exclusions that would have let the events through: per rule and the exact
 * variable it matched, only on this vhost, only under the path the events share. Rules that
 * matched something other than the request's input (anomaly scores, the engine's own state) get
 * none: they follow from the rules that matched the input. Protected targets are proposed only
 * when an Admin forces them. Every candidate is checked by the same rules a written exclusion is.
 */
export function proposeExclusions(input: ProposalInput): { exclusions: ProposedExclusion[]; skipped: SkippedMatch[] } {
  const path = sharedPath(input.events.map((event) => event.path));
  const groups = new Map<string, { ruleId: number; message: string; collection: string; key: string | null; events: Set<string> }>();
  const skipped = new Map<string, SkippedMatch>();
  const skip = (ruleId: number, variable: string | null, reason: string) => skipped.set(`${ruleId}|${variable}`, { ruleId, variable, reason });
  for (const event of input.events) {
    for (const match of event.matches) {
      const variable = variableName(match.collection, match.key);
      if (match.collection === null || !INPUT_COLLECTIONS.has(match.collection)) {
        skip(match.ruleId, variable, 'it matched no part of the request input (an anomaly score or engine state); it follows from the rules that did');
        continue;
      }
      const key = match.collection === 'REQUEST_HEADERS' && match.key !== null ? match.key.toLowerCase() : match.key;
      const id = `${match.ruleId}|${match.collection}|${key}`;
      const group = groups.get(id) ?? { ruleId: match.ruleId, message: match.message, collection: match.collection, key, events: new Set<string>() };
      group.events.add(event.id);
      groups.set(id, group);
    }
  }
  const existing = new Set(input.existing.map(exclusionDedupeKey));
  const exclusions: ProposedExclusion[] = [];
  for (const group of [...groups.values()].sort((a, b) => a.ruleId - b.ruleId || `${a.collection}:${a.key}`.localeCompare(`${b.collection}:${b.key}`))) {
    const variable = { collection: group.collection, key: group.key };
    const isProtected = isProtectedTarget({ ruleId: group.ruleId, tag: null });
    if (isProtected && !input.force) {
      skip(group.ruleId, variableName(group.collection, group.key), 'it is a protected CRS rule (initialisation, scoring or reporting); an Admin may force it');
      continue;
    }
    const transactions = input.events.filter((event) => group.events.has(event.id)).map((event) => event.transactionId);
    const body = {
      ruleId: group.ruleId,
      variable,
      vhostId: input.vhost.id,
      path,
      comment: `From ${transactions.length} security event(s): ${transactions.slice(0, 5).join(', ')}${transactions.length > 5 ? ', …' : ''}`.slice(0, 1000),
      ...(isProtected ? { force: true as const } : {}),
    };
    const check = new Checker();
    const content = checkExclusion(check, body as unknown as Json, input.catalogue);
    if (!content || check.errors.length > 0) {
      skip(
        group.ruleId,
        variableName(group.collection, group.key),
        `no valid exclusion names it: ${check.errors.map((error) => `${error.path} ${error.message}`).join('; ')}`,
      );
      continue;
    }
    const full: ExclusionContent = { ...content, forced: isProtected };
    exclusions.push({
      body,
      content: full,
      explanation: explain(group, path, input.vhost.domain),
      events: group.events.size,
      exists: existing.has(exclusionDedupeKey(full)),
      protected: isProtected,
    });
  }
  return { exclusions, skipped: [...skipped.values()] };
}

function explain(group: { ruleId: number; message: string; collection: string; key: string | null }, path: string | null, domain: string): string {
  const variable = variableName(group.collection, group.key)!;
  const where = path === null ? `any request to ${domain} (the events share no path below /)` : `requests to ${path} and below on ${domain}`;
  return (
    `Rule ${group.ruleId} (${group.message}) stops inspecting ${variable} in ${where}. ` +
    `Every other rule still inspects ${variable}, rule ${group.ruleId} still inspects the rest of the request, and other vhosts of the policy are unaffected.`
  );
}
