import { applyDecorators } from '@nestjs/common';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  Length,
  Matches,
  getMetadataStorage,
  ValidateBy,
  ValidateIf,
  type ValidationError,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { type FieldError } from './problem-details';

/** U+0000–U+001F and U+007F, refused in every string unless a field says otherwise. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/*
 * Field rules for class-validator DTOs in the services' house style: one error per field (the
 * first rule it breaks, so rules are listed in the order they are checked), messages that
 * describe the rule and never echo the value, and no type conversion (`"2"` is not an integer).
 */

export interface TextRule {
  min?: number;
  max: number;
  pattern?: RegExp;
  patternMessage?: string;
  /** Control characters are refused unless the field allows them. */
  controls?: boolean;
}

export const lengthMessage = (min: number, max: number) => (min === max ? `must be ${min} characters` : `must be ${min}–${max} characters`);

export const Str = (): PropertyDecorator => IsString({ message: 'must be a string' });

export function Text(rule: TextRule): PropertyDecorator {
  const min = rule.min ?? 0;
  return applyDecorators(
    Str(),
    ...(rule.controls ? [] : [Matches(NO_CONTROL, { message: 'must not contain control characters' })]),
    Length(min, rule.max, { message: lengthMessage(min, rule.max) }),
    ...(rule.pattern ? [Matches(rule.pattern, { message: rule.patternMessage ?? `must match ${rule.pattern.source}` })] : []),
  );
}

/** An integer without conversion: `"2"` and `2.5` are refused. */
export function integerProblem(value: unknown, min: number, max: number): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be an integer';
  return value < min || value > max ? `must be between ${min} and ${max}` : undefined;
}

export const Int = (min: number, max: number): PropertyDecorator => Rule('integer', (value) => integerProblem(value, min, max));

export const Bool = (): PropertyDecorator => IsBoolean({ message: 'must be a boolean' });

export function OneOf(choices: readonly (string | number)[]): PropertyDecorator {
  return IsIn([...choices], { message: `must be one of: ${choices.join(', ')}` });
}

export function List(min: number, max: number): PropertyDecorator {
  const message = `must have ${min}–${max} entries`;
  return applyDecorators(IsArray({ message: 'must be an array' }), ArrayMinSize(min, { message }), ArrayMaxSize(max, { message }));
}

export const Uuid = (): PropertyDecorator => Matches(UUID, { message: 'must be a UUID' });

/**
 * One field's rules in the order they are checked. Stacked decorators apply bottom-up, which
 * reads backwards; this keeps a field's rules in reading order.
 */
export const Rules = (...rules: PropertyDecorator[]): PropertyDecorator => applyDecorators(...rules);

/** Absent is a refusal with its own message; `null` goes on to the type rule. */
export const Required = (): PropertyDecorator =>
  ValidateBy({ name: 'required', validator: { validate: (value) => value !== undefined, defaultMessage: () => 'is required' } });

/** The rules apply only when the property is present: absent takes the default. */
export const Absentable = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

/** The rules apply only to a value: absent and `null` both mean "none". */
export const Nullable = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined && value !== null);

/** A rule of one field written as a function: it returns the problem, or undefined. */
export function Rule(name: string, problem: (value: unknown, object: Record<string, unknown>) => string | undefined): PropertyDecorator {
  let last = '';
  return ValidateBy({
    name,
    validator: {
      validate: (value, args) => {
        last = problem(value, args!.object as Record<string, unknown>) ?? '';
        return last === '';
      },
      defaultMessage: () => last,
    },
  });
}

const isObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A nested object checked against its own DTO class; its errors carry the nested path. */
export const Nested = (type: () => new () => object): PropertyDecorator =>
  applyDecorators(
    Rule('object', (value) => (isObject(value) ? undefined : 'must be an object')),
    ValidateNested(),
    Type(type),
  );

/** A list of objects, each checked against the DTO class; errors carry the index. */
export const NestedList = (type: () => new () => object, min: number, max: number): PropertyDecorator =>
  applyDecorators(List(min, max), ValidateNested({ each: true }), Type(type));

/** The properties a DTO class accepts: those with at least one rule. */
export function acceptedProperties(type: new () => object): string[] {
  return [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(type, '', true, false)
        .map((rule) => rule.propertyName),
    ),
  ];
}

const ACCEPTED = 'is not an accepted property';

/** Every constraint that failed, with the full wire path of its field. */
export function flattenValidationErrors(errors: ValidationError[], location: FieldError['in'], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ in: location, path, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], location, path)];
  });
}

/**
 * Validates a JSON object against a DTO class: each field reports the first rule it breaks, and
 * unknown body properties are named (unknown query parameters are ignored, as clients expect).
 * Returns the errors with their wire paths under `prefix`.
 */
export function validateFields<T extends object>(
  type: new () => T,
  value: object,
  location: FieldError['in'],
  prefix = '',
): { instance: T; errors: FieldError[] } {
  const instance = plainToInstance(type, value);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: location !== 'query',
    stopAtFirstError: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  const named = errors.map(function accepted(error): ValidationError {
    const constraints = error.constraints?.whitelistValidation
      ? { whitelistValidation: ACCEPTED }
      : error.constraints?.nestedValidation
        ? { nestedValidation: 'must be an object' }
        : error.constraints;
    return { ...error, constraints, children: error.children?.map(accepted) };
  });
  return { instance, errors: flattenValidationErrors(named, location, prefix) };
}
