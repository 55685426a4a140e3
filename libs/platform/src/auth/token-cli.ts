/**
 * `npm run token -- --tenant <uuid> --roles Admin`: prints a dev-mode bearer token signed with
 * the local key the services verify against when AUTH_MODE=dev.
 */
import { parseArgs } from 'node:util';
import { isTenantId } from '@lib/persistence';
import { readAuthConfig } from './auth-config';
import { loadDevSigningKey } from './dev-signing-key';
import { mintDevToken } from './dev-token';

const USAGE = `Usage: npm run token -- --tenant <uuid> [options]

Prints a bearer token for the services running with AUTH_MODE=dev (what npm start does).

Options:
  --tenant <uuid>      tenant the token is for (claim tid)            required
  --roles <a,b>        roles, comma-separated (claim roles)          default: none
  --email <address>    claim email
  --sub <id>           claim sub (alias: --subject)                   default: dev-user
  --domain <name>      claim domain (the portal's domain scoping)
  --team <name>        claim team (the portal's fallback when there is no domain)
  --claim <key=value>  any other claim, repeatable (e.g. domain=finance)
  --ttl <duration>     lifetime: 30m, 8h, 2d                          default: 8h
  -h, --help           this text

The token goes to stdout; stderr names the key file that signed it (AUTH_DEV_KEY_DIR, default ./data),\nand warns when there was none and a new one was made.\n\nExit codes: 0 token printed, 2 bad arguments, 78 refused by configuration (NODE_ENV=production).
Example: curl -H "Authorization: Bearer $(npm run -s token -- --tenant 11111111-1111-4111-8111-111111111111 --roles Admin)" localhost:3000/...`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parseTtl(value: string): string {
  if (!/^[1-9][0-9]*[smhd]$/.test(value)) fail(`--ttl "${value}" must look like 30m, 8h or 2d`, 2);
  return value;
}

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse().values;
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (process.env.NODE_ENV === 'production') fail('npm run token is for development: refused when NODE_ENV=production', 78);
  if (!isTenantId(values.tenant)) fail(`--tenant must be a UUID\n\n${USAGE}`, 2);
  const extra: Record<string, string> = {};
  if (values.domain) extra.domain = values.domain;
  if (values.team) extra.team = values.team;
  for (const pair of values.claim ?? []) {
    const [key, ...rest] = pair.split('=');
    if (!key || rest.length === 0) fail(`--claim "${pair}" must be key=value`, 2);
    extra[key] = rest.join('=');
  }
  const config = readAuthConfig({ ...process.env, AUTH_MODE: 'dev' });
  // Services verify dev tokens with the key under their own AUTH_DEV_KEY_DIR: say which one signed this.
  const key = await loadDevSigningKey(config.devKeyDirectory);
  if (key.created) {
    process.stderr.write(
      `WARNING: there was no dev key in ${config.devKeyDirectory}: a new one was created. Services started from another\n` +
        `directory (or with another AUTH_DEV_KEY_DIR) will refuse this token; run this from where you run npm start,\n` +
        `or set AUTH_DEV_KEY_DIR to the services' data directory.\n`,
    );
  } else process.stderr.write(`token: signed with the dev key ${key.path}\n`);
  const roles = (values.roles ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const token = await mintDevToken(
    { tenant: values.tenant, roles, email: values.email, subject: values.sub ?? values.subject, claims: extra, ttl: parseTtl(values.ttl ?? '8h') },
    config,
  );
  process.stdout.write(`${token}\n`);
}

function parse() {
  return parseArgs({
    options: {
      tenant: { type: 'string' },
      roles: { type: 'string' },
      email: { type: 'string' },
      subject: { type: 'string' },
      sub: { type: 'string' },
      domain: { type: 'string' },
      team: { type: 'string' },
      claim: { type: 'string', multiple: true },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
}

void main();
