/**
 * Keyset pagination's cursor: whatever a list needs to resume (the last row's sort key, and for
 * some lists their filters) as JSON, base64url-encoded so clients treat it as opaque.
 */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** What `encodeCursor` encoded, or undefined for text it cannot have made; the list checks the shape. */
export function decodeCursor(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
