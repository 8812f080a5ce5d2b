import { isVigilError } from '../lib/errors.js';
import { UsageError, type Command } from './command.js';
import { VERSION } from './version.js';

// Each command's module is loaded only when it runs, so `vigil --help` does not load the whole engine.
const COMMANDS: readonly Command[] = [
  {
    name: 'analyze',
    summary: 'analyse log files (auth/syslog, plain or gzip, - for stdin) and report explained alerts',
    run: async (args, signal) => (await import('./commands/analyze.js')).runAnalyze(args, signal),
  },
  {
    name: 'hunt',
    summary: 'run Sigma rules over JSON event files (EVTX JSON, Winlogbeat, Vigil events)',
    run: async (args, signal) => (await import('./commands/hunt.js')).runHunt(args, signal),
  },
  { name: 'rules', summary: 'lint Sigma rules, or run their regression tests', run: async (args) => (await import('./commands/rules.js')).runRules(args) },
  {
    name: 'intel',
    summary: 'threat intel: import, pull (TAXII, MISP, CSV), search and export indicators; extract IOCs from text',
    run: async (args, signal) => (await import('./commands/intel.js')).runIntel(args, signal),
  },
  { name: 'alerts', summary: 'list alerts kept in the store', run: async (args) => (await import('./commands/alerts.js')).runAlerts(args) },
  { name: 'playbook', summary: 'run, test, replay and approve response playbooks; list and show their runs', run: async (args, signal) => (await import('./commands/playbook.js')).runPlaybook(args, signal) },
  { name: 'mail', summary: 'phishing triage: verdict and reasons for .eml/.msg/mbox/Maildir mail', run: async (args, signal) => (await import('./commands/mail.js')).runMail(args, signal) },
  { name: 'cases', summary: 'group alerts into cases; list, show, update them; MTTD/MTTR and service levels', run: async (args) => (await import('./commands/cases.js')).runCases(args) },
];

const HELP = `vigil ${VERSION}: SOC automation — parse security logs, detect threats, explain every alert.

Usage: vigil <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run "vigil <command> --help" for a command's options.
Exit codes: 0 done, 1 an input could not be read completely, 2 usage or configuration error.
`;

async function main(argv: string[], signal: AbortSignal): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    process.stderr.write(`vigil: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  return command.run(rest, signal);
}

const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort(new Error('interrupted'));
});

main(process.argv.slice(2), controller.signal).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`vigil: ${error.message}\n`);
      process.exitCode = 2;
    } else if (isVigilError(error)) {
      process.stderr.write(`vigil: ${error.message}\n`);
      process.exitCode = error.code === 'INVALID_ARGUMENT' || error.code === 'INVALID_CONFIG' ? 2 : 1;
    } else {
      process.stderr.write(`vigil: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    }
  },
);
