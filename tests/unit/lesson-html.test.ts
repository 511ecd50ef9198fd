import { describe, expect, it } from 'vitest';
import { renderLesson } from '$lib/server/courses/lesson-html';

describe('a lesson as learners and the author preview see it', () => {
	it("shows the course's own images and drops any other", () => {
		const html = renderLesson('sewing-abcde', '![needle](images/abc123.webp) ![far](https://evil.example/x.png) ![up](../../etc/passwd.webp) ![svg](../images/cut.svg)');
		expect(html).toContain('src="/media/courses/sewing-abcde/abc123.webp"');
		expect(html).toContain('src="/media/courses/sewing-abcde/cut.svg"');
		expect(html).not.toContain('evil.example');
		expect(html).not.toContain('passwd');
		expect(html).toContain('far');
	});

	it('never carries a script, whatever the author typed', () => {
		const html = renderLesson('c', '<script>alert(1)</script>\n\n[tap](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n[ok](/learn)');
		expect(html).not.toMatch(/<script|javascript:|<img[^>]*onerror/i);
		expect(html).toContain('&lt;script&gt;');
		expect(html).toContain('href="/learn"');
	});
});
