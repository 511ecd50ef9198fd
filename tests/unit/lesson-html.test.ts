import { describe, expect, it } from 'vitest';
import { picturesOnTap, renderLesson } from '$lib/server/courses/lesson-html';

describe('a lesson as learners and the author preview see it', () => {
	it("shows the course's own images and drops any other", () => {
		const html = renderLesson(
			'sewing-abcde',
			'![needle](images/abc123.webp) ![far](https://evil.example/x.png) ![up](../../etc/passwd.webp) ![svg](../images/cut.svg)'
		);
		expect(html).toContain('src="/media/courses/sewing-abcde/abc123.webp"');
		expect(html).toContain('src="/media/courses/sewing-abcde/cut.svg"');
		expect(html).not.toContain('evil.example');
		expect(html).not.toContain('passwd');
		expect(html).toContain('far');
	});

	it('never carries a script, whatever the author typed', () => {
		const html = renderLesson(
			'c',
			'<script>alert(1)</script>\n\n[tap](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n[ok](/learn)'
		);
		expect(html).not.toMatch(/<script|javascript:|<img[^>]*onerror/i);
		expect(html).toContain('&lt;script&gt;');
		expect(html).toContain('href="/learn"');
	});
});

describe('data saver', () => {
	it('turns every picture into a link that opens it, keeping its description', () => {
		const html = renderLesson(
			'c',
			'Text\n\n![A needle & thread](images/abc.webp)\n\n![](images/def.webp)',
			'Show picture'
		);
		expect(html).not.toContain('<img');
		expect(html).toContain(
			'<a class="picture" href="/media/courses/c/abc.webp">Show picture: A needle &amp; thread</a>'
		);
		expect(html).toContain('<a class="picture" href="/media/courses/c/def.webp">Show picture</a>');
		expect(picturesOnTap('<p>no pictures</p>', 'x')).toBe('<p>no pictures</p>');
	});

	it('leaves the pictures a phone keeps as pictures (the offline reader), and turns only the others into links', () => {
		const html = renderLesson('c', '![kept](images/abc.webp)\n\n![not kept](images/def.webp)');
		const read = picturesOnTap(html, 'Show picture', (src) => src === '/media/courses/c/abc.webp');
		expect(read).toContain('<img src="/media/courses/c/abc.webp" alt="kept"');
		expect(read).toContain(
			'<a class="picture" href="/media/courses/c/def.webp">Show picture: not kept</a>'
		);
	});
});
