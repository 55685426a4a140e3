import { createHash } from 'node:crypto';

/** Lowercase hex SHA-256 of a string's UTF-8 bytes: checksums, hash chains, ETags. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
