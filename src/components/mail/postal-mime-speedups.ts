/**
 * Two hot spots of postal-mime 4, replaced with code that gives the same bytes faster:
 *
 * - Its content decoders (base64, quoted-printable, pass-through) join the decoded chunks of every
 *   MIME part with `new Blob(chunks).arrayBuffer()`; on Node 20 that round trip is async and slow
 *   (about an eighth of the CPU time of `vigil mail analyze` over a corpus). Here the chunks are
 *   copied into one ArrayBuffer (strings UTF-8 encoded as Blob does, lone surrogates as U+FFFD).
 * - Its base64 decoder decodes each line to a string, filters it, splits it at padding and decodes
 *   the pieces in JavaScript. Here lines are gathered (up to 256 kB) and decoded a batch at a time
 *   by Node's decoder, with the same rules: bytes outside the base64 alphabet are dropped, every
 *   run of `=` ends a unit that is decoded on its own (some mailers pad every line), and a unit's
 *   trailing single character is dropped.
 *
 * Each patch is applied once, at import, and only to a decoder method whose source is still the
 * one it was written for; a postal-mime version that changed it keeps its own code.
 * `speedupsInstalled()` tells which were applied.
 */

type Chunk = ArrayBuffer | ArrayBufferView | string;

interface DecoderInstance {
  readonly chunks: readonly Chunk[];
}

type Method = (...args: never[]) => unknown;

interface DecoderModule {
  readonly default?: { readonly prototype?: unknown };
}

const encoder = new TextEncoder();
const NEWLINE = new Uint8Array([0x0a]);

/** The chunks laid end to end in one ArrayBuffer of exactly their total length. */
export function joinChunks(chunks: readonly Chunk[]): ArrayBuffer {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const chunk of chunks) {
    let bytes: Uint8Array;
    if (typeof chunk === 'string') {
      bytes = chunk === '\n' ? NEWLINE : encoder.encode(chunk);
    } else if (chunk instanceof ArrayBuffer) {
      bytes = new Uint8Array(chunk);
    } else {
      bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    parts.push(bytes);
    total += bytes.length;
  }
  const out = new Uint8Array(total);
  let position = 0;
  for (const part of parts) {
    out.set(part, position);
    position += part.length;
  }
  return out.buffer;
}

/** Bytes of base64 lines gathered before they are decoded (memory stays bounded by this). */
const BASE64_BATCH_BYTES = 256 * 1024;

/**
 * A base64 body decoded as postal-mime's decoder does: characters outside the alphabet dropped,
 * each run of `=` closing a unit decoded on its own, a unit's lone trailing character dropped.
 * Lines are gathered and decoded a batch at a time; an open unit carries its last (< 4)
 * characters over to the next batch, so batching never changes the bytes.
 */
export class Base64Lines {
  private lines: Uint8Array[] = [];
  private pending = 0;
  private rest = '';
  private readonly out: Uint8Array[] = [];

  constructor(private readonly batchBytes: number = BASE64_BATCH_BYTES) {}

  push(line: Uint8Array): void {
    this.lines.push(line);
    this.pending += line.length;
    if (this.pending >= this.batchBytes) this.drain(false);
  }

  finish(): ArrayBuffer {
    this.drain(true);
    return joinChunks(this.out);
  }

  private drain(final: boolean): void {
    const text = this.rest + Buffer.concat(this.lines).toString('latin1').replace(/[^A-Za-z0-9+/=]+/g, '');
    this.lines = [];
    this.pending = 0;
    const units = text.split(/=+/);
    for (let i = 0; i < units.length - 1; i++) {
      if (units[i]!.length > 0) this.out.push(Buffer.from(units[i]!, 'base64'));
    }
    const open = units[units.length - 1]!;
    const aligned = final ? open.length : open.length - (open.length % 4);
    if (aligned > 0) this.out.push(Buffer.from(open.slice(0, aligned), 'base64'));
    this.rest = open.slice(aligned);
  }
}

/** Decodes base64 lines in one go (see `Base64Lines`). */
export function decodeBase64Lines(lines: readonly Uint8Array[], batchBytes?: number): ArrayBuffer {
  const decoder = new Base64Lines(batchBytes);
  for (const line of lines) decoder.push(line);
  return decoder.finish();
}

