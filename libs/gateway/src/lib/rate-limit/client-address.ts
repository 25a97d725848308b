/** `::ffff:10.0.0.1` and `10.0.0.1` are one address. */
function normalize(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped ? mapped[1] : trimmed).toLowerCase();
}

/**
 * The client's address: the peer, or, when the peer is a trusted proxy, the nearest address in `X-Forwarded-For`
 * that is not a trusted proxy itself (entries further left were written by the client and prove nothing).
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  trustedProxies: ReadonlySet<string>,
): string | undefined {
  if (peer === undefined || trustedProxies.size === 0 || !trustedProxies.has(normalize(peer))) return peer;
  const hops = (typeof forwardedFor === 'string' ? [forwardedFor] : forwardedFor ?? [])
    .flatMap((header) => header.split(','))
    .map(normalize)
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trustedProxies.has(hops[i])) return hops[i];
  return peer;
}

export function trustedProxySet(addresses: readonly string[]): ReadonlySet<string> {
  return new Set(addresses.map(normalize));
}
