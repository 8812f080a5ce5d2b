import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openError, readError } from './input-errors.js';

function systemError(code: string): Error {
  return Object.assign(new Error(`${code}: something`), { code });
}

describe('input errors', () => {
  it('maps open failures to a code by errno, naming the path', () => {
    const cases = [
      ['ENOENT', 'INPUT_NOT_FOUND'],
      ['ENOTDIR', 'INPUT_NOT_FOUND'],
      ['EISDIR', 'INPUT_UNREADABLE'],
      ['EACCES', 'INPUT_UNREADABLE'],
      ['EPERM', 'INPUT_UNREADABLE'],
      ['EMFILE', 'INPUT_UNREADABLE'],
    ] as const;
    for (const [errno, code] of cases) {
      const cause = systemError(errno);
      const error = openError(cause, '/var/log/auth.log');
      assert.equal(error.code, code, errno);
      assert.equal(error.cause, cause);
      assert.equal(error.location?.file, '/var/log/auth.log');
      assert.match(error.message, /\/var\/log\/auth\.log/);
    }
    assert.match(openError(systemError('EACCES'), 'x').message, /permission denied/);
    assert.equal(openError('not even an Error', 'x').code, 'INPUT_UNREADABLE');
  });

  it('tells damaged gzip from a failed read, and says how far reading got', () => {
    const progress = { linesSeen: 41, linesDelivered: 40, unfinishedBytes: 17 };
    const corrupt = readError(systemError('Z_DATA_ERROR'), 'auth.log.gz', progress);
    assert.equal(corrupt.code, 'INPUT_CORRUPT');
    assert.equal(corrupt.location?.line, 42);
    assert.match(corrupt.message, /lines 1-41 \(40 delivered\)/);
    assert.match(corrupt.message, /17-byte start of line 42 was dropped/);
    const failed = readError(systemError('EIO'), 'auth.log', { ...progress, unfinishedBytes: 0 });
    assert.equal(failed.code, 'INPUT_UNREADABLE');
    assert.doesNotMatch(failed.message, /dropped/);
  });
});
