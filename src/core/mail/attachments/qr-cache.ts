import type { QrOutcome } from './image-qr.js';

/**
 * Outcomes of QR searches by image content. Phishing campaigns send the same logos and banners in
 * message after message (in the dev corpus, 127 images held only 29 distinct contents), and
 * decoding plus searching an image costs milliseconds, so a batch decodes each content once.
 * Bounded: the oldest entry is dropped once `capacity` are held. The outcome depends only on the
 * bytes and the two pixel limits, which are part of the key, so results are the same with or
 * without the cache.
 */
export class QrOutcomeCache {
  private readonly entries = new Map<string, QrOutcome>();

  constructor(private readonly capacity: number) {}

  /** The cached outcome for these bytes and limits, or the one `compute` returns (then cached). */
  outcome(sha256: string, maxPixels: number, maxScanPixels: number, compute: () => QrOutcome): QrOutcome {
    const key = `${sha256}:${maxPixels}:${maxScanPixels}`;
    const known = this.entries.get(key);
    if (known !== undefined) return known;
    const computed = compute();
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, computed);
    return computed;
  }

  get size(): number {
    return this.entries.size;
  }
}
