import assert from 'node:assert/strict';
import { test } from 'node:test';
import { methodResult, parseAuthResults, stripComments } from './authentication-results.js';

test('parses RFC 8601 results with an authserv-id, comments and properties', () => {
  const r = parseAuthResults('mx.google.com; dkim=pass (2048-bit key) header.i=@example.com header.s=s1; spf=softfail (google.com: domain of x@y.z does not designate 1.2.3.4) smtp.mailfrom=y.z; dmarc=fail (p=REJECT sp=REJECT dis=NONE) header.from=example.com');
  assert.equal(r.authservId, 'mx.google.com');
  assert.deepEqual(r.results.map((m) => [m.method, m.result]), [['dkim', 'pass'], ['spf', 'softfail'], ['dmarc', 'fail']]);
  assert.equal(methodResult(r, 'spf')?.properties['smtp.mailfrom'], 'y.z');
  assert.equal(methodResult(r, 'dmarc')?.properties['header.from'], 'example.com');
});

test('parses Microsoft results without an authserv-id, and compauth with its reason', () => {
  const r = parseAuthResults('spf=none (sender IP is 89.144.44.2) smtp.mailfrom=thcultarfdes.co.uk; dkim=none (message not signed) header.d=none;dmarc=permerror action=none header.from=access-accsecurity.com;compauth=fail reason=001');
  assert.equal(r.authservId, undefined);
  assert.deepEqual(r.results.map((m) => `${m.method}=${m.result}`), ['spf=none', 'dkim=none', 'dmarc=permerror', 'compauth=fail']);
  assert.equal(methodResult(r, 'compauth')?.properties['reason'], '001');
});

test('reads the ARC instance', () => {
  const r = parseAuthResults('i=2; mx.example.net; spf=pass smtp.mailfrom=a.example');
  assert.equal(r.instance, 2);
  assert.equal(r.authservId, 'mx.example.net');
  assert.equal(methodResult(r, 'spf')?.result, 'pass');
});

test('stripComments drops nested comments and keeps quoted strings', () => {
  assert.equal(stripComments('a (b (c) d) "e (f)" g'), 'a  "e (f)" g');
});
