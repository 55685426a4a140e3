import { InvalidMigrationNameError } from './migration-errors';

export type MigrationCategory = 'startup' | 'release' | 'seed' | 'data';
export const CATEGORIES: readonly MigrationCategory[] = ['startup', 'release', 'seed', 'data'];

export interface MigrationName {
  readonly name: string;
  readonly category: MigrationCategory;
  /** Order inside the category. */
  readonly sequence: number;
  readonly description: string;
}

const PATTERN = /^(?:(?<numeric>\d{3})|S(?<seed>\d{3})|DM(?<data>\d{3}))_(?<description>[a-z][a-z0-9]*(?:_[a-z0-9]+)*)$/;

/**
 * `001`-`099` startup, `100`-`199` release, `S001`-`S999` seed, `DM001`-`DM999` data, then `_` and
 * a lowercase description. Anything else is rejected with the reason.
 */
export function parseMigrationName(raw: unknown): MigrationName {
  if (typeof raw !== 'string') throw new InvalidMigrationNameError(raw, 'a migration needs a name');
  if (raw.trim() === '') throw new InvalidMigrationNameError(raw, 'the name is empty');
  const match = PATTERN.exec(raw);
  if (!match?.groups) throw new InvalidMigrationNameError(raw, explain(raw));
  const { numeric, seed, data, description } = match.groups;
  if (numeric !== undefined) {
    const sequence = Number(numeric);
    if (sequence === 0) throw new InvalidMigrationNameError(raw, '000 is not a migration number; startup starts at 001');
    if (sequence >= 200) throw new InvalidMigrationNameError(raw, 'numeric prefixes stop at 199 (001-099 startup, 100-199 release)');
    return { name: raw, category: sequence < 100 ? 'startup' : 'release', sequence, description };
  }
  const sequence = Number(seed ?? data);
  if (sequence === 0) throw new InvalidMigrationNameError(raw, 'seed and data migrations start at 001');
  return { name: raw, category: seed !== undefined ? 'seed' : 'data', sequence, description };
}

function explain(raw: string): string {
  if (/^V\d+__/.test(raw)) return 'Flyway-style names are not used here; write 001_description';
  if (/^\d{8,}/.test(raw)) return 'timestamps are not migration numbers; write 001_description';
  if (/^\d{4,}_/.test(raw)) return 'the prefix has more than three digits';
  if (/^\d{1,2}_/.test(raw)) return 'the prefix needs exactly three digits (001, not 1 or 01)';
  if (/^(\d{3}|S\d{3}|DM\d{3})_/.test(raw)) return 'the description must be lowercase letters, digits and single underscores';
  if (/^(S|DM)\d*_/.test(raw)) return 'seed and data prefixes need three digits (S001, DM001)';
  return 'expected 001-099 (startup), 100-199 (release), S001-S999 (seed) or DM001-DM999 (data), then _description';
}
