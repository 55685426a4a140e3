export * from './crs-version';
