/**
 * The static check every bundle passes before it ships: only the directives
 * the renderer emits, one per line, the ten parts in order, and every `id:` unique and inside its
 * part's range. libmodsecurity accepts duplicate SecAction ids silently, so this is the check.
 */

export const PART_NAMES = [
  'header',
  'engine',
  'crs setup',
  'ip allow',
  'ip deny',
  'runtime exclusions',
  'custom rules',
  'crs',
  'removals',
  'target updates',
] as const;

const ID_RANGES: ReadonlyArray<readonly [number, number][]> = [
  [],
  [[90001, 90003]],
  [[900000, 900999]],
  [[90100, 90100]],
  [[90110, 90110]],
  [[91000, 98999]],
  [[1, 89999]],
  [],
  [],
  [],
];

const TAG = '[A-Za-z0-9_./-]{1,128}';
const VARIABLE = '[A-Z_]+(?::[A-Za-z0-9_.\\[\\]-]{1,128})?';
const ACTION = new RegExp(
  [
    'id:\\d+',
    'phase:[1-5]',
    'pass|deny|log|nolog|auditlog',
    'status:\\d{3}',
    't:[A-Za-z0-9]+',
    "severity:'(?:CRITICAL|ERROR|WARNING|NOTICE)'",
    "msg:'[\\x20-\\x26\\x28-\\x5b\\x5d-\\x7e]{1,200}'",
    "tag:'waf-panel/custom'",
    'ctl:ruleEngine=Off',
    'ctl:requestBodyProcessor=(?:XML|JSON)',
    `ctl:ruleRemoveBy(?:Id=\\d+|Tag=${TAG})`,
    `ctl:ruleRemoveTargetBy(?:Id=\\d+|Tag=${TAG});${VARIABLE}`,
    'setvar:tx\\.[a-z_]+=\\d+',
    "setvar:'tx\\.[a-z_]+=[A-Za-z0-9 |/.+-]+'",
  ]
    .map((token) => `(?:${token})`)
    .join('|'),
);
const ACTIONS = new RegExp(`^(?:${ACTION.source})(?:,(?:${ACTION.source}))*$`);
const OPERATOR = /^!?@(?:rx|pm|streq|contains|containsWord|beginsWith|endsWith|within|eq|ge|gt|le|lt|ipMatch|detectSQLi|detectXSS)(?: .+)?$/;
const CRS_INCLUDE = /^[A-Za-z0-9@_./*-]{1,255}$/;

const DIRECTIVES: ReadonlyArray<readonly [RegExp, (match: RegExpExecArray) => string | undefined]> = [
  [/^SecRuleEngine (?:On|Off|DetectionOnly)$/, () => undefined],
  [/^(?:SecRequestBodyAccess|SecResponseBodyAccess) (?:On|Off)$/, () => undefined],
  [/^(?:SecRequestBodyLimit|SecRequestBodyNoFilesLimit|SecResponseBodyLimit) \d{1,10}$/, () => undefined],
  [/^SecRequestBodyLimitAction Reject$/, () => undefined],
  [/^SecResponseBodyLimitAction ProcessPartial$/, () => undefined],
  [/^SecResponseBodyMimeType [a-z/ +.-]+$/, () => undefined],
  [/^SecDefaultAction "phase:[1-5],log,auditlog,pass"$/, () => undefined],
  [/^SecAction "([^"]*)"$/, (m) => (ACTIONS.test(m[1]) ? undefined : 'SecAction has an action outside the allow-list')],
  [
    new RegExp(`^SecRule ((?:${VARIABLE})(?:\\|${VARIABLE})*) "((?:[^"\\\\]|\\\\.)*)" "([^"]*)"$`),
    (m) => (!OPERATOR.test(m[2]) ? 'SecRule has an unknown operator' : ACTIONS.test(m[3]) ? undefined : 'SecRule has an action outside the allow-list'),
  ],
  [/^Include (\S+)$/, (m) => (CRS_INCLUDE.test(m[1]) ? undefined : 'Include path has characters outside the allow-list')],
  [/^SecRuleRemoveById \d+$/, () => undefined],
  [new RegExp(`^SecRuleRemoveByTag ${TAG}$`), () => undefined],
  [new RegExp(`^SecRuleUpdateTargetBy(?:Id \\d+|Tag ${TAG}) "!${VARIABLE}"$`), () => undefined],
];

export interface LintFinding {
  readonly line: number;
  readonly message: string;
}

export function lintBundle(content: string): LintFinding[] {
  const findings: LintFinding[] = [];
  const fail = (line: number, message: string) => findings.push({ line, message });
  if (!/^[\x20-\x7e\n]*$/.test(content)) fail(0, 'the bundle must be printable ASCII with \\n line endings');
  if (!content.endsWith('\n')) fail(0, 'the bundle must end with a newline');
  const lines = content.split('\n').slice(0, -1);
  let part = -1;
  const seen = new Set<number>();
  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.endsWith('\\')) return void fail(line, 'line continuations are not allowed');
    const header = /^# --- (\d) (.+) ---$/.exec(text);
    if (header) {
      const next = Number(header[1]);
      if (next !== part + 1 || header[2] !== PART_NAMES[next]) fail(line, `part ${next} is out of order`);
      part = next;
      return;
    }
    if (text.startsWith('#')) {
      if (part !== 0 || !/^# (?:waf-panel bundle format=1 tenant=[0-9a-f-]{36}|vhost=[a-z0-9*.-]+ crs=\d+\.\d+\.\d+)$/.test(text))
        fail(line, 'comments are only the fixed header lines');
      return;
    }
    const directive = DIRECTIVES.find(([pattern]) => pattern.test(text));
    if (!directive) return void fail(line, `directive not allowed: ${text.split(' ')[0].slice(0, 40)}`);
    const problem = directive[1](directive[0].exec(text)!);
    if (problem) fail(line, problem);
    for (const match of text.matchAll(/[",]id:(\d+)/g)) {
      const id = Number(match[1]);
      if (seen.has(id)) fail(line, `duplicate rule id ${id}`);
      seen.add(id);
      const ranges = ID_RANGES[Math.max(part, 0)];
      if (!ranges.some(([low, high]) => id >= low && id <= high)) fail(line, `rule id ${id} is outside the range of part ${part}`);
    }
  });
  if (part !== 9) fail(lines.length, 'the bundle must contain parts 0–9');
  return findings;
}
