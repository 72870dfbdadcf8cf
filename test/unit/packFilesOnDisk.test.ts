// Finding and reading pack files on disk (src/core/catalog/packFiles.ts) in a temporary folder:
// sorting, the starters folder, links inside and outside, loops, pipes, sockets and devices, size
// caps, unsaved editor text, and UTF-8 checks. Every problem is asserted as its exact diagnostic.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeUtf8,
  formatBytes,
  invalidUtf8Offset,
  isCatalogFileName,
  isInside,
  listCatalogFiles,
  readCatalogFile,
  readCatalogFiles,
  readPackFiles,
  readTextFile,
  SIZE_LIMITS,
  sizeLimitOf,
  STARTERS_FOLDER,
} from '../../src/core/catalog/packFiles';
import { formatDiagnostic, type Diagnostic } from '../../src/core/diagnostics';

const MB = 1024 * 1024;
const show = (ds: Diagnostic[]) => ds.map(formatDiagnostic);
const problem = (r: { text: string } | { diagnostic: Diagnostic }) => ('diagnostic' in r ? formatDiagnostic(r.diagnostic) : `text: ${r.text}`);

describe('pack file names, sizes and paths (core/catalog/packFiles)', () => {
  it('catalog files are .yaml, .yml and .json, in any case', () => {
    assert.deepEqual(
      ['a.yaml', 'a.yml', 'a.json', 'A.YAML', 'B.Json', 'a.yaml.txt', 'yaml', 'a.yamll', 'a.jsonc', 'a.ym'].map(isCatalogFileName),
      [true, true, true, true, true, false, false, false, false, false],
    );
    assert.equal(STARTERS_FOLDER, 'starters');
  });

  it('JSON files may be 64 MB, YAML files 5 MB', () => {
    assert.deepEqual(SIZE_LIMITS, { yaml: 5 * MB, json: 64 * MB });
    assert.deepEqual(['a.json', 'a.JSON', 'a.yaml', 'a.json.yaml', 'a.yml'].map(sizeLimitOf), [64 * MB, 64 * MB, 5 * MB, 5 * MB, 5 * MB]);
  });

  it('bytes below a megabyte, whole or one-decimal megabytes above', () => {
    assert.deepEqual([0, 1, MB - 1, MB, MB + 1, 1.5 * MB, 5 * MB, 64 * MB + 1].map(formatBytes), ['0 bytes', '1 bytes', '1048575 bytes', '1 MB', '1.0 MB', '1.5 MB', '5 MB', '64.0 MB']);
  });

  it('a path is inside a root when it is the root or below it', () => {
    assert.deepEqual(
      [isInside('/p', '/p'), isInside('/p/a/b', '/p'), isInside('/p/..x', '/p'), isInside('/p', '/p/a'), isInside('/q', '/p'), isInside('/p2', '/p'), isInside('/', '/p')],
      [true, true, true, false, false, false, false],
    );
  });
});

