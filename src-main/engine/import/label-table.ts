/**
 * The distinct labels of one text column and a code for each, looked up by the
 * field's bytes: a hash of the span and a byte comparison with the label's first
 * occurrence, so a repeated label costs no string and no decoding. Only a label
 * seen for the first time is decoded. Values that arrive as strings (quoted fields
 * with "" escapes) go through a Map over the same codes, so one label has one code
 * however it was written.
 */
export class LabelTable {
  readonly labels: string[] = [];
  /** Line where each label was first seen, for error messages. */
  readonly lines: number[] = [];
  private readonly byText = new Map<string, number>();
  /** Open addressing: slot → code, -1 when empty. */
  private slots = new Int32Array(64).fill(-1);
  private inTable = 0;
  /** Per code: its span in the bytes, hash, and length; start -1 until a byte span is known. */
  private spanStart = new Int32Array(16).fill(-1);
  private spanLength = new Int32Array(16);
  private spanHash = new Int32Array(16);
  private readonly decoder = new TextDecoder();

  constructor(private readonly bytes: Uint8Array) {}

  get size(): number {
    return this.labels.length;
  }

  codeOfSpan(start: number, end: number, line: number): number {
    const bytes = this.bytes;
    const length = end - start;
    let h = 0x811c9dc5 | 0; // FNV-1a
    for (let p = start; p < end; p++) h = Math.imul(h ^ bytes[p], 0x01000193);
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const code = this.slots[i];
      if (code < 0) break;
      if (this.spanHash[code] === h && this.spanLength[code] === length && this.sameBytes(this.spanStart[code], start, length)) {
        return code;
      }
    }
    const label = this.decoder.decode(bytes.subarray(start, end));
    const code = this.codeOfText(label, line);
    this.remember(code, start, length, h);
    return code;
  }

  codeOfText(label: string, line: number): number {
    let code = this.byText.get(label);
    if (code === undefined) {
      code = this.labels.length;
      this.labels.push(label);
      this.lines.push(line);
      this.byText.set(label, code);
      if (code === this.spanStart.length) this.growSpans();
    }
    return code;
  }

  private sameBytes(a: number, b: number, length: number): boolean {
    const bytes = this.bytes;
    for (let k = 0; k < length; k++) if (bytes[a + k] !== bytes[b + k]) return false;
    return true;
  }

  private remember(code: number, start: number, length: number, hash: number): void {
    if (this.spanStart[code] >= 0) return; // already reachable by another spelling of its bytes
    this.spanStart[code] = start;
    this.spanLength[code] = length;
    this.spanHash[code] = hash;
    if (2 * (this.inTable + 1) > this.slots.length) this.rehash();
    this.insert(code);
    this.inTable++;
  }

  private insert(code: number): void {
    const mask = this.slots.length - 1;
    let i = this.spanHash[code] & mask;
    while (this.slots[i] >= 0) i = (i + 1) & mask;
    this.slots[i] = code;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    for (let i = 0; i < old.length; i++) if (old[i] >= 0) this.insert(old[i]);
  }

  private growSpans(): void {
    const grow = (a: Int32Array, fill: number) => {
      const b = new Int32Array(a.length * 2).fill(fill);
      b.set(a);
      return b;
    };
    this.spanStart = grow(this.spanStart, -1);
    this.spanLength = grow(this.spanLength, 0);
    this.spanHash = grow(this.spanHash, 0);
  }
}
