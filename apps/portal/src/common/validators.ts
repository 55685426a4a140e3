import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CLASSIFICATIONS } from '../../../../migrations/portal/001_create_portal_tables';

export const DOMAIN_PATTERN = /^[a-z][a-z0-9-]{0,62}[a-z0-9]$/;
export { CLASSIFICATIONS };
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Optional, but when present it may not be null (only fields documented as nullable take null). */
export const OptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

type MapValue = 'string' | 'scalar';

/** A JSON object of string keys to strings (tags) or to string/number/boolean (rule parameters), bounded. */
export function IsBoundedMap(values: MapValue, bounds: { maxEntries: number; keyMax: number; valueMax?: number }, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isBoundedMap',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown) {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          return (
            entries.length <= bounds.maxEntries &&
            entries.every(([key, item]) => {
              if (key.length < 1 || key.length > bounds.keyMax) return false;
              if (typeof item === 'string') return bounds.valueMax === undefined || item.length <= bounds.valueMax;
              return values === 'scalar' && (typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item)));
            })
          );
        },
        defaultMessage: () =>
          `${propertyName} must be an object of at most ${bounds.maxEntries} entries, keys 1..${bounds.keyMax} characters, values ${values === 'string' ? 'strings' : 'strings, numbers or booleans'}${bounds.valueMax ? ` (strings up to ${bounds.valueMax} characters)` : ''}`,
      },
    });
}

/** `limit` and `offset` query parameters with the route's bounds and defaults. */
export function LimitParam(max: number, fallback: number) {
  return (target: object, property: string) => {
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: max, default: fallback })(target, property);
    Type(() => Number)(target, property);
    IsInt()(target, property);
    Min(1)(target, property);
    Max(max)(target, property);
  };
}

export function OffsetParam() {
  return (target: object, property: string) => {
    ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 })(target, property);
    IsOptional()(target, property);
    Type(() => Number)(target, property);
    IsInt()(target, property);
    Min(0)(target, property);
  };
}

/** An optional enum query parameter. */
export function EnumParam(values: readonly string[]) {
  return (target: object, property: string) => {
    ApiPropertyOptional({ enum: values })(target, property);
    IsOptional()(target, property);
    IsIn(values)(target, property);
  };
}

/** A domain name: required string matching DOMAIN_PATTERN, with one message everywhere. */
export function DomainName() {
  return (target: object, property: string) => {
    IsString()(target, property);
    Matches(DOMAIN_PATTERN, {
      message: `${property} must be 2..64 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen`,
    })(target, property);
  };
}
