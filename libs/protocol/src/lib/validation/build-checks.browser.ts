// Browsers: no `new Function`, so the page runs under a CSP without 'unsafe-eval' (see build-checks.ts).
export { interpretedChecks as buildChecks } from './interpreted-checks';
