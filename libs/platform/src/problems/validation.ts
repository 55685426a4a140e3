import { type ArgumentMetadata, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { flattenValidationErrors } from './fields';
import { type FieldError, ValidationProblemException } from './problem-details';

type Location = FieldError['in'];

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
