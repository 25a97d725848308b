import { clientAddress, trustedProxySet } from './client-address';

describe('clientAddress', () => {
  const nginx = trustedProxySet(['127.0.0.1', '10.0.0.2']);

  it('is the peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('198.51.100.7', '203.0.113.1', trustedProxySet([]))).toBe('198.51.100.7');
    expect(clientAddress('198.51.100.7', '203.0.113.1', nginx)).toBe('198.51.100.7');
  });

  it('is the nearest untrusted hop behind a trusted proxy, ignoring what the client wrote further left', () => {
    expect(clientAddress('::ffff:127.0.0.1', '6.6.6.6, 203.0.113.9', nginx)).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', ['6.6.6.6', '203.0.113.9, 10.0.0.2'], nginx)).toBe('203.0.113.9');
  });

  it('falls back to the peer when the proxy sent no usable header', () => {
    expect(clientAddress('127.0.0.1', undefined, nginx)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '10.0.0.2', nginx)).toBe('127.0.0.1');
  });
});
