export { SchemaDifferenceError, UnknownTableError } from './copy-catalog';
export { canonicalRow, rowDigest } from './row-digest';
export * from './copy-report';
export { MigrationMismatchError, runDataCopy, type DataCopyRequest } from './data-copy';
