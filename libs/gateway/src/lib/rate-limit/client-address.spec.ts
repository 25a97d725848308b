import { clientAddress, compileTrustedProxies } from './client-address';

describe('clientAddress', () => {
  const nginx = compileTrustedProxies(['127.0.0.1', '10.0.0.2']);

  it('is the peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('198.51.100.7', '203.0.113.1', compileTrustedProxies([]))).toBe('198.51.100.7');
    expect(clientAddress('198.51.100.7', '203.0.113.1', nginx)).toBe('198.51.100.7');
  });

  it('is the nearest untrusted hop behind a trusted proxy, ignoring what the client wrote further left', () => {
    expect(clientAddress('::ffff:127.0.0.1', '6.6.6.6, 203.0.113.9', nginx)).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', ['6.6.6.6', '203.0.113.9, 10.0.0.2'], nginx)).toBe('203.0.113.9');
  });

  it('falls back to the peer when the proxy sent no usable header', () => {
    expect(clientAddress('127.0.0.1', undefined, nginx)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '', nginx)).toBe('127.0.0.1');
  });

  it('is the furthest hop when every hop is a trusted proxy (a client inside the trusted network), as Express does', () => {
    expect(clientAddress('127.0.0.1', '10.0.0.2', nginx)).toBe('10.0.0.2');
  });

  it('trusts whole CIDR ranges, IPv4 and IPv6, and the loopback name', () => {
    const ranges = compileTrustedProxies(['10.0.0.0/8', 'fd00::/8', 'loopback']);
    expect(clientAddress('10.1.2.3', '203.0.113.9, 10.200.0.1', ranges)).toBe('203.0.113.9');
    expect(clientAddress('fd00::17', '2001:DB8::1', ranges)).toBe('2001:db8::1');
    expect(clientAddress('::1', '198.51.100.4', ranges)).toBe('198.51.100.4');
    expect(clientAddress('11.0.0.1', '203.0.113.9', ranges)).toBe('11.0.0.1');
    expect(clientAddress('::ffff:10.9.9.9', '203.0.113.9', ranges)).toBe('203.0.113.9');
  });

  it('refuses an entry that is no address, range or name, naming it', () => {
    expect(() => compileTrustedProxies(['10.0.0.0/8', 'nginx.local'])).toThrow(
      /"nginx.local" is not an IP address, a CIDR range/,
    );
    expect(() => compileTrustedProxies(['10.0.0.0/33'])).toThrow(/"10.0.0.0\/33"/);
  });
});
