import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadSigmaMappings } from '../../../runtime/content/load-mappings.js';
import type { LogsourceMappings } from './logsource-mappings.js';
import { resolveLogsource } from './resolve-logsource.js';

let mappings: LogsourceMappings;
before(async () => {
  const loaded = await loadSigmaMappings();
  assert.ok(loaded.ok);
  mappings = loaded.value.logsources;
});

function targets(logsource: Parameters<typeof resolveLogsource>[0]): string[] {
  const resolved = resolveLogsource(logsource, mappings);
  assert.ok(resolved.ok, resolved.ok ? '' : resolved.error.message);
  return resolved.value.targets.map((t) => (t.kind === 'channel' ? `${t.channel}#${t.eventIds?.join(',') ?? '*'}${t.where ? ' where' : ''}` : `${t.kind}:${t.kind === 'service' ? t.service : t.product}`));
}

test('windows categories become Sysmon (and Security 4688) channels and ids', () => {
  assert.deepEqual(targets({ product: 'windows', category: 'process_creation' }), ['Microsoft-Windows-Sysmon/Operational#1', 'Security#4688']);
  assert.deepEqual(targets({ product: 'windows', category: 'registry_event' }), ['Microsoft-Windows-Sysmon/Operational#12,13,14']);
  assert.deepEqual(targets({ product: 'windows', category: 'registry_delete' }), ['Microsoft-Windows-Sysmon/Operational#12 where']);
  assert.deepEqual(targets({ product: 'windows', category: 'ps_script' }), ['Microsoft-Windows-PowerShell/Operational#4104', 'PowerShellCore/Operational#4104']);
  assert.deepEqual(targets({ category: 'antivirus' }).length, 1, 'antivirus needs no product');
});

test('windows services become their channels; category plus service keeps the shared channels', () => {
  assert.deepEqual(targets({ product: 'windows', service: 'security' }), ['Security#*']);
  assert.deepEqual(targets({ product: 'windows', service: 'applocker' }).length, 4);
  assert.deepEqual(targets({ product: 'windows', category: 'process_creation', service: 'security' }), ['Security#4688']);
  assert.deepEqual(targets({ product: 'Windows', service: 'Security' }), ['Security#*'], 'names compare case-insensitively');
});

test('linux: Vigil services, Sysmon for Linux categories, product-wide rules', () => {
  assert.deepEqual(targets({ product: 'linux', service: 'sshd' }), ['service:sshd']);
  assert.deepEqual(targets({ product: 'linux', service: 'auth' }), ['service:auth']);
  assert.deepEqual(targets({ product: 'linux', category: 'process_creation' }), ['Linux-Sysmon/Operational#1']);
  assert.deepEqual(targets({ product: 'linux', definition: 'free text' }), ['product:linux']);
  assert.deepEqual(targets({ product: 'windows' }), ['product:windows']);
});

test('what no mapping serves is reported with a reason', () => {
  const reason = (logsource: Parameters<typeof resolveLogsource>[0]): string => {
    const resolved = resolveLogsource(logsource, mappings);
    assert.ok(!resolved.ok);
    assert.ok(resolved.error.message.length > 0);
    return resolved.error.reason;
  };
  assert.equal(reason({ product: 'aws', service: 'cloudtrail' }), 'unknown_product');
  assert.equal(reason({ category: 'webserver' }), 'no_product');
  assert.equal(reason({}), 'no_product');
  assert.equal(reason({ product: 'windows', category: 'file_access' }), 'unknown_category');
  assert.equal(reason({ product: 'linux', service: 'auditd' }), 'unknown_service');
  assert.equal(reason({ product: 'windows', category: 'process_creation', service: 'system' }), 'no_overlap');
  assert.equal(reason({ product: 'linux', category: 'process_creation', service: 'sshd' }), 'no_overlap');
});
