// What review of the mutation survivors found in src/core: a project file whose size lies (it grows
// while it is read, or says 0 bytes like Linux's /proc) was cut to its stated size + 1 byte without
// an error; a display name with accents gave a package name with an underscore inside the word.
import * as assert from 'node:assert/strict';
import { readBytes, readBytesSync } from '../../src/core/fs/safeRead';
import { suggestPackageName } from '../../src/core/scaffold/paths';

describe('safe read of a file whose size lies (core/fs/safeRead)', () => {
  it('reads a /proc file (size 0) to its end, synchronously and not, and still refuses it past the cap', async () => {
    const sync = readBytesSync('/proc/self', 'status', 1 << 20).toString('utf8');
    const async_ = (await readBytes('/proc/self', 'status', 1 << 20)).toString('utf8');
    for (const text of [sync, async_]) {
      assert.match(text, /^Name:\t/);
      assert.match(text, /\nPid:\t\d+\n/);
      assert.ok(text.endsWith('\n'), 'read to the end');
    }
    assert.throws(() => readBytesSync('/proc/self', 'status', 10), /status: more than 10 bytes, over the limit; not read/);
    await assert.rejects(readBytes('/proc/self', 'status', 10), /status: more than 10 bytes, over the limit; not read/);
  });

  it('grows its buffer past 64 KiB and keeps every byte read (/proc/self/smaps, size 0, far larger)', async () => {
    for (const bytes of [readBytesSync('/proc/self', 'smaps', 16 << 20), await readBytes('/proc/self', 'smaps', 16 << 20)]) {
      const text = bytes.toString('utf8');
      assert.ok(bytes.length > 128 * 1024, `${bytes.length} bytes`);
      assert.match(text, /^[0-9a-f]+-[0-9a-f]+ /);
      assert.ok(text.endsWith('\n'), 'read to the end');
      // Every mapping's block is whole: as many "Size:" lines as address lines.
      assert.equal(text.match(/^Size:/gm)?.length, text.match(/^[0-9a-f]+-[0-9a-f]+ /gm)?.length);
    }
  });
});

describe('package names from display names with accents (core/scaffold/paths)', () => {
  it('drops the accent marks instead of splitting the word', () => {
    assert.equal(suggestPackageName('Café Crème'), 'cafe_creme');
    assert.equal(suggestPackageName('Naïve Bayes für Anfänger'), 'naive_bayes_fur_anfanger');
    assert.equal(suggestPackageName('ｆｕｌｌｗｉｄｔｈ ＣＩＦＡＲ'), 'fullwidth_cifar');
    // Letters outside ASCII are no Python identifier we write: the fallback.
    assert.equal(suggestPackageName('Ελληνικά'), 'project');
  });
});
