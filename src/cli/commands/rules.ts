import { formatSigmaError } from '../../core/sigma/index.js';
import { buildLogsourceIndex } from '../../core/sigma/logsource/index.js';
import { VigilError } from '../../lib/errors.js';
import { loadRules } from '../../runtime/content/load-rules.js';
import { loadSigmaMappings } from '../../runtime/content/load-mappings.js';
import { runRegressionTests } from '../../runtime/rules/regression-tests.js';
import { parseCommandArgs, UsageError } from '../command.js';

const HELP = `Usage: vigil rules lint PATH... [--json]
       vigil rules test --rules PATH [--rules PATH]... --regression DIR

lint   loads every Sigma rule under the paths and lists what does not load and why (file:line:column),
       the counts by logsource, and the rules no mapping can serve. Exit 1 when a rule does not load.
test   runs the rules' own regression tests: each rule's regression_tests_path (an info.yml under DIR,
       SigmaHQ's regression_data layout) names EVTX files whose evtx_dump JSON twins must match.
       Prints "N passed, M failed"; exit 1 when a test fails.
`;

/** `vigil rules lint|test` */
export async function runRules(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === undefined || verb === '--help' || verb === '-h') {
    process.stdout.write(HELP);
    return verb === undefined ? 2 : 0;
  }
  const parsed = parseCommandArgs(
    {
      args: rest,
      allowPositionals: true,
      options: { rules: { type: 'string', multiple: true }, regression: { type: 'string' }, json: { type: 'boolean' }, mappings: { type: 'string' } },
    },
    HELP,
  );
  const { values, positionals } = parsed;
  const mappings = await loadSigmaMappings(values.mappings);
  if (!mappings.ok) throw new VigilError('INVALID_CONFIG', `the mappings are invalid: ${mappings.error.map((i) => i.message).join('; ')}`);
  if (verb === 'lint') {
    if (positionals.length === 0) throw new UsageError(`rules lint needs at least one PATH\n\n${HELP}`);
    const loaded = await loadRules(positionals);
    const index = buildLogsourceIndex(loaded.rules, mappings.value.logsources);
    const byLogsource = new Map<string, number>();
    for (const r of loaded.rules) {
      const ls = r.meta.logsource;
      const key = [ls.product, ls.category, ls.service].map((x) => x ?? '*').join('/');
      byLogsource.set(key, (byLogsource.get(key) ?? 0) + 1);
    }
    if (values.json === true) {
      process.stdout.write(
        `${JSON.stringify({ files: loaded.files, rules: loaded.rules.length, correlations: loaded.correlations.length, filters: loaded.filters.length, errors: loaded.errors, warnings: loaded.warnings.length, unmapped: index.unmapped.map((u) => ({ rule: u.rule.meta.id, path: u.rule.meta.path, reason: u.reason, message: u.message })), by_logsource: Object.fromEntries(byLogsource) }, null, 2)}\n`,
      );
    } else {
      for (const e of loaded.errors) process.stdout.write(`${formatSigmaError(e)}\n`);
      process.stdout.write(`\nBy logsource (product/category/service):\n`);
      for (const [key, count] of [...byLogsource].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${String(count).padStart(5)}  ${key}\n`);
      const unmapped = new Map<string, number>();
      for (const u of index.unmapped) unmapped.set(u.message, (unmapped.get(u.message) ?? 0) + 1);
      if (unmapped.size > 0) process.stdout.write(`\nLoaded but not served by any mapping (${index.unmapped.length}):\n`);
      for (const [message, count] of [...unmapped].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${String(count).padStart(5)}  ${message}\n`);
      const total = loaded.rules.length + loaded.correlations.length + loaded.filters.length;
      process.stdout.write(
        `\n${loaded.files} files: ${loaded.rules.length} rules, ${loaded.correlations.length} correlations, ${loaded.filters.length} filters loaded; ` +
          `${loaded.errors.length} problems kept rules from loading (${((100 * total) / Math.max(total + loaded.errors.length, 1)).toFixed(2)}% loaded); ${loaded.warnings.length} warnings.\n`,
      );
    }
    return loaded.errors.length > 0 ? 1 : 0;
  }
  if (verb === 'test') {
    if (values.rules === undefined || values.regression === undefined) throw new UsageError(`rules test needs --rules PATH and --regression DIR\n\n${HELP}`);
    const loaded = await loadRules(values.rules);
    const results = await runRegressionTests(loaded.rules, values.regression, mappings.value);
    for (const r of results) {
      if (!r.passed) process.stdout.write(`FAIL ${r.rule} ${r.title} (${r.test}): ${r.reason ?? ''}\n`);
      else if (r.note !== undefined) process.stdout.write(`note ${r.rule} ${r.title}: ${r.note}\n`);
    }
    const passed = results.filter((r) => r.passed).length;
    process.stdout.write(`${passed} passed, ${results.length - passed} failed\n`);
    return passed === results.length ? 0 : 1;
  }
  throw new UsageError(`unknown rules verb "${verb}"\n\n${HELP}`);
}
