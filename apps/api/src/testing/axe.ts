import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core's browser build, evaluated in the page through the DevTools protocol (no script tag, so the CSP holds). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type AxeImpact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeFinding {
  readonly rule: string;
  readonly impact: AxeImpact | null;
  readonly help: string;
  /** CSS selectors of the offending nodes. */
  readonly targets: string[];
}

interface AxeResults {
  violations: Array<{
    id: string;
    impact: AxeImpact | null;
    help: string;
    nodes: Array<{ target: unknown[] }>;
  }>;
}

/** Runs axe-core on the page as it is now (WCAG 2.x A and AA rules and best practices) and lists its violations. */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() => {
    const axe = (globalThis as unknown as { axe: { run(options: object): Promise<AxeResults> } }).axe;
    return axe.run({
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
  });
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
  }));
}

/** The findings a user with a disability would be blocked or seriously hindered by. */
export function seriousOrWorse(findings: readonly AxeFinding[]): AxeFinding[] {
  return findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
}
