import { randomUUID } from 'node:crypto';
import { iso, json, numOrNull, type Sql, sql, toJson } from '@lib/persistence';
import type { WafTx } from '../common/waf-db';
import { PROTECTED_RULE_RANGES } from '../rules/rule-validation';
import type { EventRecord, MatchRecord } from './event-record';

/** Rows per multi-row INSERT: well inside SQLite's bound-parameter limit. */
const INSERT_CHUNK = 400;

export interface EventFilters {
  readonly vhostId?: string;
  readonly host?: string;
  readonly ruleId?: number;
  readonly path?: string;
  readonly clientIp?: string;
  readonly action?: string;
  readonly from?: string;
  readonly to?: string;
  /** Events older than this are past retention: never served, pruned as new ones arrive. */
  readonly notBefore: string;
}

export type StoredEvent = ReturnType<typeof eventFromRow> & { matches: MatchRecord[] };

function eventFromRow(row: Record<string, unknown>) {
  return {
    id: String(row.id),
    nodeId: String(row.node_id),
    transactionId: String(row.transaction_id),
    occurredAt: iso(row.occurred_at),
    receivedAt: iso(row.received_at),
    host: String(row.host),
    vhostId: (row.vhost_id as string | null) ?? null,
    clientIp: String(row.client_ip),
    method: String(row.method),
    path: String(row.path),
    query: String(row.query),
    status: Number(row.status),
    action: String(row.action),
    engine: String(row.engine),
    headers: json<Record<string, string>>(row.headers),
  };
}

function matchFromRow(row: Record<string, unknown>): MatchRecord & { eventId: string } {
  return {
    eventId: String(row.event_id),
    ruleId: Number(row.rule_id),
    message: String(row.message),
    collection: (row.collection as string | null) ?? null,
    key: (row.variable_key as string | null) ?? null,
    data: String(row.data),
    severity: numOrNull(row.severity),
    tags: json<string[]>(row.tags),
  };
}

async function insertChunked(tx: WafTx, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) await tx.run(sql.insertMany(table, rows.slice(start, start + INSERT_CHUNK)));
}

const wildcardOf = (host: string) => `*.${host.split('.').slice(1).join('.')}`;

/** The tenant's vhost for each Host header: the exact name, else the wildcard one level up (as nginx picks). */
export async function vhostResolver(tx: WafTx, hosts: readonly string[]): Promise<(host: string) => string | null> {
  const names = [...new Set(hosts.flatMap((host) => [host, wildcardOf(host)]))];
  const rows = await tx.rows<{ id: string; domain: string }>(sql`SELECT id, domain FROM waf.vhosts WHERE ${tx.tenant()} AND domain IN ${sql.list(names)}`);
  const byDomain = new Map(rows.map((row) => [String(row.domain), String(row.id)]));
  return (host) => byDomain.get(host) ?? byDomain.get(wildcardOf(host)) ?? null;
}

/** Stores the node's events once each (a re-sent transaction id is a duplicate), with their matches; the ones stored now. */
export async function insertEvents(tx: WafTx, nodeId: string, records: readonly EventRecord[]): Promise<EventRecord[]> {
  const vhostOf = await vhostResolver(
    tx,
    records.map((record) => record.host),
  );
  const ids = [...new Set(records.map((record) => record.transactionId))];
  const known = new Set(
    (
      await tx.rows<{ transaction_id: string }>(
        sql`SELECT transaction_id FROM waf.security_events WHERE ${tx.tenant()} AND node_id = ${nodeId} AND transaction_id IN ${sql.list(ids)}`,
      )
    ).map((row) => String(row.transaction_id)),
  );
  const fresh: Array<EventRecord & { id: string }> = [];
  for (const record of records) {
    if (known.has(record.transactionId)) continue;
    known.add(record.transactionId);
    fresh.push({ ...record, id: randomUUID() });
  }
  if (fresh.length > 0) {
    const receivedAt = tx.now.toISOString();
    await insertChunked(
      tx,
      'waf.security_events',
      fresh.map((event) => ({
        tenant_id: tx.tenantId,
        id: event.id,
        node_id: nodeId,
        transaction_id: event.transactionId,
        occurred_at: event.occurredAt,
        received_at: receivedAt,
        host: event.host,
        vhost_id: vhostOf(event.host),
        client_ip: event.clientIp,
        method: event.method,
        path: event.path,
        query: event.query,
        status: event.status,
        action: event.action,
        engine: event.engine,
        headers: toJson(event.headers),
      })),
    );
    await insertChunked(
      tx,
      'waf.security_event_matches',
      fresh.flatMap((event) =>
        event.matches.map((match, seq) => ({
          tenant_id: tx.tenantId,
          event_id: event.id,
          seq,
          rule_id: match.ruleId,
          message: match.message,
          collection: match.collection,
          variable_key: match.key,
          data: match.data,
          severity: match.severity,
          tags: toJson(match.tags),
        })),
      ),
    );
  }
  return fresh;
}

