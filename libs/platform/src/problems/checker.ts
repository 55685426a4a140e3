import { type FieldError, ValidationProblemException } from './problem-details';

export type Json = Record<string, unknown>;

/** U+0000–U+001F and U+007F, refused in every string unless a field says otherwise. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Collects every bad field of one request with its wire path, so a 422 names them all.
 * Messages describe the rule, never the value: input is not echoed.
 */
export class Checker {
  readonly errors: FieldError[] = [];

  constructor(private readonly location: FieldError['in'] = 'body') {}

  fail(path: string, message: string): undefined {
    this.errors.push({ in: this.location, path, message });
    return undefined;
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** Throws the 422 when anything failed. */
  done(): void {
    if (!this.ok) throw new ValidationProblemException(this.errors);
  }

  /** A JSON object with only `allowed` keys; every other key is named. */
  object(value: unknown, path: string, allowed: readonly string[]): Json | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return this.fail(path || 'body', 'must be an object');
    for (const key of Object.keys(value)) if (!allowed.includes(key)) this.fail(join(path, key), 'is not an accepted property');
    return value as Json;
  }

  string(value: unknown, path: string, rule: { min?: number; max: number; pattern?: RegExp; patternMessage?: string; controls?: boolean }): string | undefined {
    if (typeof value !== 'string') return this.fail(path, 'must be a string');
    if (!rule.controls && CONTROL.test(value)) return this.fail(path, 'must not contain control characters');
    const min = rule.min ?? 0;
    if (value.length < min || value.length > rule.max)
      return this.fail(path, min === rule.max ? `must be ${min} characters` : `must be ${min}–${rule.max} characters`);
    if (rule.pattern && !rule.pattern.test(value)) return this.fail(path, rule.patternMessage ?? `must match ${rule.pattern.source}`);
    return value;
  }

  /** An integer without conversion: `"2"` and `2.5` are refused. */
  integer(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.fail(path, 'must be an integer');
    if (value < min || value > max) return this.fail(path, `must be between ${min} and ${max}`);
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value !== 'boolean') return this.fail(path, 'must be a boolean');
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, choices: readonly T[]): T | undefined {
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) return this.fail(path, `must be one of: ${choices.join(', ')}`);
    return value as T;
  }

  array(value: unknown, path: string, min: number, max: number): unknown[] | undefined {
    if (!Array.isArray(value)) return this.fail(path, 'must be an array');
    if (value.length < min || value.length > max) return this.fail(path, `must have ${min}–${max} entries`);
    return value;
  }

  uuid(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || !UUID.test(value)) return this.fail(path, 'must be a UUID');
    return value.toLowerCase();
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function join(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** A request body must be a JSON object (400 otherwise: it is not the document the route takes). */
export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Byte order, the one sort the spec uses for names and tags. */
export const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
