import jsQRModule from 'jsqr';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** jsqr is CommonJS with an ES-style `default`; under NodeNext the default import is the module object. */
const jsQR = jsQRModule.default;

export type QrOutcome =
  | { readonly kind: 'decoded'; readonly text: string; readonly pixels: number }
  | { readonly kind: 'none'; readonly pixels: number }
  | { readonly kind: 'too_large'; readonly width: number; readonly height: number }
  | { readonly kind: 'unreadable'; readonly problem: string };

/** Width and height from a PNG IHDR or a JPEG SOF marker, read before anything is allocated. */
export function imageDimensions(bytes: Uint8Array): { readonly width: number; readonly height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50) {
    return { width: view.getUint32(16, false), height: view.getUint32(20, false) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let position = 2;
    for (let markers = 0; markers < 10_000 && position + 9 <= bytes.length; markers += 1) {
      if (bytes[position] !== 0xff) return undefined;
      const marker = bytes[position + 1]!;
      if (marker === 0xff) {
        position += 1;
        continue;
      }
      const length = view.getUint16(position + 2, false);
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: view.getUint16(position + 7, false), height: view.getUint16(position + 5, false) };
      }
      position += 2 + length;
    }
  }
  return undefined;
}

function decodePixels(bytes: Uint8Array, isPng: boolean): { readonly data: Uint8Array; readonly width: number; readonly height: number } {
  if (isPng) {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { data: png.data, width: png.width, height: png.height };
  }
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 50, maxMemoryUsageInMB: 256 });
  return { data: image.data, width: image.width, height: image.height };
}

/**
 * Keeps every `step`-th pixel in both directions: QR codes in mail are drawn with modules many
 * pixels wide, and jsQR's cost grows with the pixel count.
 */
function subsample(data: Uint8Array, width: number, height: number, step: number): { readonly data: Uint8ClampedArray; readonly width: number; readonly height: number } {
  if (step <= 1) return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, width * height * 4), width, height };
  const outWidth = Math.floor(width / step);
  const outHeight = Math.floor(height / step);
  const out = new Uint8ClampedArray(outWidth * outHeight * 4);
  for (let y = 0; y < outHeight; y += 1) {
    const sourceRow = y * step * width;
    for (let x = 0; x < outWidth; x += 1) {
      const from = (sourceRow + x * step) * 4;
      const to = (y * outWidth + x) * 4;
      out[to] = data[from]!;
      out[to + 1] = data[from + 1]!;
      out[to + 2] = data[from + 2]!;
      out[to + 3] = data[from + 3]!;
    }
  }
  return { data: out, width: outWidth, height: outHeight };
}

/**
 * Looks for a QR code in a PNG or JPEG. The declared size is checked against `maxPixels` before
 * decoding, so a small file that claims to be a gigapixel image costs nothing; images larger than
 * `maxScanPixels` are subsampled before the (costly) QR search. `pixels` is what was searched.
 */
export function decodeQr(bytes: Uint8Array, maxPixels: number, maxScanPixels = 1_000_000): QrOutcome {
  const size = imageDimensions(bytes);
  if (size === undefined) return { kind: 'unreadable', problem: 'no image size found' };
  if (size.width === 0 || size.height === 0) return { kind: 'unreadable', problem: 'empty image' };
  if (size.width * size.height > maxPixels) return { kind: 'too_large', width: size.width, height: size.height };
  try {
    const image = decodePixels(bytes, bytes[0] === 0x89);
    const total = image.width * image.height;
    if (total > maxPixels || image.data.length < total * 4) return { kind: 'unreadable', problem: 'decoded size differs from the header' };
    const step = Math.ceil(Math.sqrt(total / Math.max(1, maxScanPixels)));
    const scanned = subsample(image.data, image.width, image.height, step);
    const pixels = scanned.width * scanned.height;
    if (pixels === 0) return { kind: 'none', pixels };
    const code = jsQR(scanned.data, scanned.width, scanned.height, { inversionAttempts: 'dontInvert' });
    return code === null || code.data.length === 0 ? { kind: 'none', pixels } : { kind: 'decoded', text: code.data, pixels };
  } catch (cause) {
    return { kind: 'unreadable', problem: cause instanceof Error ? cause.message.slice(0, 120) : 'decoder failed' };
  }
}
