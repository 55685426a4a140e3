import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ConfigurationError } from './errors';

/** Typed readers of environment variables; a bad value is a ConfigurationError naming the variable. */

export function readBoolean(env: NodeJS.ProcessEnv, name: string, fallback = false): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new ConfigurationError(`${name}="${env[name]}" is not a boolean; use true or false.`);
}

export function readPositiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  if (!/^[1-9][0-9]*$/.test(value)) throw new ConfigurationError(`${name}="${value}" must be a positive whole number.`);
  return Number(value);
}

export function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const port = readPositiveInt(env, name, fallback);
  if (port > 65535) throw new ConfigurationError(`${name}="${port}" is not a TCP port (1-65535).`);
  return port;
}

export function readChoice<T extends string>(env: NodeJS.ProcessEnv, name: string, choices: readonly T[], fallback: T): T {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new ConfigurationError(`${name}="${value}" must be one of: ${choices.join(', ')}.`);
  return value as T;
}

/** A number, optionally whole and bounded below. */
export function readNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, rules: { integer?: boolean; min?: number } = {}): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || (rules.integer && !Number.isInteger(value)) || (rules.min !== undefined && value < rules.min)) {
    throw new ConfigurationError(
      `${name}="${raw}" must be ${rules.integer ? 'a whole number' : 'a number'}${rules.min !== undefined ? ` >= ${rules.min}` : ''}.`,
    );
  }
  return value;
}

/** A URL the process will fetch from: anything but http(s) fails the boot, not the first request. */
export function requireHttpUrl(name: string, value: string | undefined): void {
  if (value === undefined) return;
  if (!/^https?:$/.test(URL.parse(value)?.protocol ?? '')) throw new ConfigurationError(`${name}="${value}" must be an http(s) URL.`);
}

/** An executable a service runs (a path, or a name on PATH); one it cannot run fails the boot, not every use. */
export function readExecutable(env: NodeJS.ProcessEnv, name: string, fallback?: string): string | undefined {
  const command = env[name]?.trim() || fallback;
  if (!command) return undefined;
  const candidates = command.includes('/') ? [command] : (env.PATH ?? process.env.PATH ?? '').split(delimiter).map((directory) => join(directory, command));
  const runnable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  };
  if (!candidates.some(runnable)) throw new ConfigurationError(`${name}="${command}" is not an executable file (a path, or a name on PATH).`);
  return command;
}
