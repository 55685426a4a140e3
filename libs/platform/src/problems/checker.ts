import { validateFields } from './fields';
import { type FieldError, ValidationProblemException } from './problem-details';

export type Json = Record<string, unknown>;

/**
 * Collects every bad field of one request with its wire path, so a 422 names them all.
 * Messages describe the rule, never the value: input is not echoed.
 */
export class Checker {
  readonly errors: FieldError[] = [];

  constructor(private readonly location: FieldError['in'] = 'body') {}

  /** Records a bad field; the same finding twice (a document check, then a DTO's) counts once. */
  fail(path: string, message: string): undefined {
    if (!this.errors.some((error) => error.path === path && error.message === message)) this.errors.push({ in: this.location, path, message });
    return undefined;
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** Throws the 422 when anything failed. */
  done(): void {
    if (!this.ok) throw new ValidationProblemException(this.errors);
  }

  /**
   * A JSON object with only `allowed` keys; every other key is named. A PATCH uses it to refuse
   * unknown keys before it loads the state its body is merged over.
   */
  object(value: unknown, path: string, allowed: readonly string[]): Json | undefined {
    if (!isObject(value)) return this.fail(path || 'body', 'must be an object');
    for (const key of Object.keys(value)) if (!allowed.includes(key)) this.fail(join(path, key), 'is not an accepted property');
    return value;
  }

  /**
   * Validates a JSON object against a DTO class (see fields.ts) and records every bad field under
   * `path`. Returns the instance (whitelisted) so valid fields can be used; `failed` tells which.
   */
  fields<T extends object>(type: new () => T, value: unknown, path = ''): T | undefined {
    if (!isObject(value)) return this.fail(path || 'body', 'must be an object');
    const { instance, errors } = validateFields(type, value, this.location, path);
    for (const error of errors) this.fail(error.path, error.message);
    return instance;
  }

  /** Whether `path` or anything under it failed. */
  failed(path: string): boolean {
    return this.errors.some((error) => error.path === path || error.path.startsWith(`${path}.`) || error.path.startsWith(`${path}[`));
  }
}

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
