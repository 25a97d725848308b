// Node and other runtimes without a Content-Security-Policy. Browser bundlers read the "browser" field of the nearest
// package.json (libs/protocol/package.json here, esm-scope/package.json as the published dist/package.json) and take
// build-checks.browser.ts instead.
export { compiledChecks as buildChecks } from './compiled-checks';
