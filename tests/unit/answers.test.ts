import { describe, expect, it } from 'vitest';
import { answersOfForm, readAnswers, SHORT_ANSWER_MAX } from '$lib/courses/answers';
import { quizFileSchema } from '$lib/schemas/course-content';

const text = (s: string) => ({ my: `${s} (my)`, en: s });
const opt = (id: string, correct: boolean) => ({ id, text: text(id), correct });
const { questions } = quizFileSchema.parse({
	id: 'q1',
	title: text('Quiz'),
	questions: [
		{ id: 'single', type: 'single', prompt: text('?'), options: [opt('a', false), opt('b', true)], explanation: text('.') },
		{ id: 'multi', type: 'multiple', prompt: text('?'), options: [opt('a', true), opt('b', false), opt('c', true)], explanation: text('.') },
		{ id: 'tf', type: 'true_false', prompt: text('?'), answer: false, explanation: text('.') },
		{ id: 'short', type: 'short', prompt: text('?'), accepted: { my: [], en: ['Thank you'] }, explanation: text('.') }
	]
});

describe('readAnswers', () => {
	it('keeps what each question can take, from a form (lists) or a sync event (values)', () => {
		const expected = { single: 'b', multi: ['a', 'c'], tf: false, short: 'thank you' };
		expect(readAnswers(questions, { single: ['b'], multi: ['c', 'a'], tf: ['false'], short: ['  thank you '] })).toEqual(expected);
		expect(readAnswers(questions, { single: 'b', multi: ['a', 'c'], tf: false, short: 'thank you' })).toEqual(expected);
	});

	it('drops what a question cannot take: other ids, types, words and unknown questions', () => {
		expect(
			readAnswers(questions, {
				single: 'ေက်ာင္းသား',
				multi: ['zz', '', '😀'],
				tf: 'maybe',
				short: ['a\u0000b'],
				other: 'b',
				__proto__: { single: 'b' }
			})
		).toEqual({});
		expect(readAnswers(questions, { single: ['b', 'a'], multi: 'a', tf: [true], short: 'x'.repeat(SHORT_ANSWER_MAX) })).toEqual({ single: 'b', multi: ['a'], tf: true, short: 'x'.repeat(SHORT_ANSWER_MAX) });
		for (const given of [null, 'text', ['b'], 5, undefined]) expect(readAnswers(questions, given)).toEqual({});
		for (const value of [null, 1, {}, [], [null], { 0: 'b' }]) {
			expect(readAnswers(questions, { single: value, multi: value, tf: value, short: value }), JSON.stringify(value)).toEqual({});
		}
	});

	it('drops short text longer than the field takes, or empty once trimmed, and converts typed text with the given function', () => {
		expect(readAnswers(questions, { short: 'x'.repeat(SHORT_ANSWER_MAX + 1) })).toEqual({});
		expect(readAnswers(questions, { short: ' \u3000 ' })).toEqual({});
		expect(readAnswers(questions, { short: 'Cafe\u0301' })).toEqual({ short: 'Caf\u00e9' });
		expect(readAnswers(questions, { short: 'zawgyi' }, (t) => t.toUpperCase())).toEqual({ short: 'ZAWGYI' });
	});

	it('reads a quiz form by its q-<id> fields, files and other fields left out', () => {
		const form = new FormData();
		form.append('q-single', 'b');
		form.append('q-multi', 'a');
		form.append('q-multi', 'c');
		form.append('q-short', new Blob(['thank you']));
		form.append('single', 'a');
		expect(readAnswers(questions, answersOfForm(questions, form))).toEqual({ single: 'b', multi: ['a', 'c'] });
	});
});
