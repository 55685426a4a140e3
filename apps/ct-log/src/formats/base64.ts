/** RFC 4648 §4 base64, decoded strictly: anything Buffer.from would silently accept is refused. */
const STRICT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes, or undefined when the text is not canonical base64. */
export function decodeBase64Strict(text: unknown): Buffer | undefined {
  if (typeof text !== 'string' || !STRICT.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  // Non-zero pad bits decode to the same bytes as zero ones: re-encoding exposes them.
  return bytes.toString('base64') === text ? bytes : undefined;
}

export function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
