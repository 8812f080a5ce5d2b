/**
 * URLs in CSS (`url(...)` in a style attribute or a `<style>` element), found by a forward scan:
 * each `(` is checked for a preceding `url`, the value runs to the next `)`. Linear in `css`.
 */
export function cssUrls(css: string, out: string[], max: number): void {
  let from = 0;
  while (out.length < max) {
    const open = css.indexOf('(', from);
    if (open === -1) return;
    from = open + 1;
    if (open < 3 || css.slice(open - 3, open).toLowerCase() !== 'url') continue;
    const close = css.indexOf(')', open + 1);
    if (close === -1) return;
    let v = css.slice(open + 1, Math.min(close, open + 1 + 8_192)).trim();
    if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) v = v.slice(1, -1).trim();
    if (v !== '') out.push(v);
    from = close + 1;
  }
}
