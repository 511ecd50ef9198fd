import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '$lib/server/text/markdown';

/**
 * Real tags in the output. Text has "<" escaped as "&lt;", so escaped hostile HTML (which may
 * legitimately still read "onerror=" or "javascript:" as visible text) is not matched.
 */
function tags(html: string): string[] {
	return html.match(/<[^>]*>/g) ?? [];
}

function attrs(tag: string): [string, string][] {
	return [...tag.matchAll(/\s([^\s=>]+)(?:="([^"]*)")?/g)].map((m) => [
		m[1].toLowerCase(),
		m[2] ?? ''
	]);
}

function decodeEntities(value: string): string {
	return value
		.replace(/&#x([0-9a-f]+);?/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
		.replace(/&#(\d+);?/g, (_, dec) => String.fromCodePoint(Number(dec)))
		.replace(/&quot;/g, '"')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

const ALLOWED_TAGS = new Set(
	'p h2 h3 h4 h5 h6 ul ol li strong em s a img code pre blockquote hr br table thead tbody tr th td'.split(
		' '
	)
);
/** Every link stays on this site: another site is reached only through the "you are leaving" page. */
const ALLOWED_HREF = /^(#|\/(?![/\\]))/i;

/** Fails on anything that could run script, style the page or fetch from another origin. */
function expectSafe(html: string): void {
	for (const tag of tags(html)) {
		const name = /^<\/?([a-z0-9]+)/i.exec(tag)?.[1].toLowerCase();
		expect(ALLOWED_TAGS.has(name ?? ''), tag).toBe(true);
		// Attribute values are always double-quoted with '"' escaped, so blanking them leaves
		// only real attribute names (a title may safely read 'onmouseover=').
		const bare = tag.replace(/="[^"]*"/g, '=""');
		expect(bare).not.toMatch(/<(script|iframe|object|embed|svg|style)/i);
		expect(bare).not.toMatch(/\son\w+=/i);
		expect(bare).not.toMatch(/style=/i);
		for (const [attr, raw] of attrs(tag)) {
			const value = decodeEntities(raw);
			expect(value.replace(/[\x00-\x20]/g, ''), tag).not.toMatch(
				/javascript:|vbscript:|data:|file:/i
			);
			if (attr === 'href') expect(value, tag).toMatch(ALLOWED_HREF);
			if (attr === 'src') {
				expect(name).toBe('img');
				expect(value, tag).toMatch(/^\/(?![/\\])/);
			}
		}
	}
	expect(html).not.toMatch(/<script/i);
	expect(html).not.toMatch(/<iframe/i);
}

describe('renderMarkdown: normal lessons', () => {
	it('renders headings shifted below the page h1, lists, bold and links', () => {
		const html = renderMarkdown(
			'# Title\n\n## Part\n\n- one\n- **two**\n\n[site](https://example.org) [home](/courses) [top](#top) [mail](mailto:help@example.org)'
		);
		expect(html).toContain('<h2>Title</h2>');
		expect(html).toContain('<h3>Part</h3>');
		expect(html).not.toContain('<h1');
		expect(html).toContain('<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>');
		expect(html).toContain('<a href="/leaving?to=https%3A%2F%2Fexample.org">site</a>');
		expect(html).toContain('<a href="/courses">home</a>');
		expect(html).toContain('<a href="#top">top</a>');
		expect(html).toContain('<a href="/leaving?to=mailto%3Ahelp%40example.org">mail</a>');
		expectSafe(html);
	});

	it('sends every link to another site through the page that says the person is leaving, with the address; never there directly', () => {
		const html = renderMarkdown(
			'[a](https://ifrc.org/first-aid?x=1&y=2#part) [b](HTTP://Example.ORG/path) [c](http://xn--80ak6aa92e.com/)'
		);
		const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => decodeEntities(m[1]));
		expect(
			hrefs.map((href) => new URL(href, 'https://lanpya.invalid').searchParams.get('to'))
		).toEqual([
			'https://ifrc.org/first-aid?x=1&y=2#part',
			'HTTP://Example.ORG/path',
			'http://xn--80ak6aa92e.com/'
		]);
		expect(hrefs.every((href) => href.startsWith('/leaving?to='))).toBe(true);
		expectSafe(html);
		// An address that hides its real host behind a name and "@" is no link at all.
		expect(renderMarkdown('[bank](https://lanpya.org@evil.example/)')).toBe('<p>bank</p>\n');
	});

	it('lifts a lesson that starts at a lower heading level, and caps at h6', () => {
		expect(renderMarkdown('### A\n\n#### B')).toBe('<h2>A</h2>\n<h3>B</h3>\n');
		expect(renderMarkdown('# A\n\n###### F')).toBe('<h2>A</h2>\n<h6>F</h6>\n');
	});

	it('passes Burmese text through intact', () => {
		const html = renderMarkdown('## မင်္ဂလာပါ\n\nမင်္ဂလာပါ **ကျေးဇူးတင်ပါတယ်**');
		expect(html).toBe('<h2>မင်္ဂလာပါ</h2>\n<p>မင်္ဂလာပါ <strong>ကျေးဇူးတင်ပါတယ်</strong></p>\n');
	});

	it('renders tables without style attributes', () => {
		const html = renderMarkdown('| a | b |\n|:--|--:|\n| 1 | 2 |');
		expect(html).toContain('<table>');
		expect(html).toContain('<td>2</td>');
		expectSafe(html);
	});
});

describe('renderMarkdown: hostile input', () => {
	const corpus = [
		'<script>alert(1)</script>',
		'<img src=x onerror=alert(1)>',
		'[x](javascript:alert(1))',
		'[x](JaVaScRiPt:alert(1))',
		'[x](java\nscript:alert(1))',
		'[x](&#106;avascript:alert(1))',
		'[x](&#x6A;avascript&colon;alert(1))',
		'[x](<java\tscript:alert(1)>)',
		'[x](\u0001javascript:alert(1))',
		'[x](vbscript:msgbox(1))',
		'[x](file:///etc/passwd)',
		'[x](data:text/html;base64,PHNjcmlwdD4=)',
		'[x](//evil.example)',
		'[x](/\\evil.example)',
		'[x](</\t/evil.example>)',
		'[x](relative/page)',
		'![x](https://evil.example/track.png)',
		'![x](//evil.example/a.png)',
		'![x](javascript:alert(1))',
		'![x](data:image/svg+xml;base64,PHN2Zz4=)',
		'<a href="javascript:alert(1)">x</a>',
		'<svg onload=alert(1)>',
		'<iframe src="https://evil.example">',
		'<object data="x"></object><embed src="x"><style>body{}</style>',
		'<javascript:alert(1)>',
		'<JAVASCRIPT:alert(1)>',
		'[x][1]\n\n[1]: javascript:alert(1)',
		'![x][img]\n\n[img]: https://evil.example/a.png',
		'[x](https://ok.example "a\\" onmouseover=\\"alert(1)")',
		'```js" onclick="alert(1)\ncode\n```',
		'<div style="color:red" onclick="alert(1)">x</div>'
	];

	it.each(corpus)('renders %j safely', (source) => {
		expectSafe(renderMarkdown(source));
		expectSafe(renderMarkdown(source, { resolveImage: (src) => `/media/${src}` }));
	});

	it('renders the whole corpus at once safely', () => {
		expectSafe(renderMarkdown(corpus.join('\n\n')));
	});

	it('keeps the text of refused links and images, and no link at all', () => {
		expect(renderMarkdown('[click me](javascript:alert(1))')).toBe('<p>click me</p>\n');
		expect(renderMarkdown('[x][1]\n\n[1]: javascript:alert(1)')).toBe('<p>x</p>\n');
		expect(renderMarkdown('[x](data:text/html;base64,PHNjcmlwdD4=)')).toBe('<p>x</p>\n');
		expect(renderMarkdown('![a tracker](https://evil.example/t.png)')).toBe('<p>a tracker</p>\n');
	});

	it('escapes raw HTML instead of rendering it', () => {
		expect(renderMarkdown('<script>alert(1)</script>')).toBe(
			'<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n'
		);
	});
});

describe('renderMarkdown: images', () => {
	const resolveImage = (src: string) =>
		src.startsWith('../images/')
			? `/media/courses/first-aid-basics/${src.slice('../images/'.length)}`
			: null;

	it('maps images through resolveImage and makes them lazy', () => {
		expect(renderMarkdown('![Chest compressions](../images/cpr.svg)', { resolveImage })).toBe(
			'<p><img src="/media/courses/first-aid-basics/cpr.svg" alt="Chest compressions" loading="lazy" decoding="async"></p>\n'
		);
	});

	it('drops images to their alt text without a resolver or when it returns null', () => {
		expect(renderMarkdown('![Chest compressions](../images/cpr.svg)')).toBe(
			'<p>Chest compressions</p>\n'
		);
		expect(renderMarkdown('![Other](../other/x.svg)', { resolveImage })).toBe('<p>Other</p>\n');
	});

	it('refuses a resolver result that is not a same-origin path', () => {
		for (const bad of [
			'https://evil.example/a.png',
			'//evil.example/a.png',
			'/\\evil.example/a.png',
			'/\t/evil.example',
			' /a.png',
			'a.png',
			'javascript:alert(1)'
		]) {
			const html = renderMarkdown('![alt](../images/a.png)', { resolveImage: () => bad });
			expect(html, bad).toBe('<p>alt</p>\n');
		}
	});

	it('never asks the resolver about absolute or protocol-relative sources', () => {
		const asked: string[] = [];
		const html = renderMarkdown(
			'![a](https://evil.example/a.png) ![b](//evil.example/b.png) ![c](../images/c.png)',
			{
				resolveImage: (src) => {
					asked.push(src);
					return '/media/ok.png';
				}
			}
		);
		expect(asked).toEqual(['../images/c.png']);
		expect(html).toBe(
			'<p>a b <img src="/media/ok.png" alt="c" loading="lazy" decoding="async"></p>\n'
		);
	});
});
