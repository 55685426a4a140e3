/** A vhost as the deployment describes it (`vhosts/<dir>/vhost.json`). */
export interface VhostDescriptor {
  readonly domain: string;
  readonly backends: ReadonlyArray<{ readonly url: string; readonly weight: number }>;
  readonly tls: {
    readonly mode: 'off' | 'terminate';
    readonly certificateRef: string | null;
    readonly minVersion: '1.2' | '1.3';
    readonly redirectHttp: boolean;
  };
}

export interface SiteOptions {
  /** Where the vhost's bundle is: its `modsecurity_rules_file`. */
  readonly bundlePath: string;
  /** The agent's audit-log rules, loaded before the bundle in every server. */
  readonly auditRulesPath: string;
  readonly upstream: string;
  readonly httpListen: string;
  readonly httpsListen: string;
  readonly tlsDir: string;
}

export class SiteError extends Error {}

/**
 * The nginx configuration of one vhost: its backends as an upstream, and a server that runs every
 * request through the vhost's bundle before proxying it. The names come from the panel, which has
 * already validated them (DNS names, http(s)://host[:port] backends, secret names).
 */
export function renderSite(vhost: VhostDescriptor, options: SiteOptions): string {
  const urls = vhost.backends.map((backend) => ({ url: new URL(backend.url), weight: backend.weight }));
  const schemes = new Set(urls.map(({ url }) => url.protocol));
  if (schemes.size !== 1) throw new SiteError(`${vhost.domain}: its backends mix http and https; nginx proxies one upstream with one scheme`);
  const scheme = urls[0].url.protocol.slice(0, -1);
  const upstream = [
    `upstream ${options.upstream} {`,
    ...urls.map(({ url, weight }) => `  server ${url.hostname}:${url.port || (scheme === 'https' ? '443' : '80')} weight=${weight};`),
    '}',
  ];
  const waf = [
    `  server_name ${vhost.domain};`,
    '  modsecurity on;',
    `  modsecurity_rules_file ${options.auditRulesPath};`,
    `  modsecurity_rules_file ${options.bundlePath};`,
    '  location / {',
    `    proxy_pass ${scheme}://${options.upstream};`,
    '    proxy_set_header Host $host;',
    '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '    proxy_set_header X-Forwarded-Proto $scheme;',
    '  }',
  ];
  if (vhost.tls.mode !== 'terminate') return [...upstream, 'server {', `  listen ${options.httpListen};`, ...waf, '}', ''].join('\n');
  const certificate = `${options.tlsDir}/${vhost.tls.certificateRef}`;
  const tls = [
    'server {',
    `  listen ${options.httpsListen} ssl;`,
    ...(vhost.tls.redirectHttp ? [] : [`  listen ${options.httpListen};`]),
    `  ssl_certificate ${certificate}/tls.crt;`,
    `  ssl_certificate_key ${certificate}/tls.key;`,
    `  ssl_protocols ${vhost.tls.minVersion === '1.3' ? 'TLSv1.3' : 'TLSv1.2 TLSv1.3'};`,
    ...waf,
    '}',
  ];
  const redirect = vhost.tls.redirectHttp
    ? ['server {', `  listen ${options.httpListen};`, `  server_name ${vhost.domain};`, '  return 301 https://$host$request_uri;', '}']
    : [];
  return [...upstream, ...tls, ...redirect, ''].join('\n');
}

/**
 * The agent's rules for every server: the engine's JSON audit log, one line per transaction that
 * matched a rule (or ended in a server error), with the request headers (part B) and the rule
 * messages (part H); bodies (part C) are never logged.
 */
export function auditRules(auditLog: string): string {
  return [
    'SecAuditEngine RelevantOnly',
    'SecAuditLogRelevantStatus "^5"',
    'SecAuditLogParts ABHZ',
    'SecAuditLogFormat JSON',
    'SecAuditLogType Serial',
    `SecAuditLog ${auditLog}`,
    '',
  ].join('\n');
}
