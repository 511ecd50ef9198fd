import { describe, expect, it } from 'vitest';
import { destination, leavingHref, LEAVING_MAX } from '$lib/leaving';

describe('leaving Lanpya', () => {
	it('goes through Lanpya’s own page, carrying the address whole', () => {
		const address = 'https://www.ifrc.org/first-aid?lang=en&x=1#part';
		const href = leavingHref(address);
		expect(href.startsWith('/leaving?to=')).toBe(true);
		expect(new URL(href, 'https://lanpya.invalid').searchParams.get('to')).toBe(address);
	});

	it('names the site of a web address and where an e-mail goes, as the browser will use them', () => {
		expect(destination('https://www.ifrc.org/first-aid')).toEqual({
			kind: 'web',
			href: 'https://www.ifrc.org/first-aid',
			site: 'www.ifrc.org'
		});
		expect(destination('HTTP://Example.ORG/a b'.replace(' ', '%20'))).toEqual({
			kind: 'web',
			href: 'http://example.org/a%20b',
			site: 'example.org'
		});
		// A name in another script shows in the xn-- form that gives a look-alike away.
		expect(destination('https://аррӏе.com/')?.site).toBe('xn--80ak6aa92e.com');
		expect(destination('mailto:help@example.org')).toEqual({
			kind: 'mail',
			href: 'mailto:help@example.org',
			site: 'help@example.org'
		});
	});

	it('opens nothing else: other schemes, hidden hosts, browser-mangled characters, paths, empty or too long', () => {
		for (const bad of [
			null,
			'',
			'javascript:alert(1)',
			'JAVASCRIPT:alert(1)',
			'data:text/html,<b>x</b>',
			'file:///etc/passwd',
			'vbscript:x',
			'ftp://example.org',
			'//evil.example',
			'/learn',
			'evil.example',
			'https://lanpya.org@evil.example/',
			'https://user:pass@evil.example/',
			'https://evil.example/\\x',
			'https://evil.example/\tx',
			'https:\n//evil.example',
			' https://evil.example',
			'https://',
			'mailto:',
			`https://example.org/${'a'.repeat(LEAVING_MAX)}`,
			'mailto:%E0%A4%A'
		]) {
			expect(destination(bad), String(bad)).toBeNull();
		}
	});
});
