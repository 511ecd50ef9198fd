/**
 * The figures of `npm run bench:load`, kept apart from the run so they can be tested: what each
 * answer counts as, per-route percentiles and the Markdown table.
 */

/** One route's answers during a run. */
export interface RouteSamples {
	/** Milliseconds from the request written to the last byte of the answer, one per answer. */
	latencies: number[];
	/** Answers with a 2xx status. */
	ok: number;
	/** Redirects: for a signed-in bench user always a lost session or a refusal, so an error. */
	redirects: number;
	/** 4xx and 5xx answers. */
	failed: number;
	/** Connection errors and timeouts (no answer at all). */
	errors: number;
}

export function emptySamples(): RouteSamples {
	return { latencies: [], ok: 0, redirects: 0, failed: 0, errors: 0 };
}

/** Counts one answer by its status. */
export function record(samples: RouteSamples, status: number, latencyMs: number): void {
	samples.latencies.push(latencyMs);
	if (status >= 200 && status < 300) samples.ok++;
	else if (status >= 300 && status < 400) samples.redirects++;
	else samples.failed++;
}

/** Nearest-rank percentile (as bench/match.ts): the smallest value with at least p% at or below it. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = Float64Array.from(values).sort();
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface RouteRow {
	route: string;
	requests: number;
	perSecond: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	/** Every answer that was not a 2xx, plus requests that got no answer. */
	errors: number;
	non2xx: number;
}

/** One row per route, then the total over every route. */
export function summarize(routes: Map<string, RouteSamples>, seconds: number): RouteRow[] {
	const row = (route: string, s: RouteSamples): RouteRow => ({
		route,
		requests: s.latencies.length,
		perSecond: s.latencies.length / seconds,
		p50: percentile(s.latencies, 50),
		p95: percentile(s.latencies, 95),
		p99: percentile(s.latencies, 99),
		max: s.latencies.length === 0 ? Number.NaN : s.latencies.reduce((a, b) => Math.max(a, b), 0),
		errors: s.redirects + s.failed + s.errors,
		non2xx: s.redirects + s.failed
	});
	const all = emptySamples();
	for (const s of routes.values()) {
		all.latencies.push(...s.latencies);
		all.ok += s.ok;
		all.redirects += s.redirects;
		all.failed += s.failed;
		all.errors += s.errors;
	}
	return [...[...routes].map(([route, s]) => row(route, s)), row('**all**', all)];
}

const ms = (n: number) => (Number.isNaN(n) ? '–' : `${n.toFixed(n < 10 ? 1 : 0)} ms`);

/** The rows as a Markdown table for docs/benchmarks.md. */
export function table(rows: RouteRow[]): string {
	const lines = [
		'| Route | Requests | Req/s | p50 | p95 | p99 | Max | Errors (of which non-2xx) |',
		'|---|---|---|---|---|---|---|---|'
	];
	for (const r of rows)
		lines.push(
			`| ${r.route} | ${r.requests.toLocaleString('en')} | ${r.perSecond.toFixed(1)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.errors} (${r.non2xx}) |`
		);
	return lines.join('\n');
}

/** How many times `a` is `b`, to two decimals ("3.41×"). */
export function ratio(a: number, b: number): string {
	return b === 0 || Number.isNaN(a / b) ? '–' : `${(a / b).toFixed(2)}×`;
}