/** The pending base64 lines of each live postal-mime Base64Decoder. */
const base64States = new WeakMap<object, Base64Lines>();

interface Patch {
  readonly file: string;
  readonly method: string;
  /** Fragments the original method's source must contain for the patch to apply. */
  readonly expects: readonly string[];
  readonly replacement: Method;
}

const PATCHES: readonly Patch[] = [
  {
    file: 'base64-decoder.js',
    method: 'update',
    expects: ['this.decoder.decode(buffer)', '[^a-zA-Z0-9+/=]+', 'split(/=+/)'],
    replacement: function update(this: object, line: Uint8Array): void {
      let state = base64States.get(this);
      if (state === undefined) {
        state = new Base64Lines();
        base64States.set(this, state);
      }
      state.push(line);
    },
  },
  {
    file: 'base64-decoder.js',
    method: 'finalize',
    expects: ['this.flushRemainder()', 'new Blob(this.chunks'],
    replacement: function finalize(this: object): Promise<ArrayBuffer> {
      const state = base64States.get(this) ?? new Base64Lines();
      base64States.delete(this);
      return Promise.resolve(state.finish());
    },
  },
  {
    file: 'qp-decoder.js',
    method: 'finalize',
    expects: ['this.flushBuffer()', 'new Blob(this.chunks'],
    replacement: function finalize(this: DecoderInstance & { flushBuffer: () => void }): Promise<ArrayBuffer> {
      this.flushBuffer();
      return Promise.resolve(joinChunks(this.chunks));
    },
  },
  {
    file: 'pass-through-decoder.js',
    method: 'finalize',
    expects: ['new Blob(this.chunks'],
    replacement: function finalize(this: DecoderInstance): Promise<ArrayBuffer> {
      return Promise.resolve(joinChunks(this.chunks));
    },
  },
];

const installed: string[] = [];
const originals = new Map<string, Method>();

function prototypeOf(loaded: DecoderModule): Record<string, unknown> | undefined {
  const prototype = loaded.default?.prototype;
  return typeof prototype === 'object' && prototype !== null ? (prototype as Record<string, unknown>) : undefined;
}

async function install(): Promise<void> {
  let base: string;
  try {
    base = import.meta.resolve('postal-mime');
  } catch {
    return;
  }
  const prototypes = new Map<string, Record<string, unknown> | undefined>();
  for (const patch of PATCHES) {
    if (!prototypes.has(patch.file)) {
      try {
        prototypes.set(patch.file, prototypeOf((await import(new URL(`./${patch.file}`, base).href)) as DecoderModule));
      } catch {
        prototypes.set(patch.file, undefined);
      }
    }
    const prototype = prototypes.get(patch.file);
    const original = prototype?.[patch.method];
    if (prototype === undefined || typeof original !== 'function') continue;
    const source = Function.prototype.toString.call(original);
    if (!patch.expects.every((fragment) => source.includes(fragment))) continue;
    // The base64 `update` and `finalize` only work as a pair.
    if (patch.file === 'base64-decoder.js' && patch.method === 'finalize' && !installed.includes('base64-decoder.js#update')) continue;
    originals.set(`${patch.file}#${patch.method}`, original as Method);
    prototype[patch.method] = patch.replacement;
    installed.push(`${patch.file}#${patch.method}`);
  }
  // An update without its finalize would lose the lines: undo it.
  if (installed.includes('base64-decoder.js#update') && !installed.includes('base64-decoder.js#finalize')) {
    const prototype = prototypes.get('base64-decoder.js');
    const original = originals.get('base64-decoder.js#update');
    if (prototype !== undefined && original !== undefined) prototype['update'] = original;
    installed.splice(installed.indexOf('base64-decoder.js#update'), 1);
  }
}

await install();

/** The postal-mime methods replaced, as `file#method` (empty when none could be). */
export function speedupsInstalled(): readonly string[] {
  return installed;
}

/** postal-mime's own method (for tests that compare the two), or undefined when it was not replaced. */
export function originalMethod(file: string, method: string): Method | undefined {
  return originals.get(`${file}#${method}`);
}
