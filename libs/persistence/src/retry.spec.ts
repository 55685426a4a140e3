import { backoffDelay, withRetry } from './retry';
import { isTransientError } from './transient';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const wrapped = (driverError: unknown) => Object.assign(new Error('QueryFailedError'), { driverError });

describe('transient classification', () => {
  it.each([
    ['serialization failure', pgError('40001')],
    ['deadlock', pgError('40P01')],
    ['connection failure', pgError('08006')],
    ['connection does not exist', pgError('08003')],
    ['admin shutdown', pgError('57P01')],
    ['cannot connect now', pgError('57P03')],
    ['too many connections', pgError('53300')],
    ['network reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['terminated', new Error('Connection terminated unexpectedly')],
    ['SQLite busy', Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' })],
    ['SQLite locked', Object.assign(new Error('SQLITE_LOCKED'), { code: 'SQLITE_LOCKED' })],
    ['wrapped by TypeORM', wrapped(pgError('40001'))],
    ['as a cause', new Error('outer', { cause: pgError('40P01') })],
  ])('retries %s', (_name, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['unique violation', pgError('23505')],
    ['foreign key violation', pgError('23503')],
    ['check violation', pgError('23514')],
    ['not null violation', pgError('23502')],
    ['invalid text representation', pgError('22P02')],
    ['syntax error', pgError('42601')],
    ['insufficient privilege', pgError('42501')],
    ['SQLite constraint', Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE'), { code: 'SQLITE_CONSTRAINT' })],
    ['validation error', new Error('name must be a string')],
    ['non-error value', 'boom'],
    ['wrapped unique violation', wrapped(pgError('23505'))],
    // A timeout has spent its budget; running again would multiply the wait.
    ['statement timeout', pgError('57014')],
    ['pool wait timeout', new Error('timeout exceeded when trying to connect')],
    ['connect timeout', new Error('Connection terminated due to connection timeout')],
  ])('never retries %s', (_name, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});

describe('backoffDelay', () => {
  const options = { baseDelayMs: 20, maxDelayMs: 100 };

  it.each([
    [1, 10, 20],
    [2, 20, 40],
    [3, 40, 80],
    [4, 50, 100],
    [10, 50, 100],
  ])('attempt %i waits between %i and %i ms', (attempt, low, high) => {
    expect(backoffDelay(attempt, { ...options, random: () => 0 })).toBe(low);
    expect(backoffDelay(attempt, { ...options, random: () => 0.999999 })).toBeLessThanOrEqual(high);
    expect(backoffDelay(attempt, { ...options, random: () => 0.999999 })).toBeGreaterThan(high - 2);
  });

  it('stays inside its bounds for any random draw', () => {
    for (let i = 0; i < 1000; i++) {
      const delay = backoffDelay(3, options);
      expect(delay).toBeGreaterThanOrEqual(40);
      expect(delay).toBeLessThanOrEqual(80);
    }
  });
});

describe('withRetry', () => {
  const noSleep = { attempts: 3, baseDelayMs: 10, maxDelayMs: 100, sleep: jest.fn(async () => undefined) };

  it('runs the whole unit again after a transient fault, three attempts at most', async () => {
    const work = jest.fn(async () => {
      throw pgError('40001');
    });
    await expect(withRetry(work, noSleep)).rejects.toMatchObject({ code: '40001' });
    expect(work).toHaveBeenCalledTimes(3);
  });

  it('returns the first success', async () => {
    let calls = 0;
    const result = await withRetry(async (attempt) => {
      calls++;
      if (attempt < 2) throw pgError('40P01');
      return 'done';
    }, noSleep);
    expect(result).toBe('done');
    expect(calls).toBe(2);
  });

  it('never retries a constraint error', async () => {
    const work = jest.fn(async () => {
      throw pgError('23505');
    });
    await expect(withRetry(work, noSleep)).rejects.toMatchObject({ code: '23505' });
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('waits the backoff between attempts', async () => {
    const sleep = jest.fn(async () => undefined);
    await expect(
      withRetry(
        async () => {
          throw pgError('08006');
        },
        { attempts: 3, baseDelayMs: 10, maxDelayMs: 100, random: () => 0, sleep },
      ),
    ).rejects.toBeDefined();
    expect(sleep.mock.calls).toEqual([[5], [10]]);
  });
});
