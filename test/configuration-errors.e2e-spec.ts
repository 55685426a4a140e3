/**
 * The README promises that a bad configuration value stops the boot with exit 78 and a message
 * naming the variable. Every variable of its configuration table is tried with a bad value (or
 * listed below with why no value of it is wrong), so a new row cannot skip the promise.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@lib/persistence';
import { createService, type ServiceDefinition } from '@lib/platform';
import { CtLogService } from '../apps/ct-log/src/ct-log.service-definition';
import { PortalService } from '../apps/portal/src/portal.service-definition';
import { WafPanelService } from '../apps/waf-panel/src/waf-panel.service-definition';
import { ConsoleService } from '../apps/console/src/console.service-definition';
import { WafNodeService } from '../apps/waf-node/src/waf-node.service-definition';
import { built, repositoryRoot } from './harness/built';
import { run } from './harness/child-process';
import { freePort } from './harness/free-port';

const SERVICES: Record<string, ServiceDefinition> = {
  portal: PortalService,
  'waf-panel': WafPanelService,
  'ct-log': CtLogService,
  console: ConsoleService,
  'waf-node': WafNodeService,
};
/** The console serves its built app: every console case but the one about it points at the build. */
const consoleBuild = () => ({ CONSOLE_ASSETS_DIR: built('console-web') });
const consoleOidc = { AUTH_MODE: 'oidc', AUTH_ISSUER: 'https://login.example.com/', AUTH_AUDIENCE: 'api://console' };

/** The node agent needs its panel and its token; every waf-node case but the one about them has both. */
const nodeToken = join(mkdtempSync(join(tmpdir(), 'node-token-')), 'token');
writeFileSync(nodeToken, 'a token');
const node = (extra: Record<string, string> = {}) => ({ WAF_PANEL_URL: 'http://127.0.0.1:3001', WAF_NODE_TOKEN_FILE: nodeToken, ...extra });

