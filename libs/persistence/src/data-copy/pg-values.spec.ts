import { types } from 'pg';
import { utcInstant } from './pg-values';
import { normaliseValue } from './row-values';

const viaDate = (text: string) => normaliseValue(types.getTypeParser(1184, 'text')(text), 'timestamp');

describe('timestamptz text to the canonical instant', () => {
  it.each([
    ['2026-03-01 10:00:00+00', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01 10:00:00.5+00', '2026-03-01T10:00:00.500Z'],
    ['2026-03-01 10:00:00.545+00', '2026-03-01T10:00:00.545Z'],
    ['0099-12-31 23:59:59.999+00', '0099-12-31T23:59:59.999Z'],
  ])('reads %s as %s, as the Date path does', (text, canonical) => {
    expect(utcInstant(text)).toBe(canonical);
    expect(viaDate(text)).toBe(canonical);
  });

  it('drops digits past the millisecond, never rounds them up', () => {
    expect(utcInstant('2026-03-01 10:00:00.999999+00')).toBe('2026-03-01T10:00:00.999Z');
  });

  it('leaves any other form to pg, which still gives the right instant', () => {
    expect(normaliseValue(utcInstant('2026-03-01 12:00:00+02'), 'timestamp')).toBe('2026-03-01T10:00:00.000Z');
    expect(utcInstant('2026-03-01 10:00:00+00 BC')).toBeInstanceOf(Date);
  });
});
