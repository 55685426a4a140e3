import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { isIP } from 'node:net';
import { Absentable, Bool, Int, List, NestedList, Nullable, OneOf, Required, Rule, Rules, Str, Text, UUID, Uuid } from '@lib/platform';
import { Instant, QueryInstant, QueryText } from '../common/list-query';

/*
 * Security events as WAF nodes ship them (one per engine transaction that matched rules, read
 * from the ModSecurity JSON audit log), as the panel shows them, and the exclusion proposals
 * made from them.
 */

export const EVENT_ACTIONS = ['blocked', 'detected'] as const;
export const ENGINE_MODES = ['Enabled', 'DetectionOnly'] as const;
const MAX_HEADERS = 100;

export class RuleMatchBody {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 99999999, example: 942100 }) @Rules(Required(), Int(1, 99999999)) ruleId: number;
  @ApiProperty({ maxLength: 1000, example: 'SQL Injection Attack Detected via libinjection' })
  @Rules(Required(), Text({ max: 1000, controls: true }))
  message: string;
  @ApiProperty({ type: String, nullable: true, maxLength: 300, example: 'ARGS:comment', description: 'The variable the rule matched, as the engine names it' })
  @Nullable()
  @Text({ min: 1, max: 300, controls: true })
  variable: string | null;
  @ApiProperty({ maxLength: 4096, description: "The engine's matched data; masked by the panel for secret-named variables" })
  @Rules(Required(), Text({ max: 4096, controls: true }))
  data: string;
  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, maximum: 7 }) @Nullable() @Int(0, 7) severity: number | null;
  @ApiProperty({ type: [String], maxItems: 50 })
  @Rules(
    Required(),
    List(0, 50),
    Rule('tags', (tags) =>
      (tags as unknown[]).every((tag) => typeof tag === 'string' && tag.length <= 200) ? undefined : 'must be strings of at most 200 characters',
    ),
  )
  tags: string[];
}

export class SecurityEventBody {
  @ApiProperty({ maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$', description: "The engine's transaction id (unique_id); a node sending it twice stores it once" })
  @Rules(Required(), Text({ min: 1, max: 64, pattern: /^[A-Za-z0-9._:-]+$/ }))
  transactionId: string;
  @ApiProperty({ format: 'date-time' }) @Rules(Required(), Instant()) occurredAt: string;
  @ApiProperty({ maxLength: 260, example: 'shop.example.com', description: 'The Host header' }) @Rules(Required(), Text({ max: 260 })) host: string;
  @ApiProperty({ example: '203.0.113.7' })
  @Rules(Required(), Str(), Rule('ip', (value) => (isIP(value as string) ? undefined : 'must be an IPv4 or IPv6 address')))
  clientIp: string;
  @ApiProperty({ maxLength: 16, example: 'POST' })
  @Rules(Required(), Text({ min: 1, max: 16, pattern: /^[A-Z]+$/, patternMessage: 'must be an HTTP method' }))
  method: string;
  @ApiProperty({ maxLength: 8192, example: '/blog/comments?page=2', description: 'The request target as received (path and query)' })
  @Rules(Required(), Text({ min: 1, max: 8192 }))
  uri: string;
  @ApiProperty({ type: 'integer', minimum: 100, maximum: 599, description: 'The status the client got' }) @Rules(Required(), Int(100, 599)) status: number;
  @ApiProperty({ enum: ENGINE_MODES, description: 'SecRuleEngine for this transaction' }) @Rules(Required(), OneOf(ENGINE_MODES)) engine: string;
  @ApiProperty({ maxLength: 200, example: 'ModSecurity v3.0.9 (Linux); OWASP_CRS/3.3.4' }) @Rules(Required(), Text({ max: 200 })) producer: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: `Request headers (at most ${MAX_HEADERS}); cookies and credentials are masked before they are stored`,
  })
  @Rules(
    Required(),
    Rule('headers', (value) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'must be an object';
      const entries = Object.entries(value);
      if (entries.length > MAX_HEADERS) return `must have at most ${MAX_HEADERS} headers`;
      return entries.every(([name, text]) => name.length <= 200 && typeof text === 'string' && text.length <= 8192)
        ? undefined
        : 'must map header names to strings of at most 8192 characters';
    }),
  )
  headers: Record<string, string>;
  @ApiProperty({ type: [RuleMatchBody], maxItems: 200 }) @Rules(Required(), NestedList(() => RuleMatchBody, 0, 200)) matches: RuleMatchBody[];
}

export const MAX_EVENTS_PER_BATCH = 200;

export class SecurityEventBatchBody {
  @ApiProperty({ type: [SecurityEventBody], minItems: 1, maxItems: MAX_EVENTS_PER_BATCH })
  @Rules(Required(), NestedList(() => SecurityEventBody, 1, MAX_EVENTS_PER_BATCH))
  events: SecurityEventBody[];
}

export class SecurityEventBatchResult {
  @ApiProperty({ type: 'integer', description: 'Events stored now' }) stored: number;
  @ApiProperty({ type: 'integer', description: 'Events this node had sent before (same transactionId), stored once' }) duplicates: number;
}

/** The event search's filters; `limit` and `cursor` are the list's own. */
export class SecurityEventQuery {
  @Absentable() @Uuid() vhostId?: string;
  @QueryText(260) host?: string;
  @Absentable() @Rules(Str(), Rule('rule-id', (value) => (/^\d{1,8}$/.test(value as string) ? undefined : 'must be a rule id'))) ruleId?: string;
  @QueryText(2048) path?: string;
  @Absentable() @Rules(Str(), Rule('ip', (value) => (isIP(value as string) ? undefined : 'must be an IPv4 or IPv6 address'))) clientIp?: string;
  @Absentable() @OneOf(EVENT_ACTIONS) action?: (typeof EVENT_ACTIONS)[number];
  @QueryInstant() from?: string;
  @QueryInstant() to?: string;
}

