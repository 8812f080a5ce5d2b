import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redirectTarget } from './redirect.js';

function target(url: string): [string, string] | undefined {
  const r = redirectTarget(new URL(url));
  return r === undefined ? undefined : [r.kind, r.target];
}

test('gateway wrappers are unwrapped: Safe Links, URL Defense v2 and v3', () => {
  assert.deepEqual(target('https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil.example%2Flogin&data=05%7C01&reserved=0'), ['gateway', 'https://evil.example/login']);
  assert.deepEqual(target('https://urldefense.proofpoint.com/v2/url?u=https-3A__evil.example_path-3Fa-3D1&d=DwMF&c=x'), ['gateway', 'https://evil.example/path?a=1']);
  assert.deepEqual(target('https://urldefense.com/v3/__https://evil.example/x__;!!abc$'), ['gateway', 'https://evil.example/x']);
});

test('open redirects: Google /url?q=, generic parameters, double encoding, base64 and paths', () => {
  assert.deepEqual(target('https://www.google.com/url?q=https://evil.example/&sa=D'), ['redirect', 'https://evil.example/']);
  assert.deepEqual(target('https://shop.example/out?id=3&redirect=https%253A%252F%252Fevil.example%252F'), ['redirect', 'https://evil.example/']);
  assert.deepEqual(target(`https://track.example/c?x=${Buffer.from('https://evil.example/b64').toString('base64')}`), ['redirect', 'https://evil.example/b64']);
  assert.deepEqual(target('https://r.example/redirect/https://evil.example/p'), ['redirect', 'https://evil.example/p']);
  assert.deepEqual(target('https://r.example/go?next=//evil.example/p'), ['redirect', 'https://evil.example/p']);
});

test('ordinary URLs carry no target', () => {
  assert.equal(target('https://example.com/search?q=phishing+tips'), undefined);
  assert.equal(target('https://example.com/a/b?id=12345&lang=en'), undefined);
  assert.equal(target('https://example.com/?x=aHR0cnotbase64!'), undefined);
});

test('other mail gateways wrap links too: their target is taken as a gateway target', () => {
  assert.deepEqual(target('https://clicktime.symantec.com/15sLs?u=https%3A%2F%2Fevil.example%2F'), ['gateway', 'https://evil.example/']);
  assert.deepEqual(target('https://linkprotect.cudasvc.com/url?a=https%3a%2f%2fevil.example%2fx&c=E,1'), ['gateway', 'https://evil.example/x']);
});