/** A value each variable refuses, and the service that reads it (the platform's: any). */
const BAD: Record<string, [service: string, value: string, extra?: Record<string, string>]> = {
  DATABASE_URL: ['portal', 'mysql://db.example.com/portal'],
  POSTGRES_USE_MANAGED_IDENTITY: ['portal', 'perhaps'],
  DATABASE_TOKEN_REFRESH_MARGIN_SECONDS: ['portal', '-5'],
  MIGRATION_DATABASE_URL: ['portal', 'mysql://db.example.com/portal'],
  MIGRATIONS_PENDING_RELEASE: ['portal', 'ignore'],
  MIGRATIONS_LOCK_TIMEOUT_MS: ['portal', 'soon'],
  MIGRATIONS_ALLOW_OUT_OF_ORDER: ['portal', 'sometimes'],
  MIGRATIONS_RUN_DATA: ['portal', 'later'],
  DATABASE_POOL_SIZE: ['portal', '0'],
  DATABASE_POOL_TIMEOUT_MS: ['portal', '5s'],
  DATABASE_STATEMENT_TIMEOUT_MS: ['portal', '-1'],
  AUTH_MODE: ['portal', 'none'],
  AUTH_ISSUER: ['portal', 'not a url', { AUTH_MODE: 'oidc', AUTH_AUDIENCE: 'api://portal' }],
  AUTH_AUDIENCE: ['portal', '', { AUTH_MODE: 'oidc', AUTH_ISSUER: 'https://login.example.com/' }],
  AUTH_JWKS_URL: ['portal', 'not a url', { AUTH_MODE: 'oidc', AUTH_ISSUER: 'https://login.example.com/', AUTH_AUDIENCE: 'api://portal' }],
  AUTH_ALGORITHMS: ['portal', 'HS256'],
  AUTH_CLOCK_TOLERANCE_SECONDS: ['portal', 'a while'],
  METRICS_PUBLIC: ['portal', 'mostly'],
  PORT: ['portal', '70000'],
  BODY_LIMIT_BYTES: ['portal', '1MB'],
  REQUEST_TIMEOUT_MS: ['portal', '0'],
  API_DOCS: ['portal', 'sure'],
  TRUST_PROXY_HOPS: ['portal', '-1'],
  LOG_LEVEL: ['portal', 'verbose'],
  SHUTDOWN_DRAIN_MS: ['portal', '30000'],
  SHUTDOWN_TIMEOUT_MS: ['portal', 'never'],
  NODE_ENV: ['portal', 'production', { AUTH_MODE: 'dev' }],
  DEMO_DATA: ['portal', 'plenty'],
  DEMO_TENANT_IDS: ['portal', 'not-a-uuid', { DEMO_DATA: 'true' }],
  CORS_ORIGINS: ['portal', 'example.com'],
  ACCESS_EXPIRY_SWEEP_SECONDS: ['portal', 'hourly'],
  PORTAL_RATE_LIMIT_WRITES_PER_MINUTE: ['portal', 'lots'],
  WAF_RATE_LIMIT_WRITES_PER_MINUTE: ['waf-panel', '0'],
  CTLOG_RATE_LIMIT_WRITES_PER_MINUTE: ['ct-log', '0'],
  WAF_CRS_INCLUDE: ['waf-panel', '/rules/*.conf; rm -rf /'],
  WAF_CRS_VERSION: ['waf-panel', 'latest'],
  WAF_CRS_CATALOGUE: ['waf-panel', '/no/such/catalogue.json'],
  WAF_ENGINE_CHECK_CMD: ['waf-panel', '/no/such/engine-check'],
  CTLOG_PUBLIC_BASE_URL: ['ct-log', 'ct.example.com'],
  CTLOG_KEY_DIR: ['ct-log', '/no/such/key/directory', { AUTH_MODE: 'oidc', AUTH_ISSUER: 'https://login.example.com/', AUTH_AUDIENCE: 'api://ct' }],
  CTLOG_STARTUP_REHASH: ['ct-log', 'maybe'],
  CTLOG_STARTUP_VERIFY: ['ct-log', 'thorough'],
  CTLOG_OPEN_SUBMISSIONS_PER_MINUTE: ['ct-log', 'many'],
  OTEL_EXPORTER_OTLP_ENDPOINT: ['portal', 'collector:4318'],
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: ['portal', 'collector:4318'],
  OTEL_TRACES_EXPORTER: ['portal', 'jaeger'],
  OTEL_TRACES_SAMPLER: ['portal', 'sometimes'],
  OTEL_TRACES_SAMPLER_ARG: ['portal', '2', { OTEL_TRACES_SAMPLER: 'traceidratio' }],
  OTEL_SDK_DISABLED: ['portal', 'maybe'],
  PORTAL_URL: ['console', 'portal:3000', consoleBuild()],
  WAF_PANEL_URL: ['console', 'ftp://waf-panel', consoleBuild()],
  CT_LOG_URL: ['console', 'not a url', consoleBuild()],
  CONSOLE_SESSION_SECRET: ['console', 'too short', consoleBuild()],
  CONSOLE_ASSETS_DIR: ['console', '/no/such/console/build'],
  CONSOLE_PUBLIC_URL: ['console', 'console.example.com', { ...consoleBuild(), ...consoleOidc, CONSOLE_OIDC_CLIENT_ID: 'console' }],
  CONSOLE_OIDC_CLIENT_ID: ['console', '', { ...consoleBuild(), ...consoleOidc, CONSOLE_PUBLIC_URL: 'https://console.example.com' }],
  WAF_EVENT_RETENTION_DAYS: ['waf-panel', 'forever'],
  WAF_NODE_TOKEN_FILE: ['waf-node', '/no/such/token', node()],
  WAF_NODE_STATE_DIR: ['waf-node', 'state', node()],
  WAF_NODE_NGINX_BIN: ['waf-node', '/no/such/nginx', node()],
  WAF_NODE_NGINX_CONF: ['waf-node', 'nginx.conf', node()],
  WAF_NODE_AUDIT_LOG: ['waf-node', 'audit.json', node()],
  WAF_NODE_TLS_DIR: ['waf-node', 'tls', node()],
  WAF_NODE_HTTP_LISTEN: ['waf-node', 'everywhere', node()],
  WAF_NODE_HTTPS_LISTEN: ['waf-node', 'port 443', node()],
  WAF_NODE_PULL_INTERVAL_MS: ['waf-node', '10s', node()],
  WAF_NODE_SHIP_INTERVAL_MS: ['waf-node', '0', node()],
  WAF_NODE_EVENT_BUFFER: ['waf-node', 'big', node()],
  CTLOG_TEST_HOOKS: ['ct-log', 'true', { NODE_ENV: 'production', AUTH_MODE: 'oidc', AUTH_ISSUER: 'https://login.example.com/', AUTH_AUDIENCE: 'api://ct' }],
};