describe('UTF-8 checks (core/catalog/packFiles)', () => {
  const at = (...bytes: number[]) => invalidUtf8Offset(new Uint8Array(bytes));

  it('accepts every well-formed sequence at its limits', () => {
    assert.deepEqual(
      [at(), at(0x00, 0x7f), at(0xc2, 0x80), at(0xdf, 0xbf), at(0xe0, 0xa0, 0x80), at(0xe1, 0x80, 0x80), at(0xec, 0xbf, 0xbf), at(0xed, 0x9f, 0xbf), at(0xee, 0x80, 0x80), at(0xef, 0xbf, 0xbf), at(0xf0, 0x90, 0x80, 0x80), at(0xf1, 0x80, 0x80, 0x80), at(0xf3, 0xbf, 0xbf, 0xbf), at(0xf4, 0x8f, 0xbf, 0xbf)],
      Array<number>(14).fill(-1),
    );
  });

  it('finds the start of the first ill-formed sequence', () => {
    assert.deepEqual(
      [
        at(0x80),
        at(0x61, 0xbf),
        at(0xc0, 0x80),
        at(0xc1, 0xbf),
        at(0x61, 0xc2),
        at(0xc2, 0x7f),
        at(0xc2, 0xc0),
        at(0xe0, 0x9f, 0x80),
        at(0xe0, 0xa0),
        at(0xe1, 0x80, 0x7f),
        at(0xe1, 0x80, 0xc0),
        at(0xed, 0xa0, 0x80),
        at(0xf0, 0x8f, 0x80, 0x80),
        at(0xf0, 0x90, 0x80),
        at(0xf1, 0x80, 0x80, 0xc0),
        at(0xf4, 0x90, 0x80, 0x80),
        at(0xf5, 0x80, 0x80, 0x80),
        at(0xff),
        at(0x61, 0x62, 0xe2, 0x82, 0xac, 0xe2, 0x82),
        at(0xc0, 0x80, 0x80),
        at(0x80, 0x80, 0x80),
        at(0x80, 0x80, 0x80, 0x80),
        at(0xc1, 0x80, 0x80, 0x80),
      ],
      [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0],
    );
  });

  it('decodes UTF-8 and drops a byte-order mark; names the line, column and offset of a bad byte', () => {
    assert.deepEqual(decodeUtf8('a.yaml', new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9])), { text: 'hé' });
    const bad = (bytes: number[]) => {
      const r = decodeUtf8('b.yaml', new Uint8Array(bytes));
      return 'diagnostic' in r ? [formatDiagnostic(r.diagnostic), r.diagnostic.endLine, r.diagnostic.endColumn, r.diagnostic.severity] : r.text;
    };
    assert.deepEqual(bad([0xff]), ['b.yaml:1:1: not UTF-8 text: invalid byte 0xff at byte offset 0; save the file as UTF-8', 1, 2, 'error']);
    assert.deepEqual(bad([0x61, 0x0a, 0x62, 0x63, 0x0a, 0xc3, 0xa9, 0x64, 0x05, 0xe2, 0x82]), ['b.yaml:3:4: not UTF-8 text: invalid byte 0xe2 at byte offset 9; save the file as UTF-8', 3, 5, 'error']);
  });
});