export class RuleMatchView {
  @ApiProperty({ type: 'integer' }) ruleId: number;
  @ApiProperty() message: string;
  @ApiProperty({ type: String, nullable: true, example: 'ARGS', description: 'The matched collection' }) collection: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'comment', description: 'The matched key within it' }) key: string | null;
  @ApiProperty({ description: 'Matched data, masked for secret-named variables, cookies and credentials' }) data: string;
  @ApiProperty({ type: 'integer', nullable: true }) severity: number | null;
  @ApiProperty({ type: [String] }) tags: string[];
}

export class SecurityEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: "The reporting node's token subject" }) nodeId: string;
  @ApiProperty() transactionId: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty() host: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The vhost serving this host when the event arrived' }) vhostId: string | null;
  @ApiProperty() clientIp: string;
  @ApiProperty() method: string;
  @ApiProperty({ description: 'The path as received, without the query' }) path: string;
  @ApiProperty({ description: 'The query, secret-named arguments masked' }) query: string;
  @ApiProperty({ type: 'integer' }) status: number;
  @ApiProperty({ enum: EVENT_ACTIONS }) action: string;
  @ApiProperty() engine: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) headers: Record<string, string>;
  @ApiProperty({ type: [RuleMatchView] }) matches: RuleMatchView[];
}

class RuleCount {
  @ApiProperty({ type: 'integer' }) ruleId: number;
  @ApiProperty() message: string;
  @ApiProperty({ type: 'integer', description: 'Events that matched it' }) events: number;
}

class VariableCount {
  @ApiProperty({ type: 'integer' }) ruleId: number;
  @ApiProperty({ example: 'ARGS:comment' }) variable: string;
  @ApiProperty({ type: 'integer' }) events: number;
}

class PathCount {
  @ApiProperty() host: string;
  @ApiProperty() path: string;
  @ApiProperty({ type: 'integer' }) events: number;
}

class HourCount {
  @ApiProperty({ format: 'date-time', description: 'Start of the hour (UTC)' }) hour: string;
  @ApiProperty({ type: 'integer' }) blocked: number;
  @ApiProperty({ type: 'integer' }) detected: number;
}

export class SecurityEventSummary {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: [RuleCount], description: 'The 10 rules most events matched (scoring rules left out)' }) topRules: RuleCount[];
  @ApiProperty({ type: [VariableCount], description: 'Per top rule, which variables it matched' }) ruleVariables: VariableCount[];
  @ApiProperty({ type: [PathCount], description: 'The 10 paths with most events' }) topPaths: PathCount[];
  @ApiProperty({ type: [HourCount], description: 'Events per hour, oldest first' }) timeline: HourCount[];
}

export class ProposalBody {
  @ApiProperty({ type: [String], minItems: 1, maxItems: 100, description: 'Events of one vhost' })
  @Rules(
    Required(),
    List(1, 100),
    Rule('uuids', (ids) => ((ids as unknown[]).every((id) => typeof id === 'string' && UUID.test(id)) ? undefined : 'must be event ids')),
  )
  eventIds: string[];
  @ApiPropertyOptional({ description: 'Propose exclusions of protected (scoring, initialisation) rules too: Admin only' })
  @Absentable()
  @Bool()
  force?: boolean;
}

class ProposedVariable {
  @ApiProperty({ example: 'ARGS' }) collection: string;
  @ApiProperty({ type: String, nullable: true, example: 'comment' }) key: string | null;
}

/** The body to POST to the policy's exclusions, as proposed. */
export class ProposedExclusionBody {
  @ApiProperty({ type: 'integer' }) ruleId: number;
  @ApiProperty({ type: ProposedVariable }) variable: ProposedVariable;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) vhostId: string | null;
  @ApiProperty({ type: String, nullable: true }) path: string | null;
  @ApiProperty() comment: string;
  @ApiPropertyOptional({ description: 'Present (true) when the target is protected and an Admin asked to force it' }) force?: boolean;
}

class ProposedExclusion {
  @ApiProperty({ type: ProposedExclusionBody, description: 'POST it to /policies/{policyId}/exclusions' }) body: ProposedExclusionBody;
  @ApiProperty({ description: 'What the engine would stop inspecting, and what it still inspects' }) explanation: string;
  @ApiProperty({ type: 'integer', description: 'Selected events it would have let through this match' }) events: number;
  @ApiProperty({ description: 'The policy already holds this exclusion' }) exists: boolean;
  @ApiProperty() protected: boolean;
}

class SkippedMatch {
  @ApiProperty({ type: 'integer' }) ruleId: number;
  @ApiProperty({ type: String, nullable: true }) variable: string | null;
  @ApiProperty() reason: string;
}

class BundlePreview {
  @ApiProperty() domain: string;
  @ApiProperty({ description: "The vhost's bundle as it renders now" }) before: string;
  @ApiProperty({ description: 'The bundle with the proposed exclusions' }) after: string;
}

export class ProposalView {
  @ApiProperty({ format: 'uuid' }) vhostId: string;
  @ApiProperty() domain: string;
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty() policyName: string;
  @ApiProperty({ description: "The policy's ETag: send it as If-Match with the first exclusion" }) policyEtag: string;
  @ApiProperty({ type: [ProposedExclusion] }) exclusions: ProposedExclusion[];
  @ApiProperty({ type: [SkippedMatch], description: 'Matches no exclusion is proposed for, and why' }) skipped: SkippedMatch[];
  @ApiProperty({ type: BundlePreview }) preview: BundlePreview;
}
