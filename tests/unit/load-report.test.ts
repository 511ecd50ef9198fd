import { describe, expect, it } from 'vitest';
import { emptySamples, percentile, ratio, record, summarize, table } from '../../bench/load-report';

describe('bench:load figures', () => {
	it('takes the nearest-rank percentile, whatever the order of the samples', () => {
		const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 .. 1, reversed
		expect(percentile(values, 50)).toBe(50);
		expect(percentile(values, 95)).toBe(95);
		expect(percentile(values, 99)).toBe(99);
		expect(percentile(values, 100)).toBe(100);
		expect(percentile([7], 99)).toBe(7);
		expect(percentile([], 50)).toBeNaN();
		// Numbers, not text: 10 ms is more than 9 ms.
		expect(percentile([9, 10, 100], 50)).toBe(10);
	});

	it('counts a redirect as an error: a signed-in person sent to /signin lost their session', () => {
		const samples = emptySamples();
		record(samples, 200, 5);
		record(samples, 204, 6);
		record(samples, 303, 7);
		record(samples, 404, 8);
		record(samples, 500, 9);
		samples.errors++; // a timeout: no answer, no latency
		const [row, all] = summarize(new Map([['lesson', samples]]), 2);
		expect(row).toMatchObject({
			route: 'lesson',
			requests: 5,
			perSecond: 2.5,
			errors: 4,
			non2xx: 3,
			max: 9
		});
		expect(all).toMatchObject({ route: '**all**', requests: 5, errors: 4 });
	});

	it('adds every route into the total, with its percentiles over all answers', () => {
		const fast = emptySamples();
		const slow = emptySamples();
		for (let i = 1; i <= 90; i++) record(fast, 200, i);
		for (let i = 1; i <= 10; i++) record(slow, 200, 1000 + i);
		const rows = summarize(
			new Map([
				['fast', fast],
				['slow', slow]
			]),
			10
		);
		expect(rows.map((r) => r.route)).toEqual(['fast', 'slow', '**all**']);
		expect(rows[2]).toMatchObject({
			requests: 100,
			perSecond: 10,
			p50: 50,
			p95: 1005,
			p99: 1009,
			max: 1010,
			errors: 0
		});
		expect(table(rows)).toContain(
			'| slow | 10 | 1.0 | 1005 ms | 1010 ms | 1010 ms | 1010 ms | 0 (0) |'
		);
	});

	it('gives ratios to two decimals, and none when there is nothing to divide by', () => {
		expect(ratio(600, 200)).toBe('3.00×');
		expect(ratio(1, 0)).toBe('–');
	});
});
