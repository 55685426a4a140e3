import { Injectable, type PipeTransform } from '@nestjs/common';
import type { Json } from './checker';
import { ValidationProblemException } from './problem-details';

/**
 * For handlers that check their body field by field: the body is a JSON object (a missing body
 * counts as an empty one), or the request is refused with 422 before any field is read.
 */
@Injectable()
export class JsonObjectPipe implements PipeTransform<unknown, Json> {
  transform(value: unknown): Json {
    if (value === undefined) return {};
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new ValidationProblemException([{ in: 'body', path: 'body', message: 'must be an object' }]);
    return value as Json;
  }
}
