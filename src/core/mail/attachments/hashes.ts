import { createHash } from 'node:crypto';

/** The three digests analysts and intel feeds use to name a file. */
export interface FileHashes {
  readonly md5: string;
  readonly sha1: string;
  readonly sha256: string;
}

/** Hashes a file's bytes (pure: same bytes, same digests). */
export function hashFile(bytes: Uint8Array): FileHashes {
  return {
    md5: createHash('md5').update(bytes).digest('hex'),
    sha1: createHash('sha1').update(bytes).digest('hex'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
