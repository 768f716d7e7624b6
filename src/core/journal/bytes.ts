import { assert } from '../assert.js';
import { idZero } from '../ledger/types.js';

const u64Mask = 0xffff_ffff_ffff_ffffn;
const twoTo32 = 2 ** 32;
const safeIntegerMax = BigInt(Number.MAX_SAFE_INTEGER);

/** Value of each lowercase hex digit by character code, -1 for anything else (uppercase too: ids are canonical). */
const hexValue = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i += 1) hexValue[48 + i] = i;
for (let i = 0; i < 6; i += 1) hexValue[97 + i] = 10 + i;

/** Appends big-endian fields to a growing buffer: the canonical bytes that get hashed. */
export class ByteWriter {
  private buffer: Buffer;
  private offset = 0;

  constructor(initialBytes = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  get length(): number {
    return this.offset;
  }

  /** The bytes written so far (a view, valid until the next write). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.offset);
  }

  u8(value: number): void {
    this.reserve(1);
    this.buffer[this.offset++] = value;
  }

  u16(value: number): void {
    this.reserve(2);
    this.offset = this.buffer.writeUInt16BE(value, this.offset);
  }

  u32(value: number): void {
    this.reserve(4);
    this.offset = this.buffer.writeUInt32BE(value, this.offset);
  }

  /** A non-negative safe integer (timestamps, counters) in 8 bytes. */
  u53(value: number): void {
    assert(Number.isSafeInteger(value) && value >= 0, 'u53 field is a non-negative safe integer');
    this.reserve(8);
    this.offset = this.buffer.writeUInt32BE(Math.floor(value / twoTo32), this.offset);
    this.offset = this.buffer.writeUInt32BE(value >>> 0, this.offset);
  }

  u128(value: bigint): void {
    this.reserve(16);
    if (value >= 0n && value <= safeIntegerMax) {
      // Most amounts: through a double, without the BigInt temporaries writeBigUInt64BE makes.
      const n = Number(value);
      this.buffer.fill(0, this.offset, this.offset + 8);
      this.offset = this.buffer.writeUInt32BE(Math.floor(n / twoTo32), this.offset + 8);
      this.offset = this.buffer.writeUInt32BE(n >>> 0, this.offset);
    } else if (value <= u64Mask) {
      assert(value >= 0n, 'u128 field is non-negative');
      this.buffer.fill(0, this.offset, this.offset + 8);
      this.offset = this.buffer.writeBigUInt64BE(value, this.offset + 8);
    } else {
      assert(value >> 128n === 0n, 'u128 field fits 128 bits');
      this.offset = this.buffer.writeBigUInt64BE(value >> 64n, this.offset);
      this.offset = this.buffer.writeBigUInt64BE(value & u64Mask, this.offset);
    }
  }

  /** A 128-bit id given as 32 lowercase hex digits, stored as its 16 bytes (decoded here: cheaper than a native call per id). */
  id(value: string): void {
    assert(value.length === 32, 'id field is 32 hex digits');
    this.reserve(16);
    if (value === idZero) {
      // Most transfers have no pending id and no UETR.
      this.buffer.fill(0, this.offset, this.offset + 16);
      this.offset += 16;
      return;
    }
    const buffer = this.buffer;
    let offset = this.offset;
    for (let i = 0; i < 32; i += 2) {
      const high = hexValue[value.charCodeAt(i)] ?? -1;
      const low = hexValue[value.charCodeAt(i + 1)] ?? -1;
      assert(high >= 0 && low >= 0, 'id field is lowercase hex');
      buffer[offset++] = (high << 4) | low;
    }
    this.offset = offset;
  }

  /** A UTF-8 string of at most 255 bytes, after a one-byte length. */
  text(value: string): void {
    const length = Buffer.byteLength(value, 'utf8');
    assert(length <= 255, 'text field at most 255 bytes');
    this.reserve(1 + length);
    this.buffer[this.offset++] = length;
    this.offset += this.buffer.write(value, this.offset, 'utf8');
  }

  /** A UTF-8 string of at most `bytesMax` bytes after a four-byte length, encoded in place (no copy of its own). */
  longText(value: string, bytesMax: number, what: string): void {
    const length = Buffer.byteLength(value, 'utf8');
    if (length > bytesMax) throw new RangeError(`${what} of ${length} bytes`);
    this.u32(length);
    this.reserve(length);
    this.offset += this.buffer.write(value, this.offset, 'utf8');
  }

  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.offset);
    this.offset += bytes.length;
  }

  private reserve(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.offset + bytes) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
  }
}

/** Reads what ByteWriter wrote; any read past the end is corruption and throws. */
export class ByteReader {
  private offset = 0;

  constructor(private readonly buffer: Buffer) {}

  get remaining(): number {
    return this.buffer.length - this.offset;
  }

  u8(): number {
    this.need(1);
    return this.buffer[this.offset++]!;
  }

  u16(): number {
    this.need(2);
    const value = this.buffer.readUInt16BE(this.offset);
    this.offset += 2;
    return value;
  }

  u32(): number {
    this.need(4);
    const value = this.buffer.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  u53(): number {
    this.need(8);
    const high = this.buffer.readUInt32BE(this.offset);
    const low = this.buffer.readUInt32BE(this.offset + 4);
    this.offset += 8;
    const value = high * twoTo32 + low;
    if (!Number.isSafeInteger(value)) throw new RangeError('u53 field beyond a safe integer');
    return value;
  }

  u128(): bigint {
    this.need(16);
    const high = this.buffer.readBigUInt64BE(this.offset);
    const low = this.buffer.readBigUInt64BE(this.offset + 8);
    this.offset += 16;
    return high === 0n ? low : (high << 64n) | low;
  }

  id(): string {
    this.need(16);
    const value = this.buffer.toString('hex', this.offset, this.offset + 16);
    this.offset += 16;
    return value;
  }

  text(): string {
    const length = this.u8();
    this.need(length);
    const value = this.buffer.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  raw(length: number): Buffer {
    this.need(length);
    const bytes = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return bytes;
  }

  private need(bytes: number): void {
    if (this.offset + bytes > this.buffer.length) throw new RangeError('read past the end of the record');
  }
}
