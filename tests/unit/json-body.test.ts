import { describe, expect, it } from 'vitest';
import { nestsWithin, readJson } from '$lib/server/body';

const LIMITS = { maxBytes: 1000, maxDepth: 4 };
const request = (body: BodyInit, headers: Record<string, string> = {}) =>
	new Request('http://localhost/api/sync', {
		method: 'POST',
		body,
		headers: { 'content-type': 'application/json', ...headers },
		duplex: 'half'
	} as RequestInit);
/** A body sent in pieces with no length announced, as a chunked upload arrives. */
const streamed = (pieces: string[]) =>
	new ReadableStream<Uint8Array>({
		start(controller) {
			for (const piece of pieces) controller.enqueue(new TextEncoder().encode(piece));
			controller.close();
		}
	});

describe('nestsWithin', () => {
	it('counts arrays and objects, not brackets inside strings or escaped quotes', () => {
		expect(nestsWithin('{"a":[{"b":[1]}]}', 4)).toBe(true);
		expect(nestsWithin('{"a":[{"b":[[1]]}]}', 4)).toBe(false);
		expect(nestsWithin('{"a":"[[[[[[[[\\"[[[["}', 1)).toBe(true);
		expect(nestsWithin('['.repeat(2_000_000), 8)).toBe(false);
	});
});

describe('readJson', () => {
	it('reads JSON within the limits', async () => {
		expect(await readJson(request('{"events":[{"id":"a"}]}'), LIMITS)).toEqual({
			ok: true,
			value: { events: [{ id: 'a' }] }
		});
		expect(await readJson(request(streamed(['{"events"', ':[]}'])), LIMITS)).toEqual({
			ok: true,
			value: { events: [] }
		});
	});

	it('refuses a body past the byte limit, announced or not, before reading all of it', async () => {
		expect(await readJson(request('x', { 'content-length': '1001' }), LIMITS)).toEqual({
			ok: false,
			error: 'too_large'
		});
		let pulled = 0;
		const endless = new ReadableStream<Uint8Array>({
			pull(controller) {
				pulled++;
				controller.enqueue(new Uint8Array(400).fill(0x20));
			}
		});
		expect(await readJson(request(endless), LIMITS)).toEqual({ ok: false, error: 'too_large' });
		expect(pulled).toBeLessThan(10);
	});

	it('refuses nesting past the depth limit, broken UTF-8 and broken JSON, without parsing', async () => {
		for (const body of ['[[[[[1]]]]]', '{"a":', '', 'not json'])
			expect(await readJson(request(body), LIMITS), body).toEqual({
				ok: false,
				error: 'unreadable'
			});
		expect(
			await readJson(request(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])), LIMITS)
		).toEqual({ ok: false, error: 'unreadable' });
	});
});
