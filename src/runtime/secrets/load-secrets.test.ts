import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { isVigilError } from '../../lib/errors.js';
import { loadSecrets, pickSecrets, secretSourcesFromEnv } from './load-secrets.js';

describe('loadSecrets', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'vigil-secrets-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  const file = (name: string, text: string, mode: number): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    chmodSync(path, mode);
    return path;
  };

  it('reads VIGIL_SECRET_<NAME> variables and ignores the rest', () => {
    const secrets = loadSecrets({ env: { VIGIL_SECRET_SLACK_WEBHOOK_URL: 'https://hooks.example/T/B/x', PATH: '/bin', VIGIL_SECRET_EMPTY: '' } });
    assert.deepEqual([...secrets.keys()], ['SLACK_WEBHOOK_URL']);
    assert.equal(secrets.get('SLACK_WEBHOOK_URL')!.reveal(), 'https://hooks.example/T/B/x');
  });

  it('gives Secret objects whose string, JSON and inspect forms are handles', () => {
    const s = loadSecrets({ env: { VIGIL_SECRET_TOKEN: 'value-123456' } }).get('TOKEN')!;
    assert.equal(String(s), '[secret:TOKEN]');
    assert.equal(JSON.stringify({ s }), '{"s":"[secret:TOKEN]"}');
    assert.ok(!inspect(s).includes('value-123456'));
  });

  it('reads an owner-only file of NAME=value lines, which wins over the environment', () => {
    const path = file('ok', '# comment\n\nTHEHIVE_API_KEY=abc=def==\nTOKEN = from-file \n', 0o600);
    const secrets = loadSecrets({ env: { VIGIL_SECRET_TOKEN: 'from-env' }, file: path });
    assert.equal(secrets.get('THEHIVE_API_KEY')!.reveal(), 'abc=def==');
    assert.equal(secrets.get('TOKEN')!.reveal(), ' from-file ');
  });

  for (const mode of [0o640, 0o604, 0o644, 0o660, 0o610]) {
    it(`refuses a secrets file with mode ${mode.toString(8)}`, () => {
      const path = file(`open-${mode.toString(8)}`, 'TOKEN=leaky-value-1\n', mode);
      assert.throws(() => loadSecrets({ file: path }), (e: unknown) => {
        assert.ok(isVigilError(e) && e.code === 'INVALID_CONFIG');
        assert.match(e.message, /is readable by others \(mode 0\d+\); run: chmod 600/);
        assert.ok(!e.message.includes('leaky-value-1'));
        return true;
      });
    });
  }

  it('refuses a symbolic link and a directory', () => {
    const target = file('target', 'TOKEN=x-value\n', 0o600);
    const link = join(dir, 'link');
    symlinkSync(target, link);
    assert.throws(() => loadSecrets({ file: link }), /symbolic links are refused/);
    assert.throws(() => loadSecrets({ file: dir }), /(not a regular file|readable by others)/);
  });

  it('names the line of a malformed entry without printing the value', () => {
    const path = file('bad', 'GOOD=fine\nlower=hidden-value-9\n', 0o600);
    assert.throws(() => loadSecrets({ file: path }), (e: unknown) => e instanceof Error && /bad:2: expected NAME=value/.test(e.message) && !e.message.includes('hidden-value-9'));
  });

  it('refuses badly named variables and reports a missing file', () => {
    assert.throws(() => loadSecrets({ env: { 'VIGIL_SECRET_bad-name': 'x' } }), /VIGIL_SECRET_bad-name/);
    assert.throws(() => loadSecrets({ file: join(dir, 'missing') }), /ENOENT/);
  });

  it('takes the secrets file from VIGIL_SECRETS_FILE', () => {
    const path = file('from-env', 'FILE_KEY=file-value-1\n', 0o600);
    const secrets = loadSecrets(secretSourcesFromEnv({ VIGIL_SECRETS_FILE: path, VIGIL_SECRET_ENV_KEY: 'env-value-1' }));
    assert.deepEqual([...secrets.keys()].sort(), ['ENV_KEY', 'FILE_KEY']);
    assert.deepEqual(secretSourcesFromEnv({ VIGIL_SECRETS_FILE: '' }), { env: { VIGIL_SECRETS_FILE: '' } });
  });

  it('picks the declared secrets and lists the missing ones', () => {
    const all = loadSecrets({ env: { VIGIL_SECRET_A_KEY: 'aaaa1', VIGIL_SECRET_B_KEY: 'bbbb2' } });
    const { secrets, missing } = pickSecrets(all, ['A_KEY', 'C_KEY']);
    assert.deepEqual([...secrets.keys()], ['A_KEY']);
    assert.deepEqual(missing, ['C_KEY']);
  });
});