describe('listing and reading pack folders (core/catalog/packFiles)', () => {
  let dir: string;
  let server: Server | undefined;
  beforeEach(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'lp-packfiles-')));
  });
  afterEach(() => {
    server?.close();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  const write = (rel: string, text = '') => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  const listed = (root: string, within?: string) => {
    const r = listCatalogFiles(root, within);
    return { found: r.found.map((f) => (f.file === f.real ? f.file.slice(dir.length) : `${f.file.slice(dir.length)} -> ${f.real.slice(dir.length)}`)), diagnostics: show(r.diagnostics) };
  };

  it('a missing root, or one below a file, does not exist', () => {
    write('file.yaml');
    assert.throws(() => listCatalogFiles(join(dir, 'absent')), { message: `${join(dir, 'absent')}: no such file or folder` });
    assert.throws(() => listCatalogFiles(join(dir, 'file.yaml', 'x')), { message: `${join(dir, 'file.yaml', 'x')}: no such file or folder` });
    assert.throws(() => readPackFiles([join(dir, 'absent')]), { message: `${join(dir, 'absent')}: no such file or folder` });
  });

  it('a root that is a link loop, a pipe or a device is one problem', () => {
    symlinkSync(join(dir, 'loop'), join(dir, 'loop'));
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    assert.deepEqual(listed(join(dir, 'loop')), { found: [], diagnostics: [`${join(dir, 'loop')}:1:1: symbolic link loop; not read`] });
    assert.deepEqual(listed(join(dir, 'pipe.yaml')), { found: [], diagnostics: [`${join(dir, 'pipe.yaml')}:1:1: a named pipe (FIFO), not a regular file; not read`] });
    assert.deepEqual(listCatalogFiles('/dev/null').diagnostics.map(formatDiagnostic), ['/dev/null:1:1: a device, not a regular file; not read']);
    assert.deepEqual(listCatalogFiles(join(dir, 'loop')).diagnostics.map((d) => [d.severity, d.field, d.endLine, d.endColumn]), [['error', '(file)', 1, 1]]);
  });

  it('a root whose path cannot be resolved for another reason says why', () => {
    const long = join(dir, 'x'.repeat(300));
    assert.deepEqual(listed(long), { found: [], diagnostics: [`${long}:1:1: cannot open: ENAMETOOLONG`] });
  });

  it('a root that is a file is itself, named as given', () => {
    write('one.yaml');
    symlinkSync(join(dir, 'one.yaml'), join(dir, 'link.yaml'));
    assert.deepEqual(listed(join(dir, 'one.yaml')), { found: ['/one.yaml'], diagnostics: [] });
    assert.deepEqual(listed(join(dir, 'link.yaml')), { found: ['/link.yaml -> /one.yaml'], diagnostics: [] });
  });

  it('a root that resolves outside `within` is skipped with a warning; inside it is read', () => {
    write('ws/pack/a.yaml');
    write('elsewhere/b.yaml');
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'ws', 'linked'));
    assert.deepEqual(listed(join(dir, 'ws', 'linked'), join(dir, 'ws')), {
      found: [],
      diagnostics: [`${join(dir, 'ws', 'linked')}:1:1: warning: symbolic link to ${join(dir, 'elsewhere')}, outside ${join(dir, 'ws')}; skipped`],
    });
    assert.deepEqual(listed(join(dir, 'ws', 'pack'), join(dir, 'ws')), { found: ['/ws/pack/a.yaml'], diagnostics: [] });
    assert.deepEqual(listed(join(dir, 'ws'), join(dir, 'ws')).found, ['/ws/linked/b.yaml -> /elsewhere/b.yaml', '/ws/pack/a.yaml'].slice(1));
  });

  it('walks folders in name order, keeps catalog files only, and skips the top-level starters folder', () => {
    write('b.yaml');
    write('a.json');
    write('notes.txt');
    write('z/inner.yml');
    write('m/deep/x.YAML');
    write('starters/s1/template.yaml');
    write('m/starters/kept.yaml');
    mkdirSync(join(dir, 'folder.yaml'));
    write('folder.yaml/in.json');
    assert.deepEqual(listed(dir), { found: ['/a.json', '/b.yaml', '/folder.yaml/in.json', '/m/deep/x.YAML', '/m/starters/kept.yaml', '/z/inner.yml'], diagnostics: [] });
  });

  it('follows links inside the pack once, and reports links that leave it, break, or loop', () => {
    write('real/a.yaml');
    write('real/sub/b.yaml');
    write('other/c.yaml');
    mkdirSync(join(dir, 'pack'));
    write('pack/own.yaml');
    symlinkSync(join(dir, 'pack', 'own.yaml'), join(dir, 'pack', 'alias.yaml'));
    symlinkSync(join(dir, 'other'), join(dir, 'pack', 'out'));
    symlinkSync(join(dir, 'pack', 'missing.yaml'), join(dir, 'pack', 'broken.yaml'));
    symlinkSync(join(dir, 'pack', 'self'), join(dir, 'pack', 'self'));
    symlinkSync(join(dir, 'pack'), join(dir, 'pack', 'up'));
    mkdirSync(join(dir, 'pack', 'd'));
    write('pack/d/f.yaml');
    symlinkSync(join(dir, 'pack', 'd'), join(dir, 'pack', 'e'));
    symlinkSync(join(dir, 'pack', 'd', 'f.yaml'), join(dir, 'pack', 'd', 'notes.txt'));
    const pack = join(dir, 'pack');
    assert.deepEqual(listed(pack), {
      found: ['/pack/alias.yaml -> /pack/own.yaml', '/pack/d/f.yaml'],
      diagnostics: [
        `${join(pack, 'broken.yaml')}:1:1: warning: broken symbolic link; skipped`,
        `${join(pack, 'out')}:1:1: warning: symbolic link to ${join(dir, 'other')}, outside the pack folder ${pack}; skipped`,
        `${pack}:1:1: symbolic link loop at "self"; not followed (the rest of the folder loads)`,
        `${pack}:1:1: symbolic link loop: "up" points back to ${pack}; not followed (the rest of the folder loads)`,
      ],
    });
  });

  it('lists a folder in JavaScript string order (UTF-16 code units), whatever order the files were made in', () => {
    for (const name of ['q', 'z', 'c', 'x', 'a', 'm', 'b', 'y', '\uff21', '\u{1f600}']) write(`${name}.yaml`);
    // The operating system sorts by UTF-8 bytes, which puts U+FF21 before U+1F600.
    assert.deepEqual(listed(dir).found, ['/a.yaml', '/b.yaml', '/c.yaml', '/m.yaml', '/q.yaml', '/x.yaml', '/y.yaml', '/z.yaml', '/\u{1f600}.yaml', '/\uff21.yaml']);
  });

  it('a link whose target path runs through a file cannot be followed', () => {
    write('pack/own.yaml');
    symlinkSync(join(dir, 'pack', 'own.yaml', 'x'), join(dir, 'pack', 'through.yaml'));
    assert.deepEqual(listed(join(dir, 'pack')), { found: ['/pack/own.yaml'], diagnostics: [`${join(dir, 'pack', 'through.yaml')}:1:1: cannot follow this link: ENOTDIR`] });
  });

  it('an entry whose full path is too long for the system cannot be read; the rest still loads', () => {
    // Folders of 200-character names down to about 4,000 characters, then a file that takes the
    // path over the system's limit; it is made through a shorter link from outside the pack.
    let deep = join(dir, 'pack');
    write('pack/a.yaml');
    while (deep.length < 3900) deep = join(deep, 'd'.repeat(200));
    mkdirSync(deep, { recursive: true });
    symlinkSync(deep, join(dir, 'short'));
    const short = join(dir, 'short', `${'f'.repeat(200)}.yaml`);
    writeFileSync(short, '');
    try {
      const r = listCatalogFiles(join(dir, 'pack'));
      assert.deepEqual(r.found.map((f) => f.file), [join(dir, 'pack', 'a.yaml')]);
      assert.deepEqual(show(r.diagnostics), [`${join(deep, `${'f'.repeat(200)}.yaml`)}:1:1: cannot read: ENAMETOOLONG`]);
    } finally {
      rmSync(short); // the full path is too long for the clean-up
    }
  });

  it('a folder walked already is not walked again through a later link', () => {
    write('pack/a/f.yaml');
    execFileSync('mkfifo', [join(dir, 'pack', 'a', 'pipe.yaml')]);
    symlinkSync(join(dir, 'pack', 'a'), join(dir, 'pack', 'z'));
    assert.deepEqual(listed(join(dir, 'pack')), { found: ['/pack/a/f.yaml'], diagnostics: [`${join(dir, 'pack', 'a', 'pipe.yaml')}:1:1: a named pipe (FIFO), not a regular file; not read`] });
  });

  it('a loop inside a folder reached through a link is a loop there too', () => {
    mkdirSync(join(dir, 'pack', 'z'), { recursive: true });
    symlinkSync(join(dir, 'pack', 'z'), join(dir, 'pack', 'a'));
    symlinkSync(join(dir, 'pack', 'z'), join(dir, 'pack', 'z', 'back'));
    assert.deepEqual(listed(join(dir, 'pack')).diagnostics, [
      `${join(dir, 'pack', 'a')}:1:1: symbolic link loop: "back" points back to ${join(dir, 'pack', 'z')}; not followed (the rest of the folder loads)`,
      `${join(dir, 'pack', 'z')}:1:1: symbolic link loop: "back" points back to ${join(dir, 'pack', 'z')}; not followed (the rest of the folder loads)`,
    ]);
  });

  it('a folder reached through a link first is walked there, and not again', () => {
    write('pack/z/f.yaml');
    symlinkSync(join(dir, 'pack', 'z'), join(dir, 'pack', 'a'));
    assert.deepEqual(listed(join(dir, 'pack')).found, ['/pack/a/f.yaml -> /pack/z/f.yaml']);
  });

  it('a link loop deeper down points back to an ancestor', () => {
    write('pack/x/y/f.yaml');
    symlinkSync(join(dir, 'pack', 'x'), join(dir, 'pack', 'x', 'y', 'back'));
    assert.deepEqual(listed(join(dir, 'pack')), {
      found: ['/pack/x/y/f.yaml'],
      diagnostics: [`${join(dir, 'pack', 'x', 'y')}:1:1: symbolic link loop: "back" points back to ${join(dir, 'pack', 'x')}; not followed (the rest of the folder loads)`],
    });
  });

  it('pipes and sockets with catalog names, directly or through a link, are not read', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    symlinkSync(join(dir, 'pipe.yaml'), join(dir, 'to-pipe.json'));
    symlinkSync(join(dir, 'pipe.txt'), join(dir, 'to-pipe.txt'));
    const s = createServer();
    server = s;
    await new Promise<void>((resolve) => s.listen(join(dir, 'sock.yaml'), resolve));
    assert.deepEqual(listed(dir), {
      found: [],
      diagnostics: [
        `${join(dir, 'pipe.yaml')}:1:1: a named pipe (FIFO), not a regular file; not read`,
        `${join(dir, 'sock.yaml')}:1:1: a socket, not a regular file; not read`,
        `${join(dir, 'to-pipe.json')}:1:1: links to a named pipe (FIFO), not a regular file; not read`,
      ],
    });
  });

  it('reads a regular file; refuses a folder, a pipe, a link and a missing file', () => {
    write('ok.yaml', 'a: é');
    mkdirSync(join(dir, 'folder'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    symlinkSync(join(dir, 'ok.yaml'), join(dir, 'link.yaml'));
    const read = (name: string) => problem(readTextFile(join(dir, name), join(dir, name), 100));
    assert.deepEqual(
      ['ok.yaml', 'folder', 'pipe', 'link.yaml', 'missing'].map(read),
      [
        'text: a: é',
        `${join(dir, 'folder')}:1:1: a folder, not a regular file; not read`,
        `${join(dir, 'pipe')}:1:1: a named pipe (FIFO), not a regular file; not read`,
        `${join(dir, 'link.yaml')}:1:1: cannot open: ELOOP`,
        `${join(dir, 'missing')}:1:1: cannot open: ENOENT`,
      ],
    );
    assert.equal(problem(readTextFile('shown.yaml', join(dir, 'link.yaml'), 100)), 'shown.yaml:1:1: cannot open: ELOOP');
  });

  it('a file at its size limit is read; one byte more is refused before reading', () => {
    write('ten.txt', '0123456789');
    write('eleven.txt', '0123456789X');
    assert.equal(problem(readTextFile(join(dir, 'ten.txt'), join(dir, 'ten.txt'), 10)), 'text: 0123456789');
    assert.equal(problem(readTextFile(join(dir, 'eleven.txt'), join(dir, 'eleven.txt'), 10)), `${join(dir, 'eleven.txt')}:1:1: 11 bytes is over the 10 bytes limit; not read`);
    assert.equal(problem(readTextFile('e.txt', join(dir, 'eleven.txt'), 10, (size) => `too big: ${size}`)), 'e.txt:1:1: too big: 11 bytes');
  });

  it('a file that holds more than its size said is cut off at the limit', () => {
    // /proc files say they are empty.
    assert.equal(problem(readTextFile('status', '/proc/self/status', 0)), 'status:1:1: more than 0 bytes is over the 0 bytes limit; not read');
    assert.equal(problem(readTextFile('status', '/proc/self/status', 5)), 'text: N');
  });

  it('pack files over their cap are refused with the advice for their format', () => {
    write('big.yaml');
    truncateSync(join(dir, 'big.yaml'), 5 * MB + 1);
    write('big.json');
    truncateSync(join(dir, 'big.json'), 64 * MB + 1);
    write('fits.yaml', 'a: 1');
    write('big.json.yaml');
    truncateSync(join(dir, 'big.json.yaml'), 5 * MB + 1);
    assert.deepEqual(
      ['big.yaml', 'big.json', 'fits.yaml'].map((name) => problem(readCatalogFile(join(dir, name)))),
      [
        `${join(dir, 'big.yaml')}:1:1: 5.0 MB is over the 5 MB limit for YAML pack files; not read (split it into several files, or compile it to JSON)`,
        `${join(dir, 'big.json')}:1:1: 64.0 MB is over the 64 MB limit for JSON pack files; not read (split it into several files)`,
        'text: a: 1',
      ],
    );
    assert.equal(problem(readCatalogFile('shown.yaml', join(dir, 'fits.yaml'))), 'text: a: 1');
    assert.equal(problem(readCatalogFile(join(dir, 'big.json.yaml'))), `${join(dir, 'big.json.yaml')}:1:1: 5.0 MB is over the 5 MB limit for YAML pack files; not read (split it into several files, or compile it to JSON)`);
  });

  it('reads every path in order, with unsaved text by shown or real path, and lists the files it could not read', () => {
    write('p1/a.yaml', 'on disk a');
    write('p1/b.yaml', 'on disk b');
    write('p1/bad.yaml');
    writeFileSync(join(dir, 'p1', 'bad.yaml'), Buffer.from([0x61, 0xff]));
    write('p2/c.json', 'on disk c');
    write('p2/zsub/d-real.yaml', 'on disk d');
    symlinkSync(join(dir, 'p2', 'zsub', 'd-real.yaml'), join(dir, 'p2', 'd.yaml'));
    write('real/r.yaml', 'outside');
    write('p2/e.yaml', 'on disk e');
    write('p2/f.yaml', 'on disk f');
    mkdirSync(join(dir, 'p3'));
    symlinkSync(join(dir, 'real'), join(dir, 'p3', 'r'));
    const overrides = new Map([
      [join(dir, 'p1', 'b.yaml'), 'unsaved b'],
      [join(dir, 'p2', 'zsub', 'd-real.yaml'), 'unsaved d'],
      [join(dir, 'p2', 'e.yaml'), 'é'.repeat(3 * MB)],
      [join(dir, 'p2', 'f.yaml'), 'x'.repeat(5 * MB)],
    ]);
    const r = readPackFiles([join(dir, 'p1'), join(dir, 'p2')], overrides);
    assert.deepEqual(
      r.files.map((f) => `${f.file.slice(dir.length)}: ${f.text.length > 20 ? `${f.text.length} characters` : f.text}`),
      ['/p1/a.yaml: on disk a', '/p1/b.yaml: unsaved b', '/p2/c.json: on disk c', '/p2/d.yaml: unsaved d', `/p2/f.yaml: ${5 * MB} characters`],
    );
    assert.deepEqual(r.listed.map((f) => f.slice(dir.length)), ['/p1/a.yaml', '/p1/b.yaml', '/p1/bad.yaml', '/p2/c.json', '/p2/d.yaml', '/p2/e.yaml', '/p2/f.yaml']);
    assert.deepEqual(show(r.diagnostics), [
      `${join(dir, 'p1', 'bad.yaml')}:1:2: not UTF-8 text: invalid byte 0xff at byte offset 1; save the file as UTF-8`,
      `${join(dir, 'p2', 'e.yaml')}:1:1: over the 5 MB limit for pack files; not read`,
    ]);
    const within = readPackFiles([join(dir, 'p3')], undefined, join(dir, 'p3'));
    assert.deepEqual([within.files, show(within.diagnostics)], [[], [`${join(dir, 'p3', 'r')}:1:1: warning: symbolic link to ${join(dir, 'real')}, outside the pack folder ${join(dir, 'p3')}; skipped`]]);
  });

  it('trusted data must read without a problem', () => {
    write('good/a.yaml', 'x: 1');
    write('bad/a.yaml');
    writeFileSync(join(dir, 'bad', 'a.yaml'), Buffer.from([0xc3]));
    write('bad/b.json');
    writeFileSync(join(dir, 'bad', 'b.json'), Buffer.from([0xff]));
    assert.deepEqual(readCatalogFiles([join(dir, 'good')]), [{ file: join(dir, 'good', 'a.yaml'), text: 'x: 1' }]);
    assert.throws(() => readCatalogFiles([join(dir, 'bad')]), {
      message: `${join(dir, 'bad', 'a.yaml')}: not UTF-8 text: invalid byte 0xc3 at byte offset 0; save the file as UTF-8\n${join(dir, 'bad', 'b.json')}: not UTF-8 text: invalid byte 0xff at byte offset 0; save the file as UTF-8`,
    });
  });
});
