import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

const pages = new Map<Type, Type>();

/**
 * The OpenAPI schema of a keyset page, `{items, nextCursor}`: one class per item type, named
 * `<Item>Page`, so every list of the same items shares one schema.
 */
export function CursorPage<T>(item: Type<T>): Type<{ items: T[]; nextCursor: string | null }> {
  const known = pages.get(item);
  if (known) return known as Type<{ items: T[]; nextCursor: string | null }>;
  class Page {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor: string | null;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name}Page` });
  pages.set(item, Page);
  return Page;
}

/** A member that holds any JSON value, null included: the document names no type for it. */
export function ApiAnyJson(description: string, required = true) {
  return ApiProperty({ required, description, oneOf: [{ type: 'object', nullable: true }, { type: 'array', items: {} }, { type: 'string' }, { type: 'number' }, { type: 'boolean' }] });
}