/** Deletes the tenant's events past retention (their matches first, on every backend). */
export async function pruneEvents(tx: WafTx, notBefore: string): Promise<void> {
  await tx.run(
    sql`DELETE FROM waf.security_event_matches WHERE ${tx.tenant()}
      AND event_id IN (SELECT id FROM waf.security_events WHERE ${tx.tenant()} AND occurred_at < ${notBefore})`,
  );
  await tx.run(sql`DELETE FROM waf.security_events WHERE ${tx.tenant()} AND occurred_at < ${notBefore}`);
}

function conditions(tx: WafTx, filters: EventFilters): Sql[] {
  const where: Sql[] = [sql`${tx.tenant('e')}`, sql`e.occurred_at >= ${filters.notBefore}`];
  if (filters.vhostId) where.push(sql`e.vhost_id = ${filters.vhostId}`);
  if (filters.host) where.push(sql`e.host = ${filters.host.toLowerCase()}`);
  if (filters.clientIp) where.push(sql`e.client_ip = ${filters.clientIp}`);
  if (filters.action) where.push(sql`e.action = ${filters.action}`);
  if (filters.from) where.push(sql`e.occurred_at >= ${filters.from}`);
  if (filters.to) where.push(sql`e.occurred_at < ${filters.to}`);
  if (filters.path) {
    const prefix = filters.path.replace(/\/+$/, '');
    where.push(sql`(e.path = ${prefix || '/'} OR e.path LIKE ${`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`} ESCAPE '\\')`);
  }
  if (filters.ruleId !== undefined) {
    where.push(sql`EXISTS (SELECT 1 FROM waf.security_event_matches m WHERE ${tx.tenant('m')} AND m.event_id = e.id AND m.rule_id = ${filters.ruleId})`);
  }
  return where;
}

async function withMatches(tx: WafTx, rows: Record<string, unknown>[]): Promise<StoredEvent[]> {
  const events = rows.map(eventFromRow);
  if (events.length === 0) return [];
  const matches = (
    await tx.rows<Record<string, unknown>>(
      sql`SELECT * FROM waf.security_event_matches WHERE ${tx.tenant()} AND event_id IN ${sql.list(events.map((event) => event.id))} ORDER BY event_id, seq`,
    )
  ).map(matchFromRow);
  const byEvent = new Map<string, MatchRecord[]>();
  for (const { eventId, ...match } of matches) {
    if (!byEvent.has(eventId)) byEvent.set(eventId, []);
    byEvent.get(eventId)!.push(match);
  }
  return events.map((event) => ({ ...event, matches: byEvent.get(event.id) ?? [] }));
}

/** Newest first, keyset-paged on (occurred_at, id). */
export async function searchEvents(tx: WafTx, filters: EventFilters, limit: number, after: readonly unknown[] | null): Promise<StoredEvent[]> {
  const where = conditions(tx, filters);
  if (after) where.push(sql`(e.occurred_at < ${String(after[0])} OR (e.occurred_at = ${String(after[0])} AND e.id < ${String(after[1])}))`);
  const rows = await tx.rows<Record<string, unknown>>(
    sql`SELECT e.* FROM waf.security_events e WHERE ${sql.and(where)} ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${limit}`,
  );
  return withMatches(tx, rows);
}

