import { describe, expect, it } from 'vitest';
import { responseUrlAllowList } from '../../src/platforms/slack/admission.js';
import { serviceUrlAllowList, tokenShapeProblem } from '../../src/platforms/teams/admission.js';

describe('Slack response_url allow-list', () => {
  const allowed = responseUrlAllowList('http://127.0.0.1:4000/api/');
  it.each([
    ['https://hooks.slack.com/commands/T1/2/3', true],
    ['https://hooks.slack.com/actions/T1/2/3', true],
    ['https://hooks.slack-gov.com/commands/T1/2/3', true],
    ['http://127.0.0.1:4000/response/r1', true],
    ['http://127.0.0.1:4001/response/r1', false],
    ['http://localhost:4000/response/r1', false],
    ['http://[::1]:4000/x', false],
    ['http://169.254.169.254/latest/meta-data/', false],
    ['http://hooks.slack.com/commands/1', false],
    ['https://hooks.slack.com:8443/commands/1', false],
    ['https://hooks.slack.com.evil.example/commands/1', false],
    ['https://hooks.slack.com@evil.example/commands/1', false],
    ['https://evilslack.com/x', false],
    ['https://slack.com.evil.example/x', false],
    ['file:///etc/passwd', false],
    ['gopher://hooks.slack.com/x', false],
    ['', false],
  ])('%s → %s', (url, expected) => expect(allowed(url)).toBe(expected));

  it('without SLACK_API_URL, Slack alone', () => {
    expect(responseUrlAllowList()('http://127.0.0.1:4000/response/r1')).toBe(false);
  });
});

describe('Teams serviceUrl allow-list', () => {
  const allowed = serviceUrlAllowList(['http://localhost:*', 'https://bots.example.com:8443']);
  it.each([
    ['https://smba.trafficmanager.net/amer/', true],
    ['https://smba.trafficmanager.net/teams/', true],
    ['https://smba.infra.gcc.teams.microsoft.com/', true],
    ['https://smba.infra.gov.teams.microsoft.us/', true],
    ['https://europe.webchat.botframework.com/', true],
    ['http://localhost:53216/', true],
    ['https://bots.example.com:8443/', true],
    ['https://bots.example.com/', false],
    ['http://smba.trafficmanager.net/amer/', false],
    ['https://evil.trafficmanager.net/', false],
    ['https://botframework.com.evil.example/', false],
    ['http://127.0.0.1:53216/', false],
    ['http://169.254.169.254/', false],
  ])('%s → %s', (url, expected) => expect(allowed(url)).toBe(expected));
});

describe('Teams token shape, judged before any key is fetched', () => {
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const token = (header: object, payload: object, sig = 'c2ln') => `Bearer ${part(header)}.${part(payload)}.${sig}`;
  it.each([
    ['no bearer', 'Basic abc', /no bearer token/],
    ['alg none', token({ alg: 'none' }, { exp: 1 }, ''), /not a signed JWT/],
    ['alg none with a signature', token({ alg: 'none' }, { exp: 1 }), /alg "none"/],
    ['HS256', token({ alg: 'HS256' }, { exp: 1 }), /alg "HS256"/],
    ['no exp', token({ alg: 'RS256' }, { iss: 'x' }), /no exp/],
    ['exp as text', token({ alg: 'RS256' }, { exp: '9999999999' }), /no exp/],
    ['not JSON', 'Bearer a.b.c', /not a signed JWT/],
  ])('%s is refused', (_label, header, reason) => expect(tokenShapeProblem(header)).toMatch(reason));

  it('lets an RS256 JWS with exp through to the SDK', () => {
    expect(tokenShapeProblem(token({ alg: 'RS256', kid: 'k' }, { exp: 1 }))).toBeUndefined();
  });
});
