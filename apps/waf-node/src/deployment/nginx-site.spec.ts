import { auditRules, renderSite, SiteError } from './nginx-site';

const OPTIONS = {
  bundlePath: '/state/releases/3-abc/vhosts/shop.test/modsecurity.conf',
  auditRulesPath: '/state/releases/3-abc/audit.conf',
  upstream: 'waf_backend_1',
  httpListen: '80',
  httpsListen: '443',
  tlsDir: '/etc/waf-node/tls',
};
const OFF = { mode: 'off', certificateRef: null, minVersion: '1.2', redirectHttp: false } as const;

describe('nginx configuration of one vhost', () => {
  it('proxies to its weighted backends through the audit rules and the bundle', () => {
    expect(
      renderSite(
        {
          domain: 'shop.test',
          backends: [
            { url: 'http://app:8080', weight: 3 },
            { url: 'http://[::1]', weight: 1 },
          ],
          tls: OFF,
        },
        OPTIONS,
      ),
    ).toBe(
      [
        'upstream waf_backend_1 {',
        '  server app:8080 weight=3;',
        '  server [::1]:80 weight=1;',
        '}',
        'server {',
        '  listen 80;',
        '  server_name shop.test;',
        '  modsecurity on;',
        '  modsecurity_rules_file /state/releases/3-abc/audit.conf;',
        '  modsecurity_rules_file /state/releases/3-abc/vhosts/shop.test/modsecurity.conf;',
        '  location / {',
        '    proxy_pass http://waf_backend_1;',
        '    proxy_set_header Host $host;',
        '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
        '    proxy_set_header X-Forwarded-Proto $scheme;',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('terminates TLS with the certificate named by the vhost, and redirects plain HTTP when asked', () => {
    const site = renderSite(
      {
        domain: '*.shop.test',
        backends: [{ url: 'https://app', weight: 1 }],
        tls: { mode: 'terminate', certificateRef: 'shop-tls', minVersion: '1.3', redirectHttp: true },
      },
      OPTIONS,
    );
    expect(site).toContain('  server app:443 weight=1;');
    expect(site).toContain(
      '  listen 443 ssl;\n  ssl_certificate /etc/waf-node/tls/shop-tls/tls.crt;\n  ssl_certificate_key /etc/waf-node/tls/shop-tls/tls.key;',
    );
    expect(site).toContain('  ssl_protocols TLSv1.3;');
    expect(site).toContain('    proxy_pass https://waf_backend_1;');
    expect(site).toContain('server {\n  listen 80;\n  server_name *.shop.test;\n  return 301 https://$host$request_uri;\n}');
    const both = renderSite(
      { domain: 'shop.test', backends: [{ url: 'http://app', weight: 1 }], tls: { ...OFF, mode: 'terminate', certificateRef: 'c' } },
      OPTIONS,
    );
    expect(both).toContain('  listen 443 ssl;\n  listen 80;');
    expect(both).toContain('TLSv1.2 TLSv1.3');
  });

  it('refuses backends that mix schemes', () => {
    expect(() =>
      renderSite(
        {
          domain: 'shop.test',
          backends: [
            { url: 'http://a', weight: 1 },
            { url: 'https://b', weight: 1 },
          ],
          tls: OFF,
        },
        OPTIONS,
      ),
    ).toThrow(SiteError);
  });

  it('logs rule matches to the JSON audit log, without request bodies', () => {
    const rules = auditRules('/var/log/nginx/modsec_audit.json');
    expect(rules).toContain('SecAuditLogFormat JSON');
    expect(rules).toContain('SecAuditLogParts ABHZ');
    expect(rules).toContain('SecAuditLog /var/log/nginx/modsec_audit.json');
  });
});
