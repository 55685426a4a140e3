import { matchedVariable, securityEventOf } from './audit-record';

/** A line as libmodsecurity 3.0.9 writes it (SecAuditLogFormat JSON, parts ABHZ), trimmed. */
const LINE = JSON.stringify({
  transaction: {
    client_ip: '203.0.113.7',
    time_stamp: 'Sun Dec  6 03:17:23 2026',
    server_id: '2ce124b0c5d02b433a9392782ff8b313286c1942',
    client_port: 45000,
    host_ip: '127.0.0.1',
    host_port: 8080,
    unique_id: '179652704326.320542',
    request: { method: 'POST', http_version: 1.1, uri: '/blog/comments?page=2', headers: { Host: 'shop.test', 'User-Agent': 'Mozilla/5.0' } },
    response: { http_code: 403 },
    producer: {
      modsecurity: 'ModSecurity v3.0.9 (Linux)',
      connector: 'ModSecurity-nginx v1.0.3',
      secrules_engine: 'Enabled',
      components: ['OWASP_CRS/3.3.4"'],
    },
    messages: [
      {
        message: 'SQL Injection Attack Detected via libinjection',
        details: {
          match: 'detected SQLi using libinjection.',
          ruleId: '942100',
          data: "Matched Data: s&sos found within ARGS:comment: 1' or '1'='1",
          severity: '2',
          tags: ['attack-sqli'],
        },
      },
      {
        message: 'Inbound Anomaly Score Exceeded (Total Score: 5)',
        details: {
          match: "Matched \"Operator `Ge' with parameter `5' against variable `TX:ANOMALY_SCORE' (Value: `5' )",
          ruleId: '949110',
          data: '',
          severity: '2',
          tags: ['anomaly-evaluation'],
        },
      },
    ],
  },
});

describe('the engine audit log, read as security events', () => {
  it('keeps what the panel needs from one transaction', () => {
    expect(securityEventOf(LINE)).toEqual({
      transactionId: '179652704326.320542',
      occurredAt: new Date('Sun Dec  6 03:17:23 2026').toISOString(),
      host: 'shop.test',
      clientIp: '203.0.113.7',
      method: 'POST',
      uri: '/blog/comments?page=2',
      status: 403,
      engine: 'Enabled',
      producer: 'ModSecurity v3.0.9 (Linux); OWASP_CRS/3.3.4',
      headers: { Host: 'shop.test', 'User-Agent': 'Mozilla/5.0' },
      matches: [
        {
          ruleId: 942100,
          message: 'SQL Injection Attack Detected via libinjection',
          variable: 'ARGS:comment',
          data: "Matched Data: s&sos found within ARGS:comment: 1' or '1'='1",
          severity: 2,
          tags: ['attack-sqli'],
        },
        {
          ruleId: 949110,
          message: 'Inbound Anomaly Score Exceeded (Total Score: 5)',
          variable: 'TX:ANOMALY_SCORE',
          data: '',
          severity: 2,
          tags: ['anomaly-evaluation'],
        },
      ],
    });
  });

  it('names the matched variable from the operator text or the CRS logdata', () => {
    expect(matchedVariable("Matched \"Operator `Rx' with parameter `x' against variable `REQUEST_HEADERS:User-Agent' (Value: `sqlmap' )", '')).toBe(
      'REQUEST_HEADERS:User-Agent',
    );
    expect(matchedVariable('detected XSS using libinjection.', 'Matched Data: XSS data found within ARGS:json.bio: <script>')).toBe('ARGS:json.bio');
    expect(matchedVariable('', 'Matched Data: abc found within REQUEST_COOKIES:session')).toBe('REQUEST_COOKIES:session');
    expect(matchedVariable('', 'Matched Data: /etc/passwd found within REQUEST_FILENAME: /etc/passwd')).toBe('REQUEST_FILENAME');
    expect(matchedVariable('', '')).toBeNull();
  });

  it('skips transactions without rule matches or with the engine off, and refuses what is not an audit record', () => {
    const parsed = JSON.parse(LINE);
    expect(securityEventOf(JSON.stringify({ transaction: { ...parsed.transaction, messages: [] } }))).toBeNull();
    expect(securityEventOf(JSON.stringify({ transaction: { ...parsed.transaction, producer: { secrules_engine: 'Disabled' } } }))).toBeNull();
    expect(() => securityEventOf('{"hello": 1}')).toThrow(/not a ModSecurity JSON audit record/);
    expect(() => securityEventOf('not json')).toThrow();
  });

  it('cuts long fields to the panel’s limits instead of losing the event', () => {
    const parsed = JSON.parse(LINE);
    const long = securityEventOf(
      JSON.stringify({
        transaction: {
          ...parsed.transaction,
          request: {
            ...parsed.transaction.request,
            uri: `/${'a'.repeat(10_000)}`,
            headers: Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`x-${i}`, 'v'])),
          },
        },
      }),
    )!;
    expect(long.uri).toHaveLength(8192);
    expect(Object.keys(long.headers)).toHaveLength(100);
  });
});
