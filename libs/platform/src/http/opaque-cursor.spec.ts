import { decodeCursor, encodeCursor } from './opaque-cursor';

describe('opaque cursors', () => {
  it('round-trip what a list needs to resume, as URL-safe text', () => {
    const cursor = encodeCursor({ f: { type: 'server' }, a: ['b/c+d', 7] });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ f: { type: 'server' }, a: ['b/c+d', 7] });
  });

  it('decode text they did not make to undefined', () => {
    expect(decodeCursor('%%%')).toBeUndefined();
    expect(decodeCursor(Buffer.from('{not json', 'utf8').toString('base64url'))).toBeUndefined();
  });
});
