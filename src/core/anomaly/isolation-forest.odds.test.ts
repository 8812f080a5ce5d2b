import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { sharedDataPath } from '../../lib/shared-data.js';
import { fitIsolationForest } from './isolation-forest.js';
import { rocAuc } from './roc-auc.js';

/**
 * sklearn's figures, measured by `node bench/iforest-vs-sklearn.mjs --write-reference` and committed
 * (never typed in by hand).
 */
const Reference = z.object({
  producedBy: z.string(),
  sklearn: z.string(),
  results: z.array(
    z.object({
      file: z.string(),
      rows: z.number().int().positive(),
      features: z.number().int().positive(),
      seeds: z.number().int().positive(),
      contamination: z.literal('auto'),
      auc_mean: z.number().min(0).max(1),
    }),
  ),
});

interface Table {
  readonly data: Float64Array;
  readonly labels: Int8Array;
  readonly rows: number;
  readonly cols: number;
}

/** An ODDS CSV: header, numeric columns, last column `label` (1 = anomaly); read line by line. */
async function readOdds(file: string): Promise<Table> {
  const lines = createInterface({ input: createReadStream(sharedDataPath('anomaly', 'odds', file), 'utf8'), crlfDelay: Infinity });
  let cols = -1;
  const values: number[] = [];
  const labels: number[] = [];
  for await (const line of lines) {
    const fields = line.split(',');
    if (cols < 0) {
      assert.equal(fields.at(-1), 'label', `${file}: last column`);
      cols = fields.length - 1;
      continue;
    }
    if (line.trim() === '') continue;
    assert.equal(fields.length, cols + 1, `${file}: ragged line`);
    for (let f = 0; f < cols; f++) values.push(Number(fields[f]));
    labels.push(Number(fields[cols]));
  }
  return { data: Float64Array.from(values), labels: Int8Array.from(labels), rows: labels.length, cols };
}

describe('ROC-AUC on ODDS sets, against scikit-learn 1.2.1 (mean of seeds 0..9)', async () => {
  // Tests run from the repository root.
  const reference = Reference.parse(JSON.parse(await readFile(resolve(process.cwd(), 'bench', 'reference', 'sklearn-odds.json'), 'utf8')));

  for (const file of ['thyroid.csv', 'mammography.csv']) {
    it(`${file}: within 0.01 of sklearn`, async () => {
      const expected = reference.results.find((result) => result.file === file);
      assert.ok(expected, `${file} is missing from the reference; rerun the bench with --write-reference`);
      const table = await readOdds(file);
      assert.equal(table.rows, expected.rows);
      assert.equal(table.cols, expected.features);
      let sum = 0;
      for (let seed = 0; seed < expected.seeds; seed++) {
        const model = fitIsolationForest(table.data, table.rows, table.cols, { seed });
        sum += rocAuc(table.labels, model.scoreSamples(table.data).map((score) => -score));
      }
      const mean = sum / expected.seeds;
      assert.ok(Math.abs(mean - expected.auc_mean) <= 0.01, `TS ${mean.toFixed(4)} vs sklearn ${expected.auc_mean}`);
    });
  }
});
