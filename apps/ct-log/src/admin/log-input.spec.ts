import { ValidationProblemException } from '@lib/platform';
import { checkNewLog } from './log-input';

const errors = (body: unknown) => {
  try {
    checkNewLog(body);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationProblemException)) throw error;
    return error.errors.map(({ path, message }) => `${path}: ${message}`);
  }
};

describe('checkNewLog', () => {
  it('names every bad field, nested configuration entries included', () => {
    expect(
      errors({
        name: 'Bad_Name',
        kind: 'events',
        key: 'generate',
        roots: [],
        not_after_start: '2027-01-01T00:00:00Z',
        config: { pool_size: 0, retry_after_s: [90, 'x'], colour: 1 },
      }),
    ).toEqual([
      'name: must be lowercase letters, digits and inner hyphens (1–63)',
      'not_after_limit: must be an ISO-8601 date-time with an offset',
      'roots: events logs take no roots',
      'config.colour: is not an accepted property',
      'config.pool_size: must be between 1 and 100000',
      'config.retry_after_s[1]: must be an integer',
    ]);
  });

  it('refuses a shard window that ends before it starts and an inverted retry range', () => {
    expect(
      errors({
        name: 'a',
        kind: 'rfc6962',
        key: 'generate',
        not_after_start: '2027-01-01T00:00:00Z',
        not_after_limit: '2026-01-01T00:00:00Z',
        config: { retry_after_s: [90, 30] },
      }),
    ).toEqual(['not_after_limit: must be later than not_after_start', 'config.retry_after_s: must be [min, max] with min ≤ max']);
  });

  it('applies defaults', () => {
    expect(checkNewLog({ name: 'a', kind: 'events', key: 'generate' })).toMatchObject({
      description: '',
      notAfterStart: null,
      notAfterLimit: null,
      readOnlyGraceS: 604_800,
      roots: [],
      config: {},
    });
  });
});
