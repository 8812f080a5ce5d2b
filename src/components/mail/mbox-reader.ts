import { createReadStream } from 'node:fs';

/** One message cut out of an mbox file. */
export interface MboxMessage {
  /** 0-based position of the message in the file. */
  readonly index: number;
  /** Byte offset of its `From ` envelope line. */
  readonly offset: number;
  /** The message without the envelope line, `>From ` lines unquoted. */
  readonly raw: Uint8Array;
  /** True when the message was longer than the limit and only its start is in `raw`. */
  readonly truncated: boolean;
}

export interface MboxOptions {
  /** Bytes kept of one message; the rest is skipped (and `truncated` set). */
  readonly maxMessageBytes: number;
  readonly signal?: AbortSignal;
}

const LF = 0x0a;
const GT = 0x3e;
const FROM_ = Buffer.from('From ');

/** `From ` at `at` (a line start). */
function isEnvelope(line: Uint8Array): boolean {
  return line.length >= 5 && line[0] === 0x46 && line[1] === 0x72 && line[2] === 0x6f && line[3] === 0x6d && line[4] === 0x20;
}

/** `>From `, `>>From ` …: mboxrd quoting, undone by removing one `>`. */
function isQuotedFrom(line: Uint8Array): boolean {
  let i = 0;
  while (i < line.length && line[i] === GT) i++;
  return i > 0 && line.length - i >= 5 && Buffer.from(line.buffer, line.byteOffset + i, 5).equals(FROM_);
}

/**
 * Accumulates the lines of one message within a byte budget. Lines are kept as views of the read
 * chunks and copied once, when the message ends.
 */
class MessageBuilder {
  private parts: Uint8Array[] = [];
  private bytes = 0;
  truncated = false;

  constructor(private readonly max: number) {}

  add(line: Uint8Array): void {
    if (this.truncated) return;
    if (this.bytes + line.length > this.max) {
      this.parts.push(line.subarray(0, this.max - this.bytes));
      this.bytes = this.max;
      this.truncated = true;
      return;
    }
    this.parts.push(line);
    this.bytes += line.length;
  }

  take(): Uint8Array {
    const out = Buffer.concat(this.parts);
    this.parts = [];
    this.bytes = 0;
    this.truncated = false;
    return out;
  }
}

/**
 * Streams the messages of an mbox file (mboxo/mboxrd): split on lines that start with `From `,
 * with `>From ` quoting undone. Memory is bounded by one message (`maxMessageBytes`) plus one chunk;
 * a line longer than a chunk is handled in pieces.
 */
export async function* readMbox(path: string, options: MboxOptions): AsyncGenerator<MboxMessage> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20, ...(options.signal === undefined ? {} : { signal: options.signal }) });
  const builder = new MessageBuilder(options.maxMessageBytes);
  let index = 0;
  let offset = 0; // byte offset of the current chunk's first byte
  let messageOffset = -1; // offset of the current message's envelope line, -1 before the first
  let inEnvelope = false; // inside the envelope line (skipped)
  let partial: Buffer | undefined; // start of a line cut by the chunk end (at most 5 bytes are needed)
  let partialOffset = 0;
  // Shared with handleLine (a closure), so kept in an object that flow analysis does not narrow.
  const line = { atStart: true };

  const handleLine = function* (bytes: Uint8Array, at: number, complete: boolean): Generator<MboxMessage> {
    if (line.atStart && isEnvelope(bytes)) {
      if (messageOffset >= 0) {
        const truncated = builder.truncated;
        yield { index: index++, offset: messageOffset, raw: builder.take(), truncated };
      } else {
        builder.take();
      }
      messageOffset = at;
      inEnvelope = !complete;
    } else if (inEnvelope) {
      inEnvelope = !complete;
    } else if (line.atStart && bytes[0] === GT && isQuotedFrom(bytes)) {
      builder.add(bytes.subarray(1));
    } else {
      builder.add(bytes);
    }
    line.atStart = complete;
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let data = chunk;
    let dataOffset = offset;
    if (partial !== undefined) {
      data = Buffer.concat([partial, chunk]);
      dataOffset = partialOffset;
      partial = undefined;
    }
    offset += chunk.length;
    let start = 0;
    while (start < data.length) {
      const lf = data.indexOf(LF, start);
      if (lf < 0) {
        // An unfinished line: keep short line starts to decide on `From ` with the next chunk.
        if (line.atStart && data.length - start < 5) {
          partial = data.subarray(start);
          partialOffset = dataOffset + start;
        } else {
          yield* handleLine(data.subarray(start), dataOffset + start, false);
        }
        break;
      }
      yield* handleLine(data.subarray(start, lf + 1), dataOffset + start, true);
      start = lf + 1;
    }
  }
  if (partial !== undefined) yield* handleLine(partial, partialOffset, false);
  if (messageOffset >= 0) {
    const truncated = builder.truncated;
    yield { index, offset: messageOffset, raw: builder.take(), truncated };
  }
}
