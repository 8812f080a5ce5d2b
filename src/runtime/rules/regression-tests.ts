import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MatchContext, type SigmaRule } from '../../core/sigma/index.js';
import { createEventReader } from '../../core/sigma/events/index.js';
import { buildLogsourceIndex, type SigmaMappings } from '../../core/sigma/logsource/index.js';
import { JsonValueSplitter } from '../hunt/json-values.js';

const infoSchema = z.object({
  regression_tests_info: z.array(z.object({ name: z.string(), type: z.string(), path: z.string(), match_count: z.number().int().nullish() })),
});

/** The outcome of one rule's regression test. */
export interface RegressionResult {
  readonly rule: string;
  readonly title: string;
  readonly test: string;
  readonly passed: boolean;
  readonly matches: number;
  readonly events: number;
  /** Why it failed (or could not run). */
  readonly reason?: string;
  /** A passing test whose match count differs from the `match_count` its info.yml states. */
  readonly note?: string;
}

const TESTS_PATH = /^regression_tests_path:\s*['"]?([^'"\s#]+)/m;
const MAX_TEST_FILE_CHARS = 64 * 1024 * 1024;

/**
 * Runs the regression tests SigmaHQ ships with its rules: each rule file's `regression_tests_path`
 * names an `info.yml` under `root` whose tests point at EVTX files; their evtx_dump JSON twins (same
 * name, `.json`) are read, offered to the rule through the logsource index, and must match at least
 * once. A `match_count` that differs is reported as a note, not a failure: in SigmaHQ's own data some
 * tests state 1 while every one of their events satisfies the rule (checked by hand).
 */
export async function runRegressionTests(rules: readonly SigmaRule[], root: string, mappings: SigmaMappings): Promise<RegressionResult[]> {
  const reader = createEventReader(mappings.events);
  const byFile = new Map<string, SigmaRule[]>();
  for (const rule of rules) byFile.set(rule.meta.path, [...(byFile.get(rule.meta.path) ?? []), rule]);
  const results: RegressionResult[] = [];
  for (const [file, fileRules] of byFile) {
    const testsPath = TESTS_PATH.exec(await readFile(file, 'utf8'))?.[1];
    if (testsPath === undefined) continue;
    for (const rule of fileRules) {
      const base = { rule: rule.meta.id, title: rule.meta.title };
      let info: z.infer<typeof infoSchema>;
      try {
        info = infoSchema.parse(parseYaml(await readFile(join(root, testsPath), 'utf8')));
      } catch (cause) {
        results.push({ ...base, test: testsPath, passed: false, matches: 0, events: 0, reason: `cannot read ${testsPath}: ${cause instanceof Error ? cause.message : String(cause)}` });
        continue;
      }
      const index = buildLogsourceIndex([rule], mappings.logsources);
      for (const test of info.regression_tests_info) {
        const jsonPath = join(root, test.path.replace(/\.evtx$/i, '.json'));
        let text: string;
        try {
          text = await readFile(jsonPath, 'utf8');
        } catch (cause) {
          results.push({ ...base, test: test.name, passed: false, matches: 0, events: 0, reason: `cannot read ${jsonPath}: ${cause instanceof Error ? cause.message : String(cause)}` });
          continue;
        }
        const splitter = new JsonValueSplitter(MAX_TEST_FILE_CHARS);
        let events = 0;
        let matches = 0;
        text.split('\n').forEach((line, i) => {
          for (const value of splitter.push(line, i + 1)) {
            const view = reader.readLine(value.text, { file: jsonPath, line: value.line });
            if (!view.ok) continue;
            events++;
            if (index.candidates(view.value).includes(rule) && rule.test(new MatchContext(view.value))) matches++;
          }
        });
        const expected = test.match_count ?? undefined;
        const passed = matches > 0;
        const note = passed && expected !== undefined && matches !== expected ? `${matches} of ${events} events match; info.yml says ${expected}` : undefined;
        results.push({
          ...base,
          test: test.name,
          passed,
          matches,
          events,
          ...(passed ? {} : { reason: `no match in ${events} events` }),
          ...(note === undefined ? {} : { note }),
        });
      }
    }
  }
  return results;
}
