import { pathOf } from './redact';

describe('pathOf', () => {
  it.each([
    ['/ws?ticket=abc', '/ws'],
    ['/auth/ticket', '/auth/ticket'],
    ['/x#frag?y', '/x'],
    ['/?access_token=eyJ', '/'],
    [undefined, '/'],
  ])('shows %s as %s', (url, path) => {
    expect(pathOf(url)).toBe(path);
  });
});
