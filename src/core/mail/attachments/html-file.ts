import { memberOf, type FileLocation } from './collector.js';
import type { AnalysisContext } from './context.js';
import type { FileToAnalyze } from './analyze-file.js';
import { looksLikeSmuggling, scanHtml } from './html-scan.js';

const UTF8 = new TextDecoder('utf-8');

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url.slice(0, 80);
  }
}

/** Decodes base64 text, or undefined when it is not valid base64. */
function decodeBase64(text: string, maxBytes: number): Uint8Array | undefined {
  const usable = text.slice(0, Math.floor((maxBytes * 4) / 3 / 4) * 4);
  if (usable.length < 8) return undefined;
  const bytes = Buffer.from(usable, 'base64');
  return bytes.length === 0 ? undefined : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * Analyses an HTML or SVG attachment: smuggling (the payload it rebuilds is analysed like an
 * archive member), credential forms, redirects, and every link, which goes to the URL analyser.
 */
export function analyzeHtmlFile(
  bytes: Uint8Array,
  kind: 'html' | 'svg',
  depth: number,
  context: AnalysisContext,
  location: FileLocation,
  analyzeMember: (member: FileToAnalyze, location: FileLocation) => void,
): void {
  const { collector } = context;
  const html = UTF8.decode(bytes.subarray(0, context.limits.maxScanBytes));
  const signals = scanHtml(html);
  if (kind === 'svg') {
    if (/<script\b|\bon(?:load|click|mouseover)\s*=/iu.test(html)) {
      collector.reason('attachment.svg_script', 40, 'The SVG image contains script, which runs when it is opened in a browser.', location);
    }
  } else {
    collector.reason('attachment.html', 15, 'An HTML attachment opens as a local page in the browser, outside the mail client\'s protections.', location);
  }
  if (looksLikeSmuggling(signals)) {
    collector.reason('attachment.html_smuggling', 70, `The page rebuilds a file in the browser and offers it for download (HTML smuggling: ${signals.smuggling.join(', ')}).`, location);
    const payload = signals.base64Payloads[0];
    if (payload !== undefined && depth < context.limits.maxArchiveDepth && context.budget.inflatedBytes > 0) {
      const decoded = decodeBase64(payload, Math.min(context.limits.maxMemberBytes, context.budget.inflatedBytes));
      if (decoded !== undefined) {
        context.budget.inflatedBytes -= decoded.length;
        analyzeMember({ name: 'smuggled-payload', contentType: 'application/octet-stream', bytes: decoded }, memberOf(location, '(smuggled payload)'));
      }
    }
  }
  if (signals.hasPasswordInput) {
    const target = signals.formActions[0] ?? (signals.scriptPostsData ? 'a server contacted by script' : undefined);
    collector.reason('attachment.html_credential_form', 50, `The page asks for a password${target !== undefined ? ` and sends it to ${target.startsWith('http') ? hostOf(target) : target}` : ''}.`, location);
  } else if (signals.formActions.length > 0) {
    collector.reason('attachment.html_form_external', 20, `The page has a form that submits to ${hostOf(signals.formActions[0]!)}.`, location);
  }
  if (signals.redirects.length > 0) {
    collector.reason('attachment.html_redirect', 35, `The page redirects the browser to ${hostOf(signals.redirects[0]!)} as soon as it opens.`, location);
  }
  for (const url of signals.urls) collector.url(url);
}
