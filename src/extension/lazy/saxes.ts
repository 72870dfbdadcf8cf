// Entry of dist/saxes.js: the streaming XML parser the JUnit report reader (core/verify/junit.ts) requires on first use.
export * from 'saxes';
