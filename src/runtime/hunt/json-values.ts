/** One complete top-level JSON value and the line it starts on. */
export interface JsonValueText {
  readonly text: string;
  readonly line: number;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Splits a stream of lines into top-level JSON values without parsing them, for event files that are
 * not one-object-per-line: evtx_dump's concatenated pretty-printed objects and JSON arrays of events
 * (whose elements are returned one by one). Tracks strings and escapes so braces inside values do not
 * count. A value larger than `maxChars` is dropped and reported through `tooLarge`.
 */
export class JsonValueSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private size = 0;
  private startLine = 0;
  private arrayMode: boolean | undefined;
  private oversized = false;
  tooLarge = 0;
  /** Characters outside any value that are not white space, commas or the array's brackets. */
  stray = 0;

  constructor(private readonly maxChars: number) {}

  /** Feeds one line; returns the values it completed. */
  push(line: string, lineNumber: number): JsonValueText[] {
    const done: JsonValueText[] = [];
    let start = this.depth > 0 ? 0 : -1;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (this.depth === 0) {
        if (c === OPEN_BRACKET && this.arrayMode === undefined) {
          this.arrayMode = true;
          continue;
        }
        if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          this.arrayMode ??= false;
          this.depth = 1;
          this.startLine = lineNumber;
          start = i;
          continue;
        }
        if (c === CLOSE_BRACKET && this.arrayMode === true) continue;
        if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x2c && c !== 0xfeff) this.stray++;
        continue;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.depth--;
        if (this.depth === 0) {
          this.append(line.slice(start, i + 1));
          const value = this.take();
          if (value !== undefined) done.push(value);
          start = -1;
        }
      }
    }
    if (this.depth > 0 && start >= 0) this.append(`${line.slice(start)}\n`);
    return done;
  }

  /** True when the input ended inside a value. */
  get unfinished(): boolean {
    return this.depth > 0;
  }

  private append(text: string): void {
    if (this.oversized) return;
    this.size += text.length;
    if (this.size > this.maxChars) {
      this.oversized = true;
      this.parts = [];
      return;
    }
    this.parts.push(text);
  }

  private take(): JsonValueText | undefined {
    const value = this.oversized ? undefined : { text: this.parts.join(''), line: this.startLine };
    if (this.oversized) this.tooLarge++;
    this.parts = [];
    this.size = 0;
    this.oversized = false;
    return value;
  }
}
