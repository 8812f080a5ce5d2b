import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createLinuxAuthParser } from '../../../components/parsers/index.js';
import { loadSigmaMappings } from '../../../runtime/content/load-mappings.js';
import type { SigmaLogsource } from '../contract.js';
import { createEventReader, type EventReader } from '../events/event-reader.js';
import type { RoutedEventView } from '../events/mapped-view.js';
import { buildLogsourceIndex, type LogsourceIndex } from './logsource-index.js';

interface Stub {
  readonly name: string;
  readonly meta: { readonly logsource: SigmaLogsource };
}

const RULES: Stub[] = ['auth', 'sshd', 'sudo', 'su', 'cron', 'syslog', 'vsftpd'].map((service) => ({ name: service, meta: { logsource: { product: 'linux', service } } }));
RULES.push({ name: 'linux', meta: { logsource: { product: 'linux' } } }, { name: 'windows', meta: { logsource: { product: 'windows' } } });

let reader: EventReader;
let index: LogsourceIndex<Stub>;
before(async () => {
  const loaded = await loadSigmaMappings();
  assert.ok(loaded.ok);
  reader = createEventReader(loaded.value.events);
  index = buildLogsourceIndex(RULES, loaded.value.logsources);
});

/** Parses a syslog line with Vigil's own Linux auth parser, then reads its ECS event as JSON would arrive. */
function parsed(line: string): RoutedEventView {
  const parser = createLinuxAuthParser({ filePath: '/var/log/auth.log', year: 2024 });
  const result = parser.parse(line, 1, 0);
  assert.ok(result.ok, line);
  const view = reader.readLine(JSON.stringify(result.value.event));
  assert.ok(view.ok, line);
  assert.equal(view.value.format, 'vigil-ecs');
  assert.equal(view.value.time, result.value.ts);
  return view.value;
}
const names = (view: RoutedEventView): string[] => index.candidates(view).map((r) => r.name);

test("Vigil's parsed auth lines reach the Linux services Sigma names", () => {
  assert.deepEqual(names(parsed('Mar  3 10:00:00 web1 sshd[811]: Failed password for root from 203.0.113.9 port 4711 ssh2')), ['auth', 'sshd', 'syslog', 'linux']);
  assert.deepEqual(names(parsed('Mar  3 10:00:00 web1 sshd[811]: error: unexpected internal error')), ['auth', 'sshd', 'syslog', 'linux']);
  assert.deepEqual(names(parsed('Mar  3 10:00:00 web1 CRON[900]: (root) CMD (run-parts /etc/cron.hourly)')), ['auth', 'cron', 'syslog', 'linux']);
  assert.deepEqual(names(parsed('Mar  3 10:00:00 web1 su[77]: (to root) alice on pts/0')), ['auth', 'su', 'syslog', 'linux']);
  assert.deepEqual(names(parsed('Mar  3 10:00:00 web1 kernel: [  1.0] eth0 entered promiscuous mode')), ['syslog', 'linux']);
  assert.deepEqual(names(parsed('Mar  3 10:00:00 web1 vsftpd[12]: Connection refused: too many sessions for this address.')), ['syslog', 'vsftpd', 'linux']);
});

test('sudo lines expose the fields and keywords Linux Sigma rules use', () => {
  const view = parsed('Mar  3 10:00:00 web1 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=#-1 ; COMMAND=/usr/bin/id');
  assert.deepEqual(names(view), ['auth', 'sudo', 'syslog', 'linux']);
  assert.equal(view.get('USER'), '#-1', 'lnx_sudo_exploit_cve_2019_14287 reads USER');
  assert.equal(view.get('COMMAND'), '/usr/bin/id');
  assert.equal(view.get('User'), 'alice');
  assert.deepEqual([...view.keywords()], ['Mar  3 10:00:00 web1 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=#-1 ; COMMAND=/usr/bin/id'], 'keyword rules see the original line');
});
