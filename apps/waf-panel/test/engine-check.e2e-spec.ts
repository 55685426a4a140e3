import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderVhostBundle, vhostDirectory } from '../src/render/bundle-renderer';
import { crsMajorOf, detectCrsVersion } from '@lib/waf';
import { engineMatrix } from './engine-matrix';

const SCRIPT = join(__dirname, '../../../scripts/waf-engine-check-nginx.sh');
const INSTALL = 'apt-get install -y nginx-light libnginx-mod-http-modsecurity modsecurity-crs';
const INCLUDE = '/usr/share/modsecurity-crs/rules/*.conf';

/** Runs the repository's engine-check script on a directory of bundles: nginx -t with libmodsecurity and the CRS. */
function engineCheck(directory: string): { ok: boolean; output: string } {
  try {
    execFileSync(SCRIPT, [directory], { encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output: '' };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

describe('bundles load in a real engine (nginx + libmodsecurity + CRS)', () => {
  let directory: string;
  let OPTIONS: { crsInclude: string; crsVersion: string };
  beforeAll(() => {
    if (!existsSync('/usr/lib/nginx/modules/ngx_http_modsecurity_module.so') || !existsSync('/usr/share/modsecurity-crs/rules')) {
      throw new Error(`nginx with libmodsecurity and the OWASP CRS are not installed; run: sudo ${INSTALL}`);
    }
    directory = mkdtempSync(join(tmpdir(), 'waf-bundles-'));
    OPTIONS = { crsInclude: INCLUDE, crsVersion: detectCrsVersion(INCLUDE)! };
  });
  afterAll(() => directory && rmSync(directory, { recursive: true, force: true }));

  it('passes nginx -t for every bundle of the policy matrix, all loaded together', () => {
    const cases = engineMatrix(OPTIONS.crsVersion);
    for (const { input } of cases) {
      const bundle = renderVhostBundle(input, OPTIONS);
      const target = join(directory, vhostDirectory(input.vhost.domain));
      mkdirSync(target, { recursive: true });
      writeFileSync(join(target, 'modsecurity.conf'), bundle.content);
    }
    expect(cases.length).toBeGreaterThanOrEqual(13);
    const result = engineCheck(directory);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('is a real check: the engine refuses what the panel never emits', () => {
    const bad = mkdtempSync(join(tmpdir(), 'waf-bad-'));
    try {
      const [first] = engineMatrix(OPTIONS.crsVersion);
      const content = renderVhostBundle(first.input, OPTIONS).content.replace(
        '# --- 9 target updates ---',
        '# --- 9 target updates ---\nSecRule REMOTE_ADDR "@ipMatch 2001:db8::1/128" "id:5,phase:1,pass"',
      );
      mkdirSync(join(bad, 'vhosts/bad.example.com'), { recursive: true });
      writeFileSync(join(bad, 'vhosts/bad.example.com/modsecurity.conf'), content);
      const result = engineCheck(bad);
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/\[emerg\].*Rules error/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it('refuses a bundle rendered for a CRS version other than the one its Include holds', () => {
    const other = crsMajorOf(OPTIONS.crsVersion) === 3 ? '4.28.0' : '3.3.4';
    const stale = mkdtempSync(join(tmpdir(), 'waf-stale-'));
    try {
      const [first] = engineMatrix(other);
      mkdirSync(join(stale, 'vhosts/stale.example.com'), { recursive: true });
      writeFileSync(join(stale, 'vhosts/stale.example.com/modsecurity.conf'), renderVhostBundle(first.input, { ...OPTIONS, crsVersion: other }).content);
      const result = engineCheck(stale);
      expect(result.ok).toBe(false);
      expect(result.output).toContain(`vhosts/stale.example.com/modsecurity.conf was rendered for CRS ${other} but ${INCLUDE} holds CRS ${OPTIONS.crsVersion}`);
    } finally {
      rmSync(stale, { recursive: true, force: true });
    }
  });
});
