/**
 * A minimal DER walker: enough to find and splice TBSCertificate fields while copying every
 * other byte verbatim (re-serialising parsed structures could change signed bytes).
 */
export interface Tlv {
  readonly tag: number;
  /** Offset of the tag byte within the buffer that was walked. */
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

export class DerError extends Error {}

export function readTlv(bytes: Buffer, at: number, limit = bytes.length): Tlv {
  if (at + 2 > limit) throw new DerError('truncated DER');
  const tag = bytes[at];
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not used in certificates');
  let length = bytes[at + 1];
  let contentStart = at + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4 || contentStart + octets > limit) throw new DerError('unsupported DER length');
    length = bytes.readUIntBE(contentStart, octets);
    if (length < 0x80 || bytes[contentStart] === 0) throw new DerError('non-minimal DER length');
    contentStart += octets;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError('DER value runs past its container');
  return { tag, start: at, contentStart, end };
}

/** The TLVs directly inside a constructed value. */
export function children(bytes: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let at = parent.contentStart;
  while (at < parent.end) {
    const tlv = readTlv(bytes, at, parent.end);
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

export function slice(bytes: Buffer, tlv: Tlv): Buffer {
  return bytes.subarray(tlv.start, tlv.end);
}

/** A TLV with new content, its length re-encoded. */
export function encodeTlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  let header: Buffer;
  if (length < 0x80) header = Buffer.from([tag, length]);
  else {
    const octets = Math.ceil(Math.log2(length + 1) / 8);
    header = Buffer.alloc(2 + octets);
    header[0] = tag;
    header[1] = 0x80 | octets;
    header.writeUIntBE(length, 2, octets);
  }
  return Buffer.concat([header, content]);
}

/** DER encoding of an OBJECT IDENTIFIER's content from its dotted form. */
export function oidContent(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out = [40 * arcs[0] + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const base128 = [arc & 0x7f];
    for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) base128.unshift(0x80 | (rest & 0x7f));
    out.push(...base128);
  }
  return Buffer.from(out);
}
