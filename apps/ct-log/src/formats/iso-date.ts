const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 date-time with an offset (a time without one means nothing across zones). */
export function isoDateProblem(value: unknown): string | undefined {
  return typeof value === 'string' && ISO_WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value))
    ? undefined
    : 'must be an ISO-8601 date-time with an offset';
}
