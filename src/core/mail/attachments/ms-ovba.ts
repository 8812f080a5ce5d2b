/**
 * MS-OVBA 2.4.1 decompression: VBA source and the `dir` stream are stored in a "compressed
 * container" (a signature byte, then chunks of up to 4096 decompressed bytes each, every chunk
 * either raw or a sequence of literal bytes and copy tokens).
 */

/** Why a container could not be decompressed (the part before the problem is still returned). */
export type OvbaProblem = 'signature' | 'truncated' | 'bad_chunk' | 'bad_copy' | 'limit';

export interface OvbaResult {
  readonly bytes: Uint8Array;
  readonly problem: OvbaProblem | undefined;
}

const CHUNK_SIZE = 4096;

/** Copy-token bit split for a position `difference` bytes into the decompressed chunk (2.4.1.3.19.1). */
function copyTokenHelp(difference: number): { readonly lengthMask: number; readonly offsetMask: number; readonly bitCount: number } {
  let bitCount = 4;
  while ((1 << bitCount) < difference) bitCount += 1;
  const lengthMask = 0xffff >> bitCount;
  return { lengthMask, offsetMask: ~lengthMask & 0xffff, bitCount };
}

/** Decompresses a container, never reading past `input` or writing more than `maxOutput` bytes. */
export function decompressOvba(input: Uint8Array, maxOutput: number): OvbaResult {
  if (input.length === 0 || input[0] !== 0x01) return { bytes: new Uint8Array(0), problem: 'signature' };
  // Output grows in steps; every chunk adds at most 4096 bytes.
  let out = new Uint8Array(Math.min(maxOutput, Math.max(CHUNK_SIZE, input.length * 2)));
  let outLength = 0;
  const ensure = (extra: number): boolean => {
    if (outLength + extra > maxOutput) return false;
    if (outLength + extra > out.length) {
      const grown = new Uint8Array(Math.min(maxOutput, Math.max(out.length * 2, outLength + extra)));
      grown.set(out.subarray(0, outLength));
      out = grown;
    }
    return true;
  };
  const done = (problem: OvbaProblem | undefined): OvbaResult => ({ bytes: out.slice(0, outLength), problem });

  let position = 1;
  while (position < input.length) {
    if (position + 2 > input.length) return done('truncated');
    const header = input[position]! | (input[position + 1]! << 8);
    const chunkSize = (header & 0x0fff) + 3;
    const signature = (header >> 12) & 0x07;
    const compressed = (header & 0x8000) !== 0;
    if (signature !== 0b011) return done('bad_chunk');
    const chunkEnd = Math.min(input.length, position + chunkSize);
    const chunkStart = outLength;
    position += 2;
    if (!compressed) {
      if (position + CHUNK_SIZE > input.length) return done('truncated');
      if (!ensure(CHUNK_SIZE)) return done('limit');
      out.set(input.subarray(position, position + CHUNK_SIZE), outLength);
      outLength += CHUNK_SIZE;
      position += CHUNK_SIZE;
      continue;
    }
    while (position < chunkEnd) {
      const flags = input[position]!;
      position += 1;
      for (let bit = 0; bit < 8 && position < chunkEnd; bit += 1) {
        if ((flags & (1 << bit)) === 0) {
          if (!ensure(1)) return done('limit');
          out[outLength] = input[position]!;
          outLength += 1;
          position += 1;
          continue;
        }
        if (position + 2 > chunkEnd) return done('truncated');
        const token = input[position]! | (input[position + 1]! << 8);
        position += 2;
        const { lengthMask, offsetMask, bitCount } = copyTokenHelp(outLength - chunkStart);
        const length = (token & lengthMask) + 3;
        const offset = ((token & offsetMask) >> (16 - bitCount)) + 1;
        if (offset > outLength - chunkStart) return done('bad_copy');
        if (!ensure(length)) return done('limit');
        for (let i = 0; i < length; i += 1) {
          out[outLength] = out[outLength - offset]!;
          outLength += 1;
        }
      }
    }
    position = chunkEnd;
  }
  return done(undefined);
}

/**
 * Compresses with MS-OVBA (greedy matching within each chunk, raw chunks when compression does
 * not pay). Vigil only reads VBA; this exists so tests can build real macro documents in code.
 */
export function compressOvba(data: Uint8Array): Uint8Array {
  const parts: number[] = [0x01];
  for (let chunkStart = 0; chunkStart < data.length; chunkStart += CHUNK_SIZE) {
    const chunk = data.subarray(chunkStart, Math.min(data.length, chunkStart + CHUNK_SIZE));
    const body: number[] = [];
    let position = 0;
    while (position < chunk.length) {
      const flagIndex = body.length;
      body.push(0);
      let flags = 0;
      for (let bit = 0; bit < 8 && position < chunk.length; bit += 1) {
        const { lengthMask, bitCount } = copyTokenHelp(position);
        const maxLength = lengthMask + 3;
        let bestLength = 0;
        let bestOffset = 0;
        // Offsets reach back at most to the chunk start, which always fits in `bitCount` bits.
        for (let candidate = position - 1; candidate >= 0; candidate -= 1) {
          let length = 0;
          while (length < maxLength && position + length < chunk.length && chunk[candidate + length] === chunk[position + length]) length += 1;
          if (length > bestLength) {
            bestLength = length;
            bestOffset = position - candidate;
          }
        }
        if (bestLength >= 3) {
          const token = ((bestOffset - 1) << (16 - bitCount)) | (bestLength - 3);
          body.push(token & 0xff, token >> 8);
          flags |= 1 << bit;
          position += bestLength;
        } else {
          body.push(chunk[position]!);
          position += 1;
        }
      }
      body[flagIndex] = flags;
    }
    if (body.length + 2 <= 4098) {
      const header = ((body.length + 2 - 3) & 0x0fff) | 0x3000 | 0x8000;
      parts.push(header & 0xff, header >> 8, ...body);
    } else {
      const header = 0x0fff | 0x3000;
      const raw = new Uint8Array(CHUNK_SIZE);
      raw.set(chunk);
      parts.push(header & 0xff, header >> 8, ...raw);
    }
  }
  return Uint8Array.from(parts);
}
