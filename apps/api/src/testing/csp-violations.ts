import type { Page } from 'playwright-core';

interface CspGlobals {
  readonly __pulseCsp: string[];
}

/**
 * Run before the app's scripts (`OpenOptions.initScripts`): keeps every `securitypolicyviolation` the page sees, as
 * `directive blocked-url source:line`, for `cspViolations` to read.
 */
export const RECORD_CSP_VIOLATIONS = `
  window.__pulseCsp = [];
  window.addEventListener('securitypolicyviolation', (event) => {
    window.__pulseCsp.push(event.effectiveDirective + ' ' + (event.blockedURI || '(inline)') + ' ' + (event.sourceFile || '') + ':' + event.lineNumber);
  }, true);
`;

/** The CSP violations the page reported so far. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(globalThis as unknown as CspGlobals).__pulseCsp]);
}
