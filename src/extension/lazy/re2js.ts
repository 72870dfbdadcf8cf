// Entry of dist/re2js.js: the linear-time regex engine fileMatches checks (core/text/pattern.ts) require on first use.
export * from 're2js';
