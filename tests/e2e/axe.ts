import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page (WCAG 2.x A and AA rules) and returns the violations found. */
export async function axeViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
	// Injected through the DevTools protocol, so the page's CSP does not block it.
	await page.evaluate(axeSource);
	const results = await page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: {
					run: (
						ctx: Document,
						opts: object
					) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
				};
			}
		).axe;
		return axe.run(document, {
			runOnly: {
				type: 'tag',
				values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']
			}
		});
	});
	return results.violations.map((v) => ({
		id: v.id,
		nodes: v.nodes.map((n) => n.target.join(' '))
	}));
}
