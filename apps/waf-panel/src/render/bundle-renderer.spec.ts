import { lintBundle } from './bundle-linter';
import { RenderError, renderVhostBundle } from './bundle-renderer';
import { WORKED_EXAMPLE } from './worked-example';

const OPTIONS = { crsInclude: '/usr/share/modsecurity-crs/rules/*.conf', crsVersion: '4.28.0' };

const EXCERPT = `# --- 2 crs setup ---
SecAction "id:900000,phase:1,pass,nolog,t:none,setvar:tx.blocking_paranoia_level=2"
SecAction "id:900001,phase:1,pass,nolog,t:none,setvar:tx.detection_paranoia_level=3"
SecAction "id:900110,phase:1,pass,nolog,t:none,setvar:tx.inbound_anomaly_score_threshold=7,setvar:tx.outbound_anomaly_score_threshold=5"
SecAction "id:900200,phase:1,pass,nolog,t:none,setvar:'tx.allowed_methods=DELETE GET HEAD OPTIONS POST PUT'"
SecAction "id:900990,phase:1,pass,nolog,t:none,setvar:tx.crs_setup_version=4280"
# --- 3 ip allow ---
SecRule REMOTE_ADDR "@ipMatch 192.0.2.10" "id:90100,phase:1,pass,nolog,t:none,ctl:ruleEngine=Off"
# --- 4 ip deny ---
SecRule REMOTE_ADDR "@ipMatch 203.0.113.0/24,2001:db8:bad::/48" "id:90110,phase:1,deny,status:403,log,t:none,msg:'waf-panel: client address is in the deny list'"
# --- 5 runtime exclusions ---
SecRule REQUEST_FILENAME "@rx ^/login(?:/[^;]*)?$" "id:91000,phase:1,pass,nolog,t:none,t:urlDecodeUni,t:normalizePathWin,ctl:ruleRemoveTargetById=942100;ARGS:password"
# --- 6 custom rules ---
SecRule ARGS:id "!@rx ^\\d+$" "id:10050,phase:2,deny,status:403,log,t:none,severity:'WARNING',msg:'id must be numeric',tag:'waf-panel/custom'"
# --- 7 crs ---
Include /usr/share/modsecurity-crs/rules/*.conf
# --- 8 removals ---
SecRuleRemoveById 920350
# --- 9 target updates ---
SecRuleUpdateTargetById 941100 "!REQUEST_HEADERS:x-token"
`;

