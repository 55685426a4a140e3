/** What overrides, exclusions and custom rules hold, as validated and as rendered. */

export interface Target {
  readonly ruleId: number | null;
  readonly tag: string | null;
}

export interface Variable {
  readonly collection: string;
  readonly key: string | null;
}

export interface OverrideContent extends Target {
  readonly comment: string;
  readonly forced: boolean;
}

export interface ExclusionContent extends Target {
  readonly variable: Variable | null;
  readonly vhostId: string | null;
  readonly path: string | null;
  readonly comment: string;
  readonly forced: boolean;
}

export interface CustomRuleContent {
  readonly ruleId: number;
  readonly enabled: boolean;
  readonly phase: number;
  readonly variables: Variable[];
  readonly operator: string;
  readonly negate: boolean;
  readonly argument: string | null;
  readonly transformations: string[];
  readonly action: 'deny' | 'log' | 'allow';
  readonly status: number | null;
  readonly severity: string;
  readonly message: string;
  readonly comment: string;
}

/** `id:942100` or `tag:attack-rce`: the key one target has in a policy. */
export function targetKey(target: Target): string {
  return target.ruleId !== null ? `id:${target.ruleId}` : `tag:${target.tag}`;
}

export type ExclusionRendering = 'remove' | 'update-target' | 'runtime';

/** Where an exclusion lands in a bundle. */
export function exclusionRendering(exclusion: Pick<ExclusionContent, 'variable' | 'path'>): ExclusionRendering {
  if (exclusion.path !== null) return 'runtime';
  return exclusion.variable !== null ? 'update-target' : 'remove';
}

/** Two exclusions with the same target, variable, vhost and path are one (the `dedupe_key`). */
export function exclusionDedupeKey(exclusion: ExclusionContent): string {
  const variable = exclusion.variable ? `${exclusion.variable.collection}:${exclusion.variable.key ?? ''}` : '';
  return [targetKey(exclusion), variable, exclusion.vhostId ?? '', exclusion.path ?? ''].join('|');
}

export const variableText = (variable: Variable): string => (variable.key === null ? variable.collection : `${variable.collection}:${variable.key}`);

/** The operators and transformations a custom rule may use. */
export const OPERATORS = [
  'rx',
  'pm',
  'streq',
  'contains',
  'containsWord',
  'beginsWith',
  'endsWith',
  'within',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ipMatch',
  'detectSQLi',
  'detectXSS',
] as const;
export const TRANSFORMATIONS = [
  'lowercase',
  'uppercase',
  'urlDecode',
  'urlDecodeUni',
  'htmlEntityDecode',
  'jsDecode',
  'cssDecode',
  'base64Decode',
  'hexDecode',
  'sqlHexDecode',
  'compressWhitespace',
  'removeWhitespace',
  'removeNulls',
  'replaceNulls',
  'removeComments',
  'replaceComments',
  'normalizePath',
  'normalizePathWin',
  'cmdLine',
  'trim',
  'length',
  'utf8toUnicode',
] as const;
