import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigurationError, requireHttpUrl } from '@lib/persistence';

/** The three services behind the console, by the path prefix the browser uses. */
export const UPSTREAMS = [
  { prefix: '/portal', variable: 'PORTAL_URL', fallback: 'http://127.0.0.1:3000' },
  { prefix: '/waf', variable: 'WAF_PANEL_URL', fallback: 'http://127.0.0.1:3001' },
  { prefix: '/ct', variable: 'CT_LOG_URL', fallback: 'http://127.0.0.1:3002' },
] as const;

export interface ConsoleConfig {
  readonly upstreams: ReadonlyArray<{ readonly prefix: string; readonly url: string }>;
  /** 32 bytes that seal the session cookie. */
  readonly sessionKey: Buffer;
  /** The built single-page app: index.html and assets/. */
  readonly assetsDir: string;
  /** The dev sign-in screen (AUTH_MODE=dev, never with NODE_ENV=production). */
  readonly devSignIn: boolean;
  /** The sign-in through the identity provider (AUTH_MODE=oidc): Authorization Code with PKCE. */
  readonly oidc?: OidcClientConfig;
}

export interface OidcClientConfig {
  readonly clientId: string;
  /** A confidential client authenticates with it (client_secret_basic); without it, a public client. */
  readonly clientSecret?: string;
  /** The console's external URL: the redirect URI is `<it>/session/oidc/callback`. */
  readonly publicUrl: string;
  readonly scopes: string;
}

export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');
const MIN_SECRET_CHARS = 32;

export function readConsoleConfig(env: NodeJS.ProcessEnv, authMode: 'dev' | 'oidc'): ConsoleConfig {
  const upstreams = UPSTREAMS.map(({ prefix, variable, fallback }) => {
    const url = env[variable]?.trim() || fallback;
    requireHttpUrl(variable, url);
    return { prefix, url: url.replace(/\/+$/, '') };
  });
  const secret = env.CONSOLE_SESSION_SECRET?.trim();
  if (!secret && env.NODE_ENV === 'production') {
    throw new ConfigurationError(
      `CONSOLE_SESSION_SECRET is required when NODE_ENV=production: set it to at least ${MIN_SECRET_CHARS} random characters, the same on every replica.`,
    );
  }
  if (secret !== undefined && secret.length < MIN_SECRET_CHARS) {
    throw new ConfigurationError(`CONSOLE_SESSION_SECRET must be at least ${MIN_SECRET_CHARS} characters (it seals the session cookie).`);
  }
  // Without a secret (local runs) sessions last as long as the process: each start signs everyone out.
  const sessionKey = secret ? deriveKey(secret) : randomBytes(32);
  const assetsDir = resolve(env.CONSOLE_ASSETS_DIR?.trim() || join(__dirname, '../../../console-web'));
  if (!existsSync(join(assetsDir, 'index.html'))) {
    throw new ConfigurationError(
      `CONSOLE_ASSETS_DIR (${assetsDir}) has no index.html: build the console with \`npm run build\`, or point it at the built files.`,
    );
  }
  return { upstreams, sessionKey, assetsDir, devSignIn: authMode === 'dev', oidc: authMode === 'oidc' ? readOidcClient(env) : undefined };
}

function readOidcClient(env: NodeJS.ProcessEnv): OidcClientConfig {
  const clientId = env.CONSOLE_OIDC_CLIENT_ID?.trim();
  const publicUrl = env.CONSOLE_PUBLIC_URL?.trim().replace(/\/+$/, '');
  if (!clientId) throw new ConfigurationError('CONSOLE_OIDC_CLIENT_ID is required with AUTH_MODE=oidc: the client id the console signs users in as.');
  if (!publicUrl) {
    throw new ConfigurationError(
      "CONSOLE_PUBLIC_URL is required with AUTH_MODE=oidc: the console's external URL (the redirect URI is <it>/session/oidc/callback).",
    );
  }
  requireHttpUrl('CONSOLE_PUBLIC_URL', publicUrl);
  return {
    clientId,
    clientSecret: env.CONSOLE_OIDC_CLIENT_SECRET?.trim() || undefined,
    publicUrl,
    scopes: env.CONSOLE_OIDC_SCOPES?.trim() || 'openid profile email',
  };
}

function deriveKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'control-plane-console', 'session-cookie', 32));
}
