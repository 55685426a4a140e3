import { type Checker, join } from '@lib/platform';
import { compareIp, type IpEntry, parseIpEntry } from './ip';

/** The entries of an IP list (already checked to be a list): every bad index named, then canonical, de-duplicated and sorted. */
export function checkIpList(check: Checker, list: unknown[], path: string): IpEntry[] {
  const entries: IpEntry[] = [];
  list.forEach((item, index) => {
    if (typeof item !== 'string' || item.length > 64) return void check.fail(join(path, index), 'must be an IP address or CIDR');
    const parsed = parseIpEntry(item);
    if ('error' in parsed) return void check.fail(join(path, index), parsed.error);
    entries.push(parsed.entry);
  });
  const unique = new Map(entries.map((entry) => [entry.text, entry]));
  return [...unique.values()].sort(compareIp);
}
