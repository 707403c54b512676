/**
 * Staging batches for PostgreSQL as binary array parameters (the `array_recv` format): each column
 * of a batch is written straight into a Buffer as rows are validated, so a row's JavaScript strings
 * and objects die young instead of waiting in the heap until their batch is sent. With a million rows
 * that is the difference between a heap that stays small and one that fills with promoted garbage
 * until the next full collection (measured: 100+ MB of the import's peak RSS). node-postgres sends a
 * Buffer parameter in binary format; `$n::text[]` etc. tell the server how to read it.
 */
const OIDS = { int: 23, text: 25, date: 1082 } as const;
export type BinaryElementType = keyof typeof OIDS;

const HEADER_BYTES = 20;
// PostgreSQL dates count days from 2000-01-01.
const POSTGRES_EPOCH_DAY = Date.UTC(2000, 0, 1) / 86_400_000;

export class BinaryArrayBuilder {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private offset = HEADER_BYTES;
  private count = 0;
  private hasNull = false;

  constructor(private readonly type: BinaryElementType) {}

  get length(): number {
    return this.count;
  }

  push(value: string | number | null): void {
    this.count += 1;
    if (value === null) {
      this.hasNull = true;
      this.reserve(4);
      this.buffer.writeInt32BE(-1, this.offset);
      this.offset += 4;
      return;
    }
    if (this.type === "text") {
      const text = String(value);
      // At most 3 bytes per UTF-16 unit in UTF-8.
      this.reserve(4 + text.length * 3);
      const written = this.buffer.write(text, this.offset + 4, "utf8");
      this.buffer.writeInt32BE(written, this.offset);
      this.offset += 4 + written;
      return;
    }
    this.reserve(8);
    this.buffer.writeInt32BE(4, this.offset);
    // writeInt32BE throws on a value outside int4, rather than wrapping it silently.
    this.buffer.writeInt32BE(
      this.type === "date" ? isoToPostgresDay(String(value)) : Number(value),
      this.offset + 4,
    );
    this.offset += 8;
  }

  /** The finished parameter; the builder is not used afterwards. */
  finish(): Buffer {
    const out = this.buffer.subarray(0, this.offset);
    out.writeInt32BE(1, 0); // dimensions
    out.writeInt32BE(this.hasNull ? 1 : 0, 4);
    out.writeInt32BE(OIDS[this.type], 8);
    out.writeInt32BE(this.count, 12);
    out.writeInt32BE(1, 16); // lower bound
    return out;
  }

  private reserve(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.offset + bytes));
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
  }
}

/** A validated ISO date (YYYY-MM-DD) as PostgreSQL's day number. */
export function isoToPostgresDay(iso: string): number {
  const epochDay =
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
  if (!Number.isInteger(epochDay) || iso.length !== 10) throw new RangeError(`not an ISO date: "${iso}"`);
  return epochDay - POSTGRES_EPOCH_DAY;
}