/** Variables no value of which is wrong for the service itself, and why. */
const ANY_VALUE: Record<string, string> = {
  AZURE_CLIENT_ID: 'an opaque id the Azure SDK sends to the identity endpoint',
  AUTH_CLAIM_TENANT: 'a claim name',
  AUTH_CLAIM_ROLES: 'a claim name',
  AUTH_CLAIM_EMAIL: 'a claim name',
  AUTH_DEV_KEY_DIR: 'a directory dev mode creates',
  HOST: 'an address the listen call resolves',
  PORTAL_PORT: 'read by `npm start` only (the launcher), checked like PORT',
  WAF_PANEL_PORT: 'read by `npm start` only (the launcher), checked like PORT',
  CT_LOG_PORT: 'read by `npm start` only (the launcher), checked like PORT',
  CONSOLE_PORT: 'read by `npm start` only (the launcher), checked like PORT',
  CONSOLE_OIDC_CLIENT_SECRET: 'a secret the identity provider judges (a wrong one fails the sign-in, not the boot)',
  CONSOLE_OIDC_SCOPES: 'scopes the identity provider judges',
  SERVICE: "the container launcher's choice; an unknown one exits 78 (test/deploy/container-image)",
  TEST_DATABASE_URL: 'tests only',
  OTEL_SERVICE_NAME: 'a name for the spans',
};

const readmeVariables = (): string[] => {
  const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Layout'));
  return [
    ...new Set(
      table
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1])),
    ),
  ];
};

describe('a bad configuration value stops the boot naming its variable', () => {
  const directory = mkdtempSync(join(tmpdir(), 'config-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const base = { NODE_ENV: 'test', AUTH_MODE: 'dev', AUTH_DEV_KEY_DIR: directory, LOG_LEVEL: 'warn' };

  it('every variable of the README is tried or says why any value will do', () => {
    const variables = readmeVariables();
    expect(variables.length).toBeGreaterThan(40);
    expect(variables.filter((name) => !(name in BAD) && !(name in ANY_VALUE))).toEqual([]);
  });

  it.each(Object.entries(BAD))('%s', async (name, [service, value, extra]) => {
    const env = { ...base, DATABASE_URL: `sqlite:${directory}/${name}/`, ...extra, [name]: value };
    const outcome = await createService(SERVICES[service], { env }).then(
      async (created) => {
        await created.app.close();
        return 'booted';
      },
      (error: unknown) => (error instanceof ConfigurationError ? error.message : `not a configuration error: ${String(error)}`),
    );
    expect(outcome).toContain(name);
  });

  it('LOG_LEVEL=verbose: the process exits 78 naming LOG_LEVEL', async () => {
    const child = spawn(process.execPath, [built('apps/portal/src/main.js')], {
      env: { ...process.env, ...base, LOG_LEVEL: 'verbose', PORT: String(await freePort()), DATABASE_URL: `sqlite:${directory}/process/` },
    });
    const { code, output } = await run(child).finished;
    expect({ code, output }).toEqual({ code: 78, output: expect.stringContaining('LOG_LEVEL') });
  });
});
