/** Durability is not under test; speed is welcome. No Unix socket: TCP on loopback only. */
export const POSTGRES_TEST_FLAGS = [
  '-c',
  'fsync=off',
  '-c',
  'synchronous_commit=off',
  '-c',
  'full_page_writes=off',
  '-c',
  'max_connections=400',
  '-c',
  'unix_socket_directories=',
  '-c',
  'listen_addresses=127.0.0.1',
];
