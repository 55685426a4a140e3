/**
 * One table of exit codes for every CLI of the suite (migrate, data-copy, ctlog, token,
 * crs:catalogue, bench, the build), so a number means the same thing in every script that
 * calls them. 78 is sysexits' EX_CONFIG, which the services use too.
 */
export const CLI_EXIT = {
  ok: 0,
  /** An unexpected failure: the message says what. */
  failed: 1,
  /** Bad arguments: the usage text follows. */
  usage: 2,
  /** It ran and found problems: changed checksums, digest mismatches, a log that does not verify. */
  problems: 3,
  /** A database or server could not be reached. */
  unreachable: 4,
  /** The target is not ready for it: not migrated like the source, or another process holds the migration lock. */
  notReady: 5,
  /** A migration failed part-way: the ones before it stay applied, the rest did not run. */
  partial: 6,
  /** A pending migration is numbered below an applied one. */
  outOfOrder: 7,
  /** The environment is misconfigured (a variable's value, NODE_ENV=production for dev tools). */
  configuration: 78,
} as const;
