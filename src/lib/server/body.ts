import type { Result } from '$lib/result';
/**
 * Reading a JSON body within limits of its own (SvelteKit's reader takes up to BODY_SIZE_LIMIT,
 * 6 MB, for image uploads): the bytes are counted while they arrive, and nesting is measured
 * before JSON.parse, which would otherwise spend a second on a few megabytes of "[[[[".
 */

export type JsonBody = Result<{ value: unknown }, 'too_large' | 'unreadable'>;

/**
 * The request's body as JSON, when it is at most `maxBytes` bytes of UTF-8 nesting arrays and
 * objects at most `maxDepth` deep. Reading stops at the first byte past the limit; the server
 * drains the rest once the answer is sent (scripts/serve.ts), so the connection stays usable.
 */
export async function readJson(
	request: Request,
	{ maxBytes, maxDepth }: { maxBytes: number; maxDepth: number }
): Promise<JsonBody> {
	const declared = Number(request.headers.get('content-length'));
	if (declared > maxBytes) return { ok: false, error: 'too_large' };
	if (!request.body) return { ok: false, error: 'unreadable' };
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			// Not cancelled: cancelling would close the connection before the answer is sent.
			if (size > maxBytes) return { ok: false, error: 'too_large' };
			chunks.push(value);
		}
	} catch {
		return { ok: false, error: 'unreadable' };
	} finally {
		reader.releaseLock();
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
	} catch {
		return { ok: false, error: 'unreadable' };
	}
	if (!nestsWithin(text, maxDepth)) return { ok: false, error: 'unreadable' };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false, error: 'unreadable' };
	}
}

/** Whether JSON text nests arrays and objects at most `max` deep (brackets inside strings do not count). */
export function nestsWithin(text: string, max: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c)
				i++; // a backslash escapes the next character
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) {
			if (++depth > max) return false;
		} else if (c === 0x5d || c === 0x7d) depth--;
	}
	return true;
}
