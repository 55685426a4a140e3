/**
 * Redaction of credentials in anything that may reach a log line, an error message or an
 * audit entry. Every place that prints a URL, a config object or an error goes through here.
 */

const SECRET_QUERY_KEYS = /^(password|passwd|pwd|token|access_token|accesstoken|secret|sslpassword|client_secret|sig)$/i;

/** `scheme://user:secret@host` -> `scheme://user:***@host`, secret query parameters -> `***`. */
export function redactUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)([^:@/?#\s]*):([^@/?#\s]*)@/i, (_m, scheme: string, user: string) => `${scheme}${user}:***@`)
    .replace(/([?&])([^=&#\s]+)=([^&#\s]*)/g, (m, sep: string, key: string) =>
      SECRET_QUERY_KEYS.test(key) ? `${sep}${key}=***` : m,
    );
}

const URL_WITH_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:[^\s@/]*@[^\s'"]*/gi;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const PASSWORD_ASSIGNMENT = /\b(password|passwd|pwd|secret|token)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/gi;

/** Redacts credentials found anywhere inside free text (error messages, driver output). */
export function redactText(text: string): string {
  return text
    .replace(URL_WITH_CREDENTIALS, (url) => redactUrl(url))
    .replace(BEARER, '$1 ***')
    .replace(JWT, '***')
    .replace(PASSWORD_ASSIGNMENT, (_m, key: string, sep: string) => `${key}${sep}***`);
}
