import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { isVigilError } from '../../lib/errors.js';
import { connectorActions } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
// Tests run from dist/; the README lives beside the sources.
const readme = readFileSync(join(here, '..', '..', '..', 'src', 'components', 'connectors', 'README.md'), 'utf8');

describe('connectorActions registry', () => {
  const actions = connectorActions();

  it('lists every action once, with a vendor.verb_noun id', () => {
    const ids = actions.map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+\.[a-z]+(_[a-z]+)*$/, id);
    assert.deepEqual(ids.toSorted(), [
      'elasticsearch.bulk_index', 'email.send', 'firewall.block_ip', 'firewall.unblock_ip', 'http.request', 'slack.post_message',
      'splunk.hec_send', 'syslog.send', 'teams.post_message', 'thehive.create_alert', 'webhook.post',
    ]);
  });

  it('marks only the firewall block as destructive', () => {
    assert.deepEqual(actions.filter((a) => a.effect === 'destructive').map((a) => a.id), ['firewall.block_ip']);
  });

  it('declares only the secrets it cannot run without, by default', () => {
    assert.deepEqual(Object.fromEntries(actions.filter((a) => a.secrets.length).map((a) => [a.id, a.secrets])), {
      'slack.post_message': ['SLACK_WEBHOOK_URL'],
      'teams.post_message': ['TEAMS_WEBHOOK_URL'],
      'splunk.hec_send': ['SPLUNK_HEC_TOKEN'],
      'elasticsearch.bulk_index': ['ELASTICSEARCH_API_KEY'],
      'thehive.create_alert': ['THEHIVE_API_KEY'],
    });
  });

  it('declares secret names in upper case', () => {
    for (const a of actions) for (const s of a.secrets) assert.match(s, /^[A-Z][A-Z0-9_]*$/, `${a.id}: ${s}`);
  });

  it('documents each action in the README table with its effect and secrets', () => {
    // With every optional secret switched on, so each one the action can declare is checked.
    const all = connectorActions({ config: { http: { signing: true }, smtp: { user: 'vigil' }, elasticsearch: { auth: 'api_key' } } });
    assert.deepEqual(all.flatMap((a) => a.secrets).toSorted(), [
      'ELASTICSEARCH_API_KEY', 'SLACK_WEBHOOK_URL', 'SMTP_PASSWORD', 'SPLUNK_HEC_TOKEN', 'TEAMS_WEBHOOK_URL', 'THEHIVE_API_KEY', 'WEBHOOK_SIGNING_KEY', 'WEBHOOK_SIGNING_KEY',
    ]);
    for (const a of all) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${a.id}\``));
      assert.ok(row, `${a.id} is missing from README.md`);
      assert.ok(row.includes(`| ${a.effect} |`), `${a.id}: effect ${a.effect}`);
      for (const s of a.secrets) assert.ok(row.includes(`\`${s}\``), `${a.id}: secret ${s}`);
    }
  });

  it('refuses an invalid configuration, naming the key', () => {
    assert.throws(() => connectorActions({ config: { smtp: { port: 0 } } }), (e: unknown) => isVigilError(e) && e.code === 'INVALID_CONFIG' && /connectors\.smtp\.port/.test(e.message));
    assert.throws(() => connectorActions({ config: { slack: {} } as never }), /Unrecognized key/);
  });
});
