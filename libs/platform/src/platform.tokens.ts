/** The module schemas of the running service. */
export const SERVICE_SCHEMAS = Symbol('SERVICE_SCHEMAS');
