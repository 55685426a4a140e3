/**
 * Redaction of credentials in anything that may reach a log line, an error message or an
 * audit entry. Every place that prints a URL, a config object or an error goes through here.
 */

const SECRET_QUERY_KEYS = /^(password|passwd|pwd|token|access_token|accesstoken|secret|sslpassword|client_secret|api_key|apikey|sig)$/i;

/** `scheme://user:secret@host` -> `scheme://user:***@host`, secret query parameters -> `***`. */
export function redactUrl(url: string): string {
  return redactQuery(redactUserinfo(url));
}

/** Also handles what is not a valid URL at all (`://u:pw@h`, `u:pw@h/db`): those must not leak either. */
function redactUserinfo(url: string): string {
  const slashes = url.indexOf('//');
  const start = slashes >= 0 ? slashes + 2 : 0;
  const authorityEnd = url.slice(start).search(/[/?#\s]/);
  const end = authorityEnd < 0 ? url.length : start + authorityEnd;
  const at = url.lastIndexOf('@', end - 1);
  if (at < start) return url;
  const colon = url.indexOf(':', start);
  if (colon < 0 || colon > at) return url;
  return `${url.slice(0, colon)}:***${url.slice(at)}`;
}

function redactQuery(url: string): string {
  return url.replace(/([?&])([^=&#\s]+)=([^&#\s]*)/g, (m, sep: string, key: string) => (SECRET_QUERY_KEYS.test(key) ? `${sep}${key}=***` : m));
}

const URL_WITH_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:[^\s@/]*@[^\s'"]*/gi;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const PASSWORD_ASSIGNMENT = /\b([a-z_]*(?:password|passwd|pwd|secret|token|api_?key))(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/gi;

/** Redacts credentials found anywhere inside free text (error messages, driver output). */
export function redactText(text: string): string {
  return text
    .replace(URL_WITH_CREDENTIALS, (url) => redactUrl(url))
    .replace(BEARER, '$1 ***')
    .replace(JWT, '***')
    .replace(PASSWORD_ASSIGNMENT, (_m, key: string, sep: string) => `${key}${sep}***`);
}
