import { describe, expect, it } from 'vitest';
import { nextBatch, type OutboxEvent } from '$lib/offline/outbox';
import { SYNC_BATCH_MAX, SYNC_BODY_MAX } from '$lib/sync-limits';

const attempt = (i: number, text: string): OutboxEvent => ({
	id: `event-${i}`,
	key: 'k',
	type: 'quiz_attempt',
	courseId: 'c',
	quizId: 'q',
	answers: { a: text, b: text, c: text },
	at: i
});

describe("the phone's outbox", () => {
	it('sends at most a batch, within the bytes the endpoint takes, and never the account key', () => {
		const small = Array.from({ length: 250 }, (_, i) => attempt(i, 'ok'));
		expect(nextBatch(small).batch).toHaveLength(SYNC_BATCH_MAX);
		expect(JSON.stringify(nextBatch(small).batch)).not.toContain('"key"');
		// 100 attempts, each with three answers of 500 Burmese characters (4.5 KB of UTF-8), do not fit in one request.
		const large = Array.from({ length: 100 }, (_, i) => attempt(i, 'ဿ'.repeat(500)));
		const { batch, tooLarge } = nextBatch(large);
		expect(tooLarge).toBeNull();
		expect(batch.length).toBeLessThan(100);
		expect(new TextEncoder().encode(JSON.stringify({ events: batch })).length).toBeLessThanOrEqual(
			SYNC_BODY_MAX
		);
		expect(
			new TextEncoder().encode(
				JSON.stringify({ events: nextBatch(large).batch.concat(large[batch.length]) })
			).length
		).toBeGreaterThan(SYNC_BODY_MAX);
	});

	it('names an event too large to be sent even alone', () => {
		const huge = attempt(0, 'x'.repeat(SYNC_BODY_MAX));
		expect(nextBatch([huge, attempt(1, 'ok')])).toEqual({ batch: [], tooLarge: huge });
		expect(nextBatch([])).toEqual({ batch: [], tooLarge: null });
	});
});
