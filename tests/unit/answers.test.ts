import { describe, expect, it } from 'vitest';
import { answersOfForm, readAnswers, SHORT_ANSWER_MAX } from '$lib/courses/answers';
import { quizFileSchema } from '$lib/schemas/course-content';

const text = (s: string) => ({ my: `${s} (my)`, en: s });
const opt = (id: string, correct: boolean) => ({ id, text: text(id), correct });
const { questions } = quizFileSchema.parse({
	id: 'q1',
	title: text('Quiz'),
	questions: [
		{
			id: 'single',
			type: 'single',
			prompt: text('?'),
			options: [opt('a', false), opt('b', true)],
			explanation: text('.')
		},
		{
			id: 'multi',
			type: 'multiple',
			prompt: text('?'),
			options: [opt('a', true), opt('b', false), opt('c', true)],
			explanation: text('.')
		},
		{ id: 'tf', type: 'true_false', prompt: text('?'), answer: false, explanation: text('.') },
		{
			id: 'short',
			type: 'short',
			prompt: text('?'),
			accepted: { my: [], en: ['Thank you'] },
			explanation: text('.')
		}
	]
});

describe('readAnswers', () => {
	it('keeps what each question can take, from a form (lists) or a sync event (values)', () => {
		const expected = {
			ok: true,
			answers: { single: 'b', multi: ['a', 'c'], tf: false, short: 'thank you' }
		};
		expect(
			readAnswers(questions, {
				single: ['b'],
				multi: ['c', 'a', 'c'],
				tf: ['false'],
				short: ['  thank you ']
			})
		).toEqual(expected);
		expect(
			readAnswers(questions, { single: 'b', multi: ['a', 'c'], tf: false, short: 'thank you' })
		).toEqual(expected);
		expect(readAnswers(questions, { short: 'x'.repeat(SHORT_ANSWER_MAX) })).toEqual({
			ok: true,
			answers: { short: 'x'.repeat(SHORT_ANSWER_MAX) }
		});
	});

	it('leaves a question unanswered when nothing was chosen or typed, and never reads keys that are no question', () => {
		expect(
			readAnswers(questions, {
				single: [],
				multi: [],
				tf: [''],
				short: ['  '],
				other: 'b',
				__proto__: { single: 'b' }
			})
		).toEqual({ ok: true, answers: {} });
		for (const given of [null, 'text', ['b'], 5, undefined])
			expect(readAnswers(questions, given)).toEqual({ ok: true, answers: {} });
	});

	it.each([
		['a Zawgyi word as a choice', 'single', 'ေက်ာင္းသား'],
		['two choices for one', 'single', ['a', 'b']],
		['an option of no such id', 'multi', ['a', 'zz']],
		['a word for true or false', 'tf', 'maybe'],
		['two values for true or false', 'tf', ['true', 'false']],
		['text with a control character', 'short', 'a\u0000b'],
		['text longer than the field takes', 'short', 'x'.repeat(SHORT_ANSWER_MAX + 1)],
		['two texts', 'short', ['one', 'two']],
		['a number', 'single', 1],
		['null', 'short', null],
		['an object', 'multi', { 0: 'a' }],
		['a file', 'short', new Blob(['thank you'])]
	])('refuses the whole attempt for %s', (_, question, value) => {
		expect(readAnswers(questions, { single: 'b', [question]: value })).toEqual({
			ok: false,
			question
		});
	});

	it('converts typed text with the given function', () => {
		expect(readAnswers(questions, { short: 'Cafe\u0301' })).toEqual({
			ok: true,
			answers: { short: 'Caf\u00e9' }
		});
		expect(readAnswers(questions, { short: 'zawgyi' }, (t) => t.toUpperCase())).toEqual({
			ok: true,
			answers: { short: 'ZAWGYI' }
		});
	});

	it('reads a quiz form by its q-<id> fields only', () => {
		const form = new FormData();
		form.append('q-single', 'b');
		form.append('q-multi', 'a');
		form.append('q-multi', 'c');
		form.append('single', 'a');
		form.append('q-other', 'a');
		expect(readAnswers(questions, answersOfForm(questions, form))).toEqual({
			ok: true,
			answers: { single: 'b', multi: ['a', 'c'] }
		});
		form.append('q-short', new Blob(['thank you']));
		expect(readAnswers(questions, answersOfForm(questions, form))).toEqual({
			ok: false,
			question: 'short'
		});
	});
});
