/**
 * Splits one CSV line (RFC 4180 quoting: `"a ""b"" c"`), optionally skipping spaces after a comma
 * (ThreatFox writes `"a", "b"`). Quoted fields spanning lines are not supported (no feed here writes
 * them): an unclosed quote is an error.
 */
export function splitCsvLine(line: string, skipInitialSpace = true): { ok: true; fields: string[] } | { ok: false; column: number } {
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (skipInitialSpace) while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q === -1) return { ok: false, column: i + 1 };
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      while (j < n && (line[j] === ' ' || line[j] === '\t')) j++;
      fields.push(value);
      if (j >= n) return { ok: true, fields };
      if (line[j] !== ',') return { ok: false, column: j + 1 };
      i = j + 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma === -1) {
        fields.push(line.slice(i).trim());
        return { ok: true, fields };
      }
      fields.push(line.slice(i, comma).trim());
      i = comma + 1;
    }
  }
}
