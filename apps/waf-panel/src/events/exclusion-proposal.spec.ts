import { proposeExclusions, scopeSegments, sharedPath, type ProposalEvent } from './exclusion-proposal';

const VHOST = { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', domain: 'shop.test' };
const SQLI = { ruleId: 942100, message: 'SQL Injection Attack Detected via libinjection', collection: 'ARGS', key: 'comment' };
const SCORE = { ruleId: 949110, message: 'Inbound Anomaly Score Exceeded', collection: 'TX', key: 'ANOMALY_SCORE' };
const event = (id: string, path: string, matches: ProposalEvent['matches'] = [SQLI, SCORE]): ProposalEvent => ({ id, transactionId: `t-${id}`, path, matches });

describe('exclusion proposals from security events', () => {
  it('proposes one exclusion per rule and exact variable, on the vhost, under the path the events share', () => {
    const { exclusions, skipped } = proposeExclusions({
      events: [event('1', '/blog/comments'), event('2', '/blog/comments', [SQLI, { ...SQLI, ruleId: 942190 }, SCORE])],
      vhost: VHOST,
      existing: [],
      force: false,
    });
    expect(exclusions.map((exclusion) => [exclusion.body, exclusion.events, exclusion.exists, exclusion.protected])).toEqual([
      [
        {
          ruleId: 942100,
          variable: { collection: 'ARGS', key: 'comment' },
          vhostId: VHOST.id,
          path: '/blog/comments',
          comment: 'From 2 security event(s): t-1, t-2',
        },
        2,
        false,
        false,
      ],
      [
        {
          ruleId: 942190,
          variable: { collection: 'ARGS', key: 'comment' },
          vhostId: VHOST.id,
          path: '/blog/comments',
          comment: 'From 1 security event(s): t-2',
        },
        1,
        false,
        false,
      ],
    ]);
    expect(exclusions[0].explanation).toBe(
      'Rule 942100 (SQL Injection Attack Detected via libinjection) stops inspecting ARGS:comment in requests to /blog/comments and below on shop.test. ' +
        'Every other rule still inspects ARGS:comment, rule 942100 still inspects the rest of the request, and other vhosts of the policy are unaffected.',
    );
    expect(skipped).toEqual([{ ruleId: 949110, variable: 'TX:ANOMALY_SCORE', reason: expect.stringContaining('anomaly score') }]);
  });

  it('widens the path only to what the events share, and says when that is the whole site', () => {
    expect(sharedPath(['/blog/1/comments', '/blog/2/comments'])).toBe('/blog');
    expect(sharedPath(['/blog/comments', '/contact'])).toBeNull();
    expect(sharedPath(['/'])).toBeNull();
    const { exclusions } = proposeExclusions({ events: [event('1', '/blog'), event('2', '/contact')], vhost: VHOST, existing: [], force: false });
    expect(exclusions[0].body.path).toBeNull();
    expect(exclusions[0].explanation).toContain('any request to shop.test (the events share no path below /)');
  });

  it('reads the path as the engine does, and stops the scope where an exclusion path cannot follow', () => {
    expect(scopeSegments('/blog/%63omments/./x/../y')).toEqual(['blog', 'comments', 'y']);
    expect(scopeSegments('/login;jsessionid=1/x')).toEqual([]);
    expect(scopeSegments('/api/v1/items%20list/7')).toEqual(['api', 'v1']);
    expect(scopeSegments('\\admin\\panel')).toEqual(['admin', 'panel']);
  });

  it('lowercases header keys, marks exclusions the policy already has, and skips variables no exclusion can name', () => {
    const { exclusions, skipped } = proposeExclusions({
      events: [
        event('1', '/search', [
          { ruleId: 920350, message: 'Host header is a numeric IP address', collection: 'REQUEST_HEADERS', key: 'Host' },
          { ruleId: 942100, message: 'SQLi', collection: 'ARGS', key: 'q' },
          { ruleId: 941100, message: 'XSS', collection: 'ARGS', key: 'a b' },
          { ruleId: 932100, message: 'RCE', collection: 'XML', key: '/*' },
        ]),
      ],
      vhost: VHOST,
      existing: [{ ruleId: 942100, tag: null, variable: { collection: 'ARGS', key: 'q' }, vhostId: VHOST.id, path: '/search', comment: '', forced: false }],
      force: false,
    });
    expect(exclusions.map((exclusion) => [exclusion.body.ruleId, exclusion.body.variable, exclusion.exists])).toEqual([
      [920350, { collection: 'REQUEST_HEADERS', key: 'host' }, false],
      [942100, { collection: 'ARGS', key: 'q' }, true],
    ]);
    expect(skipped.map((skip) => [skip.ruleId, skip.variable, skip.reason.split(':')[0]])).toEqual([
      [932100, 'XML:/*', 'it matched no part of the request input (an anomaly score or engine state); it follows from the rules that did'],
      [941100, 'ARGS:a b', 'no valid exclusion names it'],
    ]);
  });

  it('proposes a protected target only when forced', () => {
    const events = [event('1', '/x', [{ ruleId: 949110, message: 'score', collection: 'ARGS', key: 'x' }])];
    expect(proposeExclusions({ events, vhost: VHOST, existing: [], force: false })).toEqual({
      exclusions: [],
      skipped: [{ ruleId: 949110, variable: 'ARGS:x', reason: expect.stringContaining('protected') }],
    });
    const forced = proposeExclusions({ events, vhost: VHOST, existing: [], force: true }).exclusions;
    expect(forced.map((exclusion) => [exclusion.protected, exclusion.body.force])).toEqual([[true, true]]);
  });
});
