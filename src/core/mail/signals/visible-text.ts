import { decodeEntities } from '../urls/html-entities.js';

/** Characters of a body read by the content signals; longer bodies are cut (bounded time). */
export const MAX_BODY_CHARS = 200_000;

/**
 * The text a reader sees: the plain-text part, or the HTML part without its tags, styles and
 * scripts, entities decoded. Bounded to `MAX_BODY_CHARS` of input.
 */
export function visibleText(text: string, html: string): string {
  if (text.trim() !== '') return text.slice(0, MAX_BODY_CHARS);
  const cut = html.slice(0, MAX_BODY_CHARS);
  const stripped = cut
    .replace(/<(style|script|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]{0,5000}>/g, ' ');
  return decodeEntities(stripped);
}