describe('renderVhostBundle', () => {
  it('renders the paranoia levels in the variables of CRS 3.x for a 3.x engine, the rest of part 2 alike', () => {
    const v3 = renderVhostBundle(WORKED_EXAMPLE, { ...OPTIONS, crsVersion: '3.3.4' }).content;
    const part2 = (content: string) => content.slice(content.indexOf('# --- 2'), content.indexOf('# --- 3'));
    expect(part2(v3)).toBe(
      part2(EXCERPT)
        .replace('tx.blocking_paranoia_level=2', 'tx.paranoia_level=2')
        .replace('tx.detection_paranoia_level=3', 'tx.executing_paranoia_level=3')
        .replace('tx.crs_setup_version=4280', 'tx.crs_setup_version=334'),
    );
    expect(v3).toContain('# vhost=shop.example.com crs=3.3.4');
    expect(v3).not.toMatch(/blocking_paranoia_level|detection_paranoia_level/);
  });

  it('refuses the CRS 4-only switches for a 3.x engine, naming each, instead of rendering them inert', () => {
    const settings = { ...WORKED_EXAMPLE.policy.settings, earlyBlocking: true, skipResponseAnalysis: true };
    const input = { ...WORKED_EXAMPLE, policy: { ...WORKED_EXAMPLE.policy, settings } };
    expect(renderVhostBundle(input, OPTIONS).content).toContain('tx.early_blocking=1');
    let error: RenderError | undefined;
    try {
      renderVhostBundle(input, { ...OPTIONS, crsVersion: '3.3.4' });
    } catch (thrown) {
      error = thrown as RenderError;
    }
    expect(error).toBeInstanceOf(RenderError);
    expect(error!.violations.map((violation) => violation.message)).toEqual([
      'earlyBlocking is not supported by CRS 3.3.4, the version the engine loads (CRS 4 only); turn it off',
      'skipResponseAnalysis is not supported by CRS 3.3.4, the version the engine loads (CRS 4 only); turn it off',
    ]);
    expect(() => renderVhostBundle(WORKED_EXAMPLE, { ...OPTIONS, crsVersion: '2.2.9' })).toThrow('CRS 2.2.9 is not a supported version');
  });

  it('renders the worked example exactly', () => {
    const bundle = renderVhostBundle(WORKED_EXAMPLE, OPTIONS);
    expect(bundle.content.slice(bundle.content.indexOf('# --- 2 crs setup ---'))).toBe(EXCERPT);
    expect(bundle.content.split('\n').slice(0, 4)).toEqual([
      '# --- 0 header ---',
      `# waf-panel bundle format=1 tenant=${WORKED_EXAMPLE.tenantId}`,
      '# vhost=shop.example.com crs=4.28.0',
      '# --- 1 engine ---',
    ]);
    expect(bundle.content).toContain('\nSecRuleEngine On\n');
    expect(bundle.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(bundle.ruleIds).toEqual(expect.arrayContaining([90001, 90002, 90003, 900000, 90100, 90110, 91000, 10050]));
    expect(bundle.warnings).toEqual([expect.stringContaining('SecRuleUpdateTargetById 941100')]);
  });

  it('is deterministic and ignores comments, names and child ids order', () => {
    const first = renderVhostBundle(WORKED_EXAMPLE, OPTIONS);
    const shuffled = {
      ...WORKED_EXAMPLE,
      policy: {
        ...WORKED_EXAMPLE.policy,
        settings: { ...WORKED_EXAMPLE.policy.settings, name: 'renamed', description: 'changed' },
        exclusions: [...WORKED_EXAMPLE.policy.exclusions].reverse().map((exclusion) => ({ ...exclusion, comment: 'why' })),
      },
    };
    expect(renderVhostBundle(shuffled, OPTIONS)).toEqual(first);
  });

  it('changes only the SecRuleEngine line between modes', () => {
    const lines = (mode: 'off' | 'detection_only' | 'blocking') =>
      renderVhostBundle(
        { ...WORKED_EXAMPLE, policy: { ...WORKED_EXAMPLE.policy, settings: { ...WORKED_EXAMPLE.policy.settings, mode } } },
        OPTIONS,
      ).content.split('\n');
    const on = lines('blocking');
    for (const mode of ['off', 'detection_only'] as const) {
      const other = lines(mode);
      expect(other.filter((line, index) => line !== on[index])).toEqual([`SecRuleEngine ${mode === 'off' ? 'Off' : 'DetectionOnly'}`]);
    }
  });

  it('escapes only double quotes in @rx and keeps backslashes', () => {
    const rule = { ...WORKED_EXAMPLE.policy.customRules[0], argument: 'a\\\\"b\\d' };
    const bundle = renderVhostBundle({ ...WORKED_EXAMPLE, policy: { ...WORKED_EXAMPLE.policy, customRules: [rule] } }, OPTIONS);
    expect(bundle.content).toContain('"!@rx a\\\\\\"b\\d"');
  });

  it('refuses an unsafe CRS include path and never returns a partial bundle', () => {
    expect(() => renderVhostBundle(WORKED_EXAMPLE, { ...OPTIONS, crsInclude: '/x.conf"\nSecRuleEngine Off' })).toThrow(RenderError);
  });
});

describe('lintBundle', () => {
  const good = renderVhostBundle(WORKED_EXAMPLE, OPTIONS).content;

  it.each([
    ['SecRuleRemoveTargetById', good.replace('SecRuleRemoveById 920350', 'SecRuleRemoveTargetById 920350 ARGS:x'), 'directive not allowed'],
    ['a duplicate SecAction id', good.replace('id:900001', 'id:900000'), 'duplicate rule id 900000'],
    ['an id outside its part', good.replace('id:10050', 'id:95000'), 'outside the range'],
    ['a smuggled action', good.replace("tag:'waf-panel/custom'", "tag:'waf-panel/custom',exec:/bin/sh"), 'action outside the allow-list'],
    ['a continuation', good.replace('SecRuleRemoveById 920350', 'SecRuleRemoveById 920350 \\'), 'continuations'],
    ['parts out of order', good.replace('# --- 8 removals ---', '# --- 9 removals ---'), 'out of order'],
    ['a free comment', good.replace('# --- 7 crs ---', '# --- 7 crs ---\n# hello'), 'comments'],
  ])('rejects %s', (_name, content, message) => {
    expect(
      lintBundle(content)
        .map((finding) => finding.message)
        .join('\n'),
    ).toContain(message);
  });

  it('accepts what the renderer emits', () => {
    expect(lintBundle(good)).toEqual([]);
  });
});
