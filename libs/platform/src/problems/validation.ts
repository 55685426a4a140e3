import { type ArgumentMetadata, ValidationPipe, type ValidationError, type ValidationPipeOptions } from '@nestjs/common';
import { type FieldError, ValidationProblemException } from './problem-details';

type Location = FieldError['in'];

/** Every constraint that failed, with the full wire path of its field. */
export function flattenValidationErrors(errors: ValidationError[], location: Location, parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ in: location, path, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], location, path)];
  });
}

const LOCATIONS: Readonly<Record<ArgumentMetadata['type'], Location>> = { body: 'body', query: 'query', param: 'path', custom: 'body' };

function pipe(location: Location, options: ValidationPipeOptions): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblemException(flattenValidationErrors(errors, location)),
    ...options,
  });
}

/**
 * Whitelisting, transformation, and 422 naming every bad field with where it was found.
 * Unknown body keys are refused; unknown query parameters are ignored, as clients expect.
 */
export class ProblemValidationPipe extends ValidationPipe {
  private readonly byLocation = new Map<Location, ValidationPipe>(
    (['body', 'query', 'path'] as const).map((location) => [location, pipe(location, { forbidNonWhitelisted: location !== 'query' })]),
  );

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return this.byLocation.get(LOCATIONS[metadata.type])!.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ProblemValidationPipe();
}
