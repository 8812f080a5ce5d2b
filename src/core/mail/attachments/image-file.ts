import type { FileLocation } from './collector.js';
import type { AnalysisContext } from './context.js';
import { decodeQr } from './image-qr.js';
import { QrOutcomeCache } from './qr-cache.js';

/** One per process: a few hundred small outcomes, shared by the messages of a batch. */
const outcomes = new QrOutcomeCache(512);

/**
 * Decodes a QR code in an image (quishing) within the per-image and per-message pixel budgets.
 * With the image's SHA-256, an image already searched under the same limits is not decoded again.
 */
export function analyzeImage(bytes: Uint8Array, context: AnalysisContext, location: FileLocation, sha256?: string): void {
  const { collector, budget } = context;
  if (budget.pixels <= 0) return;
  const maxPixels = context.limits.maxImagePixels;
  const maxScanPixels = Math.min(context.limits.maxScanPixels, budget.pixels);
  const outcome =
    sha256 === undefined
      ? decodeQr(bytes, maxPixels, maxScanPixels)
      : outcomes.outcome(sha256, maxPixels, maxScanPixels, () => decodeQr(bytes, maxPixels, maxScanPixels));
  switch (outcome.kind) {
    case 'too_large':
      collector.reason('attachment.image_not_scanned', 5, `The image (${outcome.width}×${outcome.height}) is too large to scan for QR codes.`, location);
      return;
    case 'unreadable':
      collector.reason('attachment.malformed_image', 5, `The image could not be decoded (${outcome.problem}).`, location);
      return;
    case 'none':
      budget.pixels -= outcome.pixels;
      return;
    case 'decoded': {
      budget.pixels -= outcome.pixels;
      const text = outcome.text.trim();
      const isLink = /^(?:https?:\/\/|www\.)/iu.test(text);
      if (isLink) {
        const url = text.toLowerCase().startsWith('www.') ? `http://${text}` : text;
        collector.url(url);
        collector.observe('url', url.slice(0, 2048));
        collector.reason('attachment.qr_code_url', 35, `The image holds a QR code that links to ${url.slice(0, 200)}; links in QR codes escape the mail filters (quishing).`, location);
      } else {
        collector.reason('attachment.qr_code', 5, `The image holds a QR code (${text.slice(0, 80)}).`, location);
      }
      return;
    }
    default: {
      const exhaustive: never = outcome;
      return exhaustive;
    }
  }
}