/** Events by id (those past retention are gone), in the order asked. */
export async function eventsById(tx: WafTx, ids: readonly string[], notBefore: string): Promise<StoredEvent[]> {
  const rows = await tx.rows<Record<string, unknown>>(
    sql`SELECT e.* FROM waf.security_events e WHERE ${tx.tenant('e')} AND e.occurred_at >= ${notBefore} AND e.id IN ${sql.list(ids)}`,
  );
  const events = await withMatches(tx, rows);
  return ids.map((id) => events.find((event) => event.id === id)).filter((event): event is StoredEvent => event !== undefined);
}

/** Scoring, initialisation and reporting rules match on every blocked request; triage leaves them out. */
const NOT_SCORING = sql`NOT (${sql.join(
  PROTECTED_RULE_RANGES.map(([first, last]) => sql`m.rule_id BETWEEN ${first} AND ${last}`),
  ' OR ',
)})`;

export async function summarizeEvents(tx: WafTx, filters: EventFilters) {
  const where = sql.and(conditions(tx, filters));
  const [total] = await tx.rows<{ n: unknown }>(sql`SELECT count(*) AS n FROM waf.security_events e WHERE ${where}`);
  const joined = sql`waf.security_event_matches m JOIN waf.security_events e ON e.tenant_id = m.tenant_id AND e.id = m.event_id`;
  const topRules = (
    await tx.rows<Record<string, unknown>>(
      sql`SELECT m.rule_id, min(m.message) AS message, count(DISTINCT m.event_id) AS events FROM ${joined}
        WHERE ${where} AND ${tx.tenant('m')} AND ${NOT_SCORING} GROUP BY m.rule_id ORDER BY events DESC, m.rule_id LIMIT 10`,
    )
  ).map((row) => ({ ruleId: Number(row.rule_id), message: String(row.message), events: Number(row.events) }));
  const ruleVariables =
    topRules.length === 0
      ? []
      : (
          await tx.rows<Record<string, unknown>>(
            sql`SELECT m.rule_id, m.collection, m.variable_key, count(DISTINCT m.event_id) AS events FROM ${joined}
              WHERE ${where} AND ${tx.tenant('m')} AND m.collection IS NOT NULL AND m.rule_id IN ${sql.list(topRules.map((rule) => rule.ruleId))}
              GROUP BY m.rule_id, m.collection, m.variable_key ORDER BY m.rule_id, events DESC, m.collection, m.variable_key`,
          )
        ).map((row) => ({
          ruleId: Number(row.rule_id),
          variable: row.variable_key === null ? String(row.collection) : `${String(row.collection)}:${String(row.variable_key)}`,
          events: Number(row.events),
        }));
  const topPaths = (
    await tx.rows<Record<string, unknown>>(
      sql`SELECT e.host, e.path, count(*) AS events FROM waf.security_events e WHERE ${where} GROUP BY e.host, e.path ORDER BY events DESC, e.host, e.path LIMIT 10`,
    )
  ).map((row) => ({ host: String(row.host), path: String(row.path), events: Number(row.events) }));
  const hour = tx.pg ? sql`date_trunc('hour', e.occurred_at)` : sql`substr(e.occurred_at, 1, 13)`;
  const buckets = await tx.rows<Record<string, unknown>>(
    sql`SELECT ${hour} AS hour, e.action, count(*) AS events FROM waf.security_events e WHERE ${where} GROUP BY ${hour}, e.action ORDER BY hour`,
  );
  const timeline = new Map<string, { hour: string; blocked: number; detected: number }>();
  for (const row of buckets) {
    const start = tx.pg ? iso(row.hour) : `${String(row.hour)}:00:00.000Z`;
    const entry = timeline.get(start) ?? { hour: start, blocked: 0, detected: 0 };
    entry[String(row.action) as 'blocked' | 'detected'] += Number(row.events);
    timeline.set(start, entry);
  }
  return { total: Number(total.n), topRules, ruleVariables, topPaths, timeline: [...timeline.values()] };
}
