import { accessSync, constants } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError, readExecutable, readPositiveInt, requireHttpUrl } from '@lib/persistence';
import { detectCrsVersion } from '@lib/waf';

/** The agent's settings; every bad value stops the boot (exit 78) naming its variable. */
export interface WafNodeConfig {
  readonly panelUrl: string;
  /** A file holding the node's WafNode token, read before every call so a rotated token is picked up. */
  readonly tokenFile: string;
  /** Releases, the `current` link nginx includes, and the agent's own files. */
  readonly stateDir: string;
  readonly nginxBinary: string;
  /** The nginx main configuration that includes `<stateDir>/current/servers/*.conf`. */
  readonly nginxConf: string;
  /** Where the engine writes its JSON audit log (the agent's rules set it) and the agent reads it. */
  readonly auditLog: string;
  /** The CRS the engine loads: its version is sent with every pull. */
  readonly crsVersion: string;
  /** Where TLS certificates are, one directory per vhost's certificateRef (tls.crt, tls.key). */
  readonly tlsDir: string;
  /** nginx `listen` values for plain HTTP and for TLS. */
  readonly httpListen: string;
  readonly httpsListen: string;
  readonly pullIntervalMs: number;
  readonly shipIntervalMs: number;
  /** Events held while the panel is unreachable; beyond it the oldest are dropped (and counted). */
  readonly eventBuffer: number;
}

const LISTEN = /^(?:[0-9.]+:|\[[0-9a-f:]+\]:)?\d{1,5}$/i;

function path(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback;
  if (!isAbsolute(value) && !value.startsWith('.')) throw new ConfigurationError(`${name}="${value}" must be a file system path.`);
  return resolve(value);
}

function listen(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback;
  if (!LISTEN.test(value)) throw new ConfigurationError(`${name}="${value}" must be an nginx listen address: a port, address:port or [v6]:port.`);
  return value;
}

export function readWafNodeConfig(env: NodeJS.ProcessEnv = process.env): WafNodeConfig {
  const panelUrl = env.WAF_PANEL_URL?.trim();
  if (!panelUrl) throw new ConfigurationError('WAF_PANEL_URL is required: the WAF panel this node pulls from, e.g. https://waf-panel.example.com');
  requireHttpUrl('WAF_PANEL_URL', panelUrl);
  const tokenFile = env.WAF_NODE_TOKEN_FILE?.trim();
  if (!tokenFile) throw new ConfigurationError('WAF_NODE_TOKEN_FILE is required: a file holding this node’s token (role WafNode, the tenant’s tid).');
  try {
    accessSync(tokenFile, constants.R_OK);
  } catch {
    throw new ConfigurationError(`WAF_NODE_TOKEN_FILE="${tokenFile}" cannot be read.`);
  }
  const include = env.WAF_CRS_INCLUDE?.trim() || '/usr/share/modsecurity-crs/rules/*.conf';
  let crsVersion: string | undefined;
  try {
    crsVersion = detectCrsVersion(include);
  } catch (error) {
    throw new ConfigurationError(`WAF_CRS_INCLUDE="${include}": ${(error as Error).message}`);
  }
  if (!crsVersion)
    throw new ConfigurationError(`WAF_CRS_INCLUDE="${include}" holds no OWASP CRS rule files: install the CRS, or point it at the rules nginx loads.`);
  return {
    panelUrl: panelUrl.replace(/\/+$/, ''),
    tokenFile: resolve(tokenFile),
    stateDir: path(env, 'WAF_NODE_STATE_DIR', '/var/lib/waf-node'),
    nginxBinary: readExecutable(env, 'WAF_NODE_NGINX_BIN', 'nginx')!,
    nginxConf: path(env, 'WAF_NODE_NGINX_CONF', '/etc/nginx/nginx.conf'),
    auditLog: path(env, 'WAF_NODE_AUDIT_LOG', '/var/log/nginx/modsec_audit.json'),
    crsVersion,
    tlsDir: path(env, 'WAF_NODE_TLS_DIR', '/etc/waf-node/tls'),
    httpListen: listen(env, 'WAF_NODE_HTTP_LISTEN', '80'),
    httpsListen: listen(env, 'WAF_NODE_HTTPS_LISTEN', '443'),
    pullIntervalMs: readPositiveInt(env, 'WAF_NODE_PULL_INTERVAL_MS', 10_000),
    shipIntervalMs: readPositiveInt(env, 'WAF_NODE_SHIP_INTERVAL_MS', 5_000),
    eventBuffer: readPositiveInt(env, 'WAF_NODE_EVENT_BUFFER', 10_000),
  };
}
