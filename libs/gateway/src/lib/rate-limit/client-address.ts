import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Whether the hop at `address` is a proxy whose `X-Forwarded-For` is believed (proxy-addr's compiled trust). */
export type TrustedProxies = (address: string, hop: number) => boolean;

/** `::ffff:10.0.0.1` and `10.0.0.1` are one address. */
function normalize(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped ? mapped[1] : trimmed).toLowerCase();
}

/**
 * The client's address, as Express' `trust proxy` finds it (proxy-addr): the peer, or, while the hop is a trusted
 * proxy, the next address leftwards in `X-Forwarded-For`; the first untrusted one is the client (entries further
 * left were written by the client and prove nothing).
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  trustedProxies: TrustedProxies,
): string | undefined {
  if (peer === undefined) return undefined;
  const header = typeof forwardedFor === 'string' ? forwardedFor : (forwardedFor ?? []).join(',');
  // proxy-addr reads only these two fields of a request.
  const request = {
    headers: { 'x-forwarded-for': header },
    socket: { remoteAddress: peer },
  } as unknown as IncomingMessage;
  return normalize(proxyAddr(request, trustedProxies));
}

/**
 * Compiles the trusted proxies: IP addresses (`10.0.0.2`, `::1`), CIDR ranges (`10.0.0.0/8`, `fd00::/8`,
 * `10.0.0.0/255.0.0.0`) and proxy-addr's names `loopback`, `linklocal`, `uniquelocal`. Throws a `TypeError` naming
 * an entry that is none of these.
 */
export function compileTrustedProxies(entries: readonly string[]): TrustedProxies {
  const cleaned = entries.map((entry) => entry.trim()).filter(Boolean);
  if (cleaned.length === 0) return () => false;
  for (const entry of cleaned) {
    try {
      proxyAddr.compile(entry);
    } catch {
      throw new TypeError(
        `"${entry}" is not an IP address, a CIDR range, loopback, linklocal or uniquelocal`,
      );
    }
  }
  return proxyAddr.compile(cleaned);
}
