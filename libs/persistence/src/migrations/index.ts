export * from './history';
export * from './migration-checksum';
export * from './migration-errors';
export * from './migration-name';
export * from './migration-registry';
export * from './migration-runner';
export * from './migration-types';
