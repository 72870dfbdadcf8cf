// The skill page's HTML shell (src/core/view/skillPageHtml.ts): the exact document, escaping of
// attributes and text, the JSON data block.
import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, escapeHtml, jsonDataBlock, skillPageHtml } from '../../src/core/view/skillPageHtml';

describe('skill page HTML shell (core/view/skillPageHtml)', () => {
  it('the policy, exactly', () => {
    assert.equal(contentSecurityPolicy('vscode-res:', 'n0nce'), "default-src 'none'; script-src 'nonce-n0nce'; style-src 'nonce-n0nce' vscode-res:");
  });

  it('escapeHtml escapes the five markup characters and nothing else', () => {
    assert.equal(escapeHtml(`a&b<c>d"e'f é`), 'a&amp;b&lt;c&gt;d&quot;e&#39;f é');
    assert.equal(escapeHtml('plain'), 'plain');
  });

  it('jsonDataBlock escapes <, >, & and the line separators as JSON unicode escapes', () => {
    assert.equal(jsonDataBlock({ a: '<b>&\u2028\u2029' }), '{"a":"\\u003cb\\u003e\\u0026\\u2028\\u2029"}');
    assert.equal(jsonDataBlock([1, 'x']), '[1,"x"]');
  });

  it('the linked document, exactly, with attributes escaped (single quotes stay)', () => {
    const html = skillPageHtml({ cspSource: "a&b<c>\"d'", nonce: 'N', scriptUri: 'https://s/w.js?a=1&b="2"', styleUri: 'https://s/<a>.css', title: `T & "q" 'x'`, loading: 'Loading <…>', lang: 'de"x' });
    assert.equal(
      html,
      [
        '<!DOCTYPE html>',
        '<html lang="de&quot;x">',
        '<head>',
        '<meta charset="UTF-8">',
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-N'; style-src 'nonce-N' a&amp;b&lt;c&gt;&quot;d'">`,
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        '<link rel="stylesheet" href="https://s/&lt;a&gt;.css">',
        '<title>T &amp; &quot;q&quot; &#39;x&#39;</title>',
        '</head>',
        '<body>',
        '<div id="app" aria-busy="true"><p class="loading">Loading &lt;…&gt;</p></div>',
        '<script nonce="N" src="https://s/w.js?a=1&amp;b=&quot;2&quot;"></script>',
        '</body>',
        '</html>',
      ].join('\n'),
    );
  });

  it('the inlined document, exactly, in English by default, with the data block', () => {
    const html = skillPageHtml({ cspSource: 'c', nonce: 'N"', scriptUri: 'u.js', styleUri: 'u.css', scriptText: 'run()', styleText: 'p{}', title: 'T', loading: 'L', initial: { a: '<' } });
    assert.equal(
      html,
      [
        '<!DOCTYPE html>',
        '<html lang="en">',
        '<head>',
        '<meta charset="UTF-8">',
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-N&quot;'; style-src 'nonce-N&quot;' c">`,
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        '<style nonce="N&quot;">p{}</style>',
        '<script nonce="N&quot;">run()</script>',
        '<title>T</title>',
        '</head>',
        '<body>',
        '<div id="app" aria-busy="true"><p class="loading">L</p></div>',
        '<script type="application/json" id="lp-initial">{"a":"\\u003c"}</script>',
        '</body>',
        '</html>',
      ].join('\n'),
    );
  });

  it('text that could close its element or open a comment is not inlined, in any case; empty text is', () => {
    const base = { cspSource: 'c', nonce: 'N', scriptUri: 'u.js', styleUri: 'u.css', title: 'T', loading: 'L' };
    const scriptOut = skillPageHtml({ ...base, scriptText: 'a</ScRiPt' });
    assert.ok(scriptOut.includes('<script nonce="N" src="u.js"></script>\n</body>'));
    assert.ok(!scriptOut.includes('a</ScRiPt'));
    assert.ok(skillPageHtml({ ...base, scriptText: 'a <!-- b' }).includes('src="u.js"'));
    assert.ok(skillPageHtml({ ...base, scriptText: 'a </style> b' }).includes('<script nonce="N">a </style> b</script>\n<title>'), 'only its own closing tag matters');
    assert.ok(skillPageHtml({ ...base, styleText: 'a </script> b' }).includes('<style nonce="N">a </script> b</style>'));
    assert.ok(skillPageHtml({ ...base, styleText: 'x</sTyLe' }).includes('<link rel="stylesheet" href="u.css">'));
    assert.ok(skillPageHtml({ ...base, styleText: '<!--' }).includes('<link rel="stylesheet" href="u.css">'));
    const empty = skillPageHtml({ ...base, scriptText: '', styleText: '' });
    assert.ok(empty.includes('<style nonce="N"></style>\n<script nonce="N"></script>\n<title>T</title>'));
    assert.ok(!empty.includes('u.js') && !empty.includes('u.css'));
  });
});
