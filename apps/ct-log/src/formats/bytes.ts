/** TLS presentation-language integers and length prefixes (RFC 8446 §3): unsigned, big-endian. */

export function u8(value: number): Buffer {
  return Buffer.from([value]);
}

export function u16(value: number): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(value);
  return out;
}

export function u24(value: number): Buffer {
  if (value > 0xffffff) throw new RangeError(`${value} does not fit a 24-bit length`);
  const out = Buffer.alloc(3);
  out.writeUIntBE(value, 0, 3);
  return out;
}

export function u40(value: number): Buffer {
  const out = Buffer.alloc(5);
  out.writeUIntBE(value, 0, 5);
  return out;
}

export function u64(value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(value));
  return out;
}

export function withU16Length(body: Uint8Array): Buffer {
  return Buffer.concat([u16(body.length), body]);
}

export function withU24Length(body: Uint8Array): Buffer {
  return Buffer.concat([u24(body.length), body]);
}

/** Thrown by `ByteReader` when a structure is truncated or malformed. */
export class MalformedStructureError extends Error {}

/** Reads a structure front to back; every read is bounds-checked. */
export class ByteReader {
  private at = 0;

  constructor(private readonly bytes: Buffer) {}

  get offset(): number {
    return this.at;
  }

  get done(): boolean {
    return this.at === this.bytes.length;
  }

  take(length: number): Buffer {
    if (length < 0 || this.at + length > this.bytes.length) throw new MalformedStructureError(`truncated at byte ${this.at}: ${length} more bytes expected`);
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }

  uint(width: 1 | 2 | 3 | 5 | 8): number {
    const raw = this.take(width);
    if (width === 8) {
      const value = raw.readBigUInt64BE();
      if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedStructureError(`64-bit value ${value} is too large`);
      return Number(value);
    }
    return raw.readUIntBE(0, width);
  }

  u16Prefixed(): Buffer {
    return this.take(this.uint(2));
  }

  u24Prefixed(): Buffer {
    return this.take(this.uint(3));
  }

  end(what: string): void {
    if (!this.done) throw new MalformedStructureError(`${this.bytes.length - this.at} trailing bytes after ${what}`);
  }
}

/** A sequence of `u24 len ‖ item` items inside a u24-prefixed list. */
export function u24List(items: readonly Uint8Array[]): Buffer {
  return withU24Length(Buffer.concat(items.map(withU24Length)));
}

export function readU24List(bytes: Buffer): Buffer[] {
  const reader = new ByteReader(bytes);
  const items: Buffer[] = [];
  while (!reader.done) items.push(reader.u24Prefixed());
  return items;
}
