/** Injection tokens of the portal. */
export const PORTAL_CONFIG = Symbol('PORTAL_CONFIG');
/** Uniform draws in [0, 1): quality assessment; tests inject a fixed sequence. */
export const RANDOM_SOURCE = Symbol('RANDOM_SOURCE');

export interface RandomSource {
  next(): number;
}
