import { redactText, redactUrl } from './redact';

describe('redaction', () => {
  it.each([
    ['postgres://app:s3cr3t@db:5432/cps', 'postgres://app:***@db:5432/cps'],
    ['postgresql://app:p%40ss@db/cps?sslmode=require', 'postgresql://app:***@db/cps?sslmode=require'],
    ['postgres://app@db/cps?password=s3cr3t&application_name=x', 'postgres://app@db/cps?password=***&application_name=x'],
    ['postgres://app@db/cps', 'postgres://app@db/cps'],
    ['/api/sources?access_token=abc&page=2', '/api/sources?access_token=***&page=2'],
  ])('redactUrl(%s)', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it('finds credentials inside free text', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVl';
    const text = `connect to postgres://app:s3cr3t@db/cps failed; header Bearer ${jwt}; password=hunter2 token: abc123`;
    const redacted = redactText(text);
    for (const secret of ['s3cr3t', jwt, 'hunter2', 'abc123']) expect(redacted).not.toContain(secret);
    expect(redacted).toContain('postgres://app:***@db/cps');
  });
});
