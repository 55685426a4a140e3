import { eventRecord, splitVariable } from './event-record';
import type { SecurityEventBody } from './event.dto';

const BODY: SecurityEventBody = {
  transactionId: 't-1',
  occurredAt: '2026-12-06T03:00:00Z',
  host: 'Shop.Test:8443',
  clientIp: '203.0.113.7',
  method: 'GET',
  uri: '/login?user=alice&Password=hunter2&api_key=k1&next=%2F',
  status: 403,
  engine: 'Enabled',
  producer: 'ModSecurity v3.0.9 (Linux)',
  headers: { Cookie: 'session=abc; theme=dark', Authorization: 'Basic dTpw', 'X-Auth-Token': 't', 'Proxy-Authorization': 'p', Accept: 'text/html' },
  matches: [
    { ruleId: 942100, message: 'SQLi', variable: 'ARGS:Password', data: 'Matched Data: hunter2 found within ARGS:Password: hunter2', severity: 2, tags: [] },
    { ruleId: 942200, message: 'cookie', variable: 'REQUEST_COOKIES:session', data: 'Matched Data: abc', severity: 2, tags: [] },
    { ruleId: 920350, message: 'header', variable: 'REQUEST_HEADERS:Authorization', data: 'Basic dTpw', severity: 2, tags: [] },
    { ruleId: 941100, message: 'XSS', variable: 'ARGS:bio', data: 'Matched Data: <script> found within ARGS:bio: <script>', severity: 2, tags: [] },
    { ruleId: 930100, message: 'unknown', variable: null, data: 'token=abc123 and Bearer eyJhbGciOiJI.eyJzdWIiOiIx.sig', severity: null, tags: [] },
  ],
};

describe('a shipped security event, as it is stored', () => {
  it('masks cookie values, credential headers, secret-named arguments and the data of secret variables', () => {
    const record = eventRecord(BODY);
    expect(record.query).toBe('user=alice&Password=***&api_key=***&next=%2F');
    expect(record.headers).toEqual({
      Cookie: 'session=***; theme=***',
      Authorization: '***',
      'X-Auth-Token': '***',
      'Proxy-Authorization': '***',
      Accept: 'text/html',
    });
    expect(record.matches.map((match) => match.data)).toEqual([
      '***',
      '***',
      '***',
      'Matched Data: <script> found within ARGS:bio: <script>',
      'token=*** and Bearer ***',
    ]);
  });

  it('keeps the path apart from the query, the host without its port, and tells blocked from detected', () => {
    const record = eventRecord(BODY);
    expect([record.host, record.path, record.action]).toEqual(['shop.test', '/login', 'blocked']);
    expect(eventRecord({ ...BODY, engine: 'DetectionOnly' }).action).toBe('detected');
    expect(eventRecord({ ...BODY, status: 200 }).action).toBe('detected');
  });

  it('splits a variable into collection and key', () => {
    expect(splitVariable('ARGS:json.user.name')).toEqual({ collection: 'ARGS', key: 'json.user.name' });
    expect(splitVariable('XML:/*')).toEqual({ collection: 'XML', key: '/*' });
    expect(splitVariable('REQUEST_FILENAME')).toEqual({ collection: 'REQUEST_FILENAME', key: null });
    expect(splitVariable(null)).toEqual({ collection: null, key: null });
  });
});
