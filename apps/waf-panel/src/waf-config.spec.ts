import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@lib/persistence';
import { detectCrsVersion } from '@lib/waf';
import { readWafConfig } from './waf-config';

describe('the CRS version the panel renders for', () => {
  let directory: string;
  const write = (name: string, text: string) => writeFileSync(join(directory, name), text);
  const include = () => `${directory}/*.conf`;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'crs-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const v4 = () => {
    write(
      'REQUEST-901-INITIALIZATION.conf',
      '# Producer: ModSecurity; OWASP_CRS/3.1.0.\nSecComponentSignature "OWASP_CRS/4.28.0"\nSecRule &TX:crs_setup_version "@eq 0" "id:901001,ver:\'OWASP_CRS/4.28.0\'"\n',
    );
    write('REQUEST-942-APPLICATION-ATTACK-SQLI.conf', 'SecRule ARGS "@rx x" "id:942100,ver:\'OWASP_CRS/4.28.0\'"\n');
  };

  it('is the rule set signature, not a version a comment cites; single rule files patched to a later release do not change it', () => {
    v4();
    write('REQUEST-922-MULTIPART-ATTACK.conf', 'SecRule ARGS "@rx y" "id:922110,ver:\'OWASP_CRS/4.29.1\'"\n');
    expect(detectCrsVersion(include())).toBe('4.28.0');
    expect(readWafConfig({ WAF_CRS_INCLUDE: include() })).toMatchObject({ crsVersion: '4.28.0', crsVersionSource: 'detected' });
  });

  it('is the version most rule files carry where the include has no signature', () => {
    write('a.conf', 'SecRule ARGS "@rx x" "id:1,ver:\'OWASP_CRS/3.3.4\'"\n');
    write('b.conf', 'SecRule ARGS "@rx x" "id:2,ver:\'OWASP_CRS/3.3.4\'"\n');
    write('c.conf', 'SecRule ARGS "@rx x" "id:3,ver:\'OWASP_CRS/3.3.7\'"\n');
    expect(readWafConfig({ WAF_CRS_INCLUDE: include() })).toMatchObject({ crsVersion: '3.3.4', crsVersionSource: 'detected' });
  });

  it('stops the boot when WAF_CRS_VERSION disagrees with the rule files, naming both versions', () => {
    v4();
    expect(() => readWafConfig({ WAF_CRS_INCLUDE: include(), WAF_CRS_VERSION: '3.3.4' })).toThrow(ConfigurationError);
    expect(() => readWafConfig({ WAF_CRS_INCLUDE: include(), WAF_CRS_VERSION: '3.3.4' })).toThrow(
      /WAF_CRS_VERSION="3\.3\.4" disagrees with CRS 4\.28\.0 found under WAF_CRS_INCLUDE/,
    );
    expect(readWafConfig({ WAF_CRS_INCLUDE: include(), WAF_CRS_VERSION: '4.28.0' }).crsVersion).toBe('4.28.0');
  });

  it('stops the boot on rule files it cannot read a version from, or mixing majors, or an unsupported major', () => {
    write('a.conf', 'SecRule ARGS "@rx x" "id:1"\n');
    expect(() => readWafConfig({ WAF_CRS_INCLUDE: include() })).toThrow(/carries an OWASP_CRS\/x\.y\.z version stamp/);
    v4();
    write('b.conf', 'SecRule ARGS "@rx x" "id:2,ver:\'OWASP_CRS/3.3.4\'"\n');
    expect(() => readWafConfig({ WAF_CRS_INCLUDE: include() })).toThrow(/mix CRS major versions: 4\.28\.0, 3\.3\.4/);
    rmSync(join(directory, 'b.conf'));
    rmSync(join(directory, 'a.conf'));
    expect(() => readWafConfig({ WAF_CRS_INCLUDE: include(), WAF_CRS_VERSION: '2.2.9' })).toThrow(/disagrees/);
    expect(() => readWafConfig({ WAF_CRS_INCLUDE: `${directory}/none/*.conf`, WAF_CRS_VERSION: '2.2.9' })).toThrow(
      /CRS 2\.2\.9 \(WAF_CRS_VERSION\) is not supported/,
    );
  });

  it('where no rule files are on this host, is WAF_CRS_VERSION, else the default, and says which', () => {
    const nowhere = `${directory}/none/*.conf`;
    expect(readWafConfig({ WAF_CRS_INCLUDE: nowhere, WAF_CRS_VERSION: '3.3.4' })).toMatchObject({ crsVersion: '3.3.4', crsVersionSource: 'configured' });
    expect(readWafConfig({ WAF_CRS_INCLUDE: nowhere })).toMatchObject({ crsVersion: '4.28.0', crsVersionSource: 'default' });
    expect(() => readWafConfig({ WAF_CRS_INCLUDE: nowhere, WAF_CRS_VERSION: 'latest' })).toThrow(/WAF_CRS_VERSION="latest" must be a CRS version/);
  });
});
