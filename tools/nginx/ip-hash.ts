/**
 * The upstream `ip_hash` picks for an IPv4 client on its first try, when all `peers` have weight 1: nginx hashes
 * the first three octets (`hash = (hash * 113 + octet) % 6271`, from 89) and takes `hash % peers`
 * (ngx_http_upstream_ip_hash_module.c). A peer that is down makes nginx re-hash from there, which this ignores.
 */
export function ipHashPeer(ipv4: string, peers: number): number {
  const octets = ipv4.split('.').map(Number);
  if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet) || octet < 0 || octet > 255)) {
    throw new Error(`not an IPv4 address: ${ipv4}`);
  }
  let hash = 89;
  for (const octet of octets.slice(0, 3)) hash = (hash * 113 + octet) % 6271;
  return hash % peers;
}

/**
 * A loopback source address (`127.0.k.1`) that nginx's `ip_hash` sends to upstream `peer` of `peers`. Local
 * clients all come from 127.0.0.1 and land on one node; binding a client to this address spreads them.
 */
export function loopbackAddressFor(peer: number, peers: number): string {
  for (let k = 0; k < 256; k++) {
    const address = `127.0.${k}.1`;
    if (ipHashPeer(address, peers) === peer) return address;
  }
  throw new Error(`no 127.0.k.1 address hashes to peer ${peer} of ${peers}`);
}
