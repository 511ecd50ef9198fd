import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { config } from '$lib/server/config';

describe('QUICK_EXIT_URL, where leaving goes', () => {
	const saved = process.env.QUICK_EXIT_URL;
	beforeEach(() => {
		delete process.env.QUICK_EXIT_URL;
	});
	afterEach(() => {
		if (saved === undefined) delete process.env.QUICK_EXIT_URL;
		else process.env.QUICK_EXIT_URL = saved;
	});

	it('defaults to an ordinary public site of another origin', () => {
		expect(config.exitUrl).toBe('https://www.google.com/');
	});

	it('takes any http(s) address', () => {
		process.env.QUICK_EXIT_URL = 'https://weather.example/today?city=Mae%20Sot';
		expect(config.exitUrl).toBe('https://weather.example/today?city=Mae%20Sot');
	});

	it('refuses anything that is not an http(s) address', () => {
		for (const bad of [
			'javascript:alert(1)',
			'data:text/html,hello',
			'/learn',
			'weather.example',
			'about:blank'
		]) {
			process.env.QUICK_EXIT_URL = bad;
			expect(() => config.exitUrl, bad).toThrow(/QUICK_EXIT_URL/);
		}
	});
});
