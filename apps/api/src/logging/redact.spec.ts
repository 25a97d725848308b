import { pathOf, redactUrl, scrubText } from './redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redactUrl', () => {
  it.each([
    ['/ws?ticket=abc123', '/ws?ticket=[REDACTED]'],
    [
      '/socket.io/?EIO=4&transport=websocket&ticket=abc',
      '/socket.io/?EIO=[REDACTED]&transport=[REDACTED]&ticket=[REDACTED]',
    ],
    ['/ws?access_token=x&ticket=y#frag', '/ws?access_token=[REDACTED]&ticket=[REDACTED]#frag'],
    ['/ws?ticket=', '/ws?ticket=[REDACTED]'],
    [`/rooms/${JWT}`, '/rooms/[REDACTED]'],
    ['/auth/ticket', '/auth/ticket'],
    [undefined, '/'],
  ])('shows %s as %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});

describe('pathOf', () => {
  it.each([
    ['/ws?ticket=abc', '/ws'],
    ['/x#frag?y', '/x'],
    [`/rooms/${JWT}?a=b`, '/rooms/[REDACTED]'],
    [undefined, '/'],
  ])('shows %s as %s', (url, path) => {
    expect(pathOf(url)).toBe(path);
  });
});

describe('scrubText', () => {
  it.each([
    [`token ${JWT} refused`, 'token [REDACTED] refused'],
    ['Authorization: Bearer abc.def', 'Authorization: Bearer [REDACTED]'],
    ['redis://:hunter2@redis.internal:6379/0', 'redis://[REDACTED]@redis.internal:6379/0'],
    ['GET http://host/ws?ticket=abc failed', 'GET http://host/ws?ticket=[REDACTED] failed'],
    ['reauth with ticket=abc, password=p', 'reauth with ticket=[REDACTED], password=[REDACTED]'],
    ['upgrade refused (ticket-invalid) from 127.0.0.1', 'upgrade refused (ticket-invalid) from 127.0.0.1'],
  ])('shows %s as %s', (text, shown) => {
    expect(scrubText(text)).toBe(shown);
  });
});
