import { isIPv6 } from 'node:net';

/** An address or network as the panel stores it. */
export interface IpEntry {
  readonly version: 4 | 6;
  readonly address: bigint;
  readonly prefix: number;
  /** Canonical text: a bare address for a full-length prefix, RFC 5952 for IPv6. */
  readonly text: string;
}

export type IpParse = { entry: IpEntry } | { error: string };

const OCTET = /^(?:0|[1-9]\d{0,2})$/;

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => OCTET.test(part) && Number(part) <= 255)) return undefined;
  return parts.reduce((sum, part) => (sum << 8n) | BigInt(part), 0n);
}

function parseV6(text: string): bigint | undefined {
  if (text.includes('%') || !isIPv6(text)) return undefined;
  let groups: string[];
  const [head, tail] = text.split('::');
  const expand = (part: string) => (part === '' ? [] : part.split(':'));
  const withV4 = (list: string[]) => {
    const last = list.at(-1);
    if (last?.includes('.')) {
      const v4 = parseV4(last);
      if (v4 === undefined) return undefined;
      return [...list.slice(0, -1), (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
    }
    return list;
  };
  if (tail === undefined) {
    const all = withV4(expand(head));
    if (!all) return undefined;
    groups = all;
  } else {
    const left = withV4(expand(head));
    const right = withV4(expand(tail));
    if (!left || !right) return undefined;
    groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  }
  if (groups.length !== 8) return undefined;
  return groups.reduce((sum, group) => (sum << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function formatV4(address: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 0xffn)).join('.');
}

/** RFC 5952: lowercase, no leading zeros, the longest run (first on a tie) of two or more zero groups as `::`. */
function formatV6(address: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((address >> BigInt((7 - i) * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** One entry of an IP list or `ipMatch` argument, strictly normalised. */
export function parseIpEntry(raw: string): IpParse {
  const [addressText, prefixText, extra] = raw.split('/');
  if (extra !== undefined) return { error: 'must be an IP address or CIDR' };
  const v4 = parseV4(addressText);
  const v6 = v4 === undefined ? parseV6(addressText) : undefined;
  if (v4 === undefined && v6 === undefined) {
    if (addressText.includes('%')) return { error: 'must not carry a zone id' };
    return { error: 'must be an IPv4 or IPv6 address or CIDR (no hostnames, no leading zeros)' };
  }
  const version = v4 !== undefined ? 4 : 6;
  const address = (v4 ?? v6)!;
  const bits = version === 4 ? 32 : 128;
  if (version === 6 && (address >> 32n === 0xffffn || (address >> 32n === 0n && address > 1n))) {
    return { error: 'IPv4-mapped and IPv4-compatible IPv6 addresses are not accepted; write the IPv4 address' };
  }
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^[1-9]\d{0,2}$/.test(prefixText) || Number(prefixText) > bits) return { error: `prefix length must be 1–${bits}` };
    prefix = Number(prefixText);
  }
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  const format = version === 4 ? formatV4 : formatV6;
  if ((address & hostMask) !== 0n) return { error: `host bits are set; did you mean ${format(address & ~hostMask)}/${prefix}?` };
  const text = prefix === bits ? format(address) : `${format(address)}/${prefix}`;
  return { entry: { version, address, prefix, text } };
}

/** IPv4 first, then by address, then by prefix length. */
export function compareIp(a: IpEntry, b: IpEntry): number {
  if (a.version !== b.version) return a.version - b.version;
  if (a.address !== b.address) return a.address < b.address ? -1 : 1;
  return a.prefix - b.prefix;
}

/** Is the address a literal IPv4 or IPv6 one (for hosts that must be names)? */
export function isIpLiteral(text: string): boolean {
  return parseV4(text) !== undefined || parseV6(text.replace(/^\[|\]$/g, '')) !== undefined;
}
