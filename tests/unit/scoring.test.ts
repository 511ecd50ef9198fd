import { describe, expect, it } from 'vitest';
import { quizFileSchema, type QuizFile } from '$lib/schemas/course-content';
import { normalizeShortAnswer, numbersIn, scoreQuiz, type Answer } from '$lib/courses/scoring';

const text = (s: string) => ({ my: `${s} (my)`, en: s });
const opt = (id: string, correct: boolean) => ({ id, text: text(id), correct });

/** A quiz with one question of each kind, parsed through the real schema. */
function makeQuiz(passMark = 80): QuizFile {
	return quizFileSchema.parse({
		id: 'q1',
		passMark,
		title: text('Quiz'),
		questions: [
			{
				id: 'single',
				type: 'single',
				prompt: text('?'),
				options: [opt('a', false), opt('b', true), opt('c', false)],
				explanation: text('.')
			},
			{
				id: 'multi',
				type: 'multiple',
				prompt: text('?'),
				options: [opt('a', true), opt('b', false), opt('c', true), opt('d', false)],
				explanation: text('.')
			},
			{ id: 'tf', type: 'true_false', prompt: text('?'), answer: false, explanation: text('.') },
			{
				id: 'short',
				type: 'short',
				prompt: text('?'),
				accepted: { my: ['၂၀ မိနစ်', 'မင်္ဂလာပါ'], en: ['Thank you', '100-120'] },
				explanation: text('.')
			}
		]
	});
}

const allRight: Record<string, Answer> = {
	single: 'b',
	multi: ['a', 'c'],
	tf: false,
	short: 'thank you'
};

/** Scores `answer` for one question of `makeQuiz()`, leaving the rest unanswered. */
const correctFor = (id: string, answer: unknown) =>
	scoreQuiz(makeQuiz(), { [id]: answer as Answer }).results.find((r) => r.id === id)!.correct;

describe('scoreQuiz by question type', () => {
	it('scores every question right', () => {
		const s = scoreQuiz(makeQuiz(), allRight);
		expect(s).toEqual({
			score: 100,
			passed: true,
			correctCount: 4,
			total: 4,
			results: [
				{ id: 'single', correct: true },
				{ id: 'multi', correct: true },
				{ id: 'tf', correct: true },
				{ id: 'short', correct: true }
			]
		});
	});

	it('single: the correct option id only', () => {
		expect(correctFor('single', 'b')).toBe(true);
		expect(correctFor('single', 'a')).toBe(false);
		expect(correctFor('single', 'z')).toBe(false);
	});

	it('multiple: exactly the correct set, in any order, duplicates ignored', () => {
		expect(correctFor('multi', ['a', 'c'])).toBe(true);
		expect(correctFor('multi', ['c', 'a'])).toBe(true);
		expect(correctFor('multi', ['c', 'a', 'c'])).toBe(true);
	});

	it('multiple: partial, superset, wrong and empty answers are wrong', () => {
		expect(correctFor('multi', ['a'])).toBe(false);
		expect(correctFor('multi', ['a', 'c', 'b'])).toBe(false);
		expect(correctFor('multi', ['b', 'd'])).toBe(false);
		expect(correctFor('multi', [])).toBe(false);
		expect(correctFor('multi', ['a', 'a'])).toBe(false);
	});

	it('true_false: the boolean must match', () => {
		expect(correctFor('tf', false)).toBe(true);
		expect(correctFor('tf', true)).toBe(false);
	});

	it('short: right and wrong', () => {
		expect(correctFor('short', 'Thank you')).toBe(true);
		expect(correctFor('short', 'Thanks')).toBe(false);
		expect(correctFor('short', '')).toBe(false);
		expect(correctFor('short', '   ')).toBe(false);
	});

	it('short: case, spacing and trailing punctuation do not matter', () => {
		for (const answer of [
			'THANK YOU',
			'  thank   you  ',
			'Thank\tyou',
			'Thank you.',
			'Thank you!',
			'thank you?!',
			'Thank you ,'
		]) {
			expect(correctFor('short', answer), JSON.stringify(answer)).toBe(true);
		}
		expect(correctFor('short', 'Thankyou')).toBe(false);
	});

	it('short: Myanmar digits, Burmese punctuation and NFC', () => {
		expect(correctFor('short', '20 မိနစ်')).toBe(true);
		expect(correctFor('short', '၂၀ မိနစ်။')).toBe(true);
		expect(correctFor('short', '၂၀  မိနစ် ၊')).toBe(true);
		expect(correctFor('short', '၁၀၀-၁၂၀')).toBe(true);
		expect(correctFor('short', '๑๐๐-๑๒๐')).toBe(true);
		expect(correctFor('short', '၂၁ မိနစ်')).toBe(false);
		// "မင်္ဂလာပါ" typed with a zero-width space, as some Burmese keyboards do.
		expect(correctFor('short', 'မင်္ဂလာ\u200bပါ')).toBe(true);
	});

	it('short: answers in the other language are accepted', () => {
		// The Burmese list has only Burmese answers, the English list only English: both count.
		expect(correctFor('short', 'မင်္ဂလာပါ')).toBe(true);
		expect(correctFor('short', '100-120')).toBe(true);
	});

	it('short: accepted answers are normalised too', () => {
		const quiz = quizFileSchema.parse({
			id: 'q2',
			title: text('Quiz'),
			questions: [
				{
					id: 's',
					type: 'short',
					prompt: text('?'),
					accepted: { my: [], en: ['Caf\u0065\u0301!'] },
					explanation: text('.')
				}
			]
		});
		expect(scoreQuiz(quiz, { s: 'caf\u00e9' }).score).toBe(100);
		expect(scoreQuiz(quiz, { s: 'CAFE\u0301' }).score).toBe(100);
	});
});

describe('scoreQuiz with a number range', () => {
	/** The CPR rate: 100 to 120 compressions a minute; one accepted word answer besides the range. */
	const cpr = quizFileSchema.parse({
		id: 'q3',
		title: text('Quiz'),
		questions: [
			{
				id: 'rate',
				type: 'short',
				prompt: text('?'),
				accepted: { my: [], en: ['a hundred to a hundred and twenty'] },
				range: { min: 100, max: 120 },
				explanation: text('.')
			}
		]
	});
	const right = (answer: string) => scoreQuiz(cpr, { rate: answer }).correctCount === 1;

	it('accepts any answer whose numbers all lie in the range, in either digit system', () => {
		for (const answer of [
			'110',
			'100',
			'120',
			'၁၁၀',
			'၁၀၀ ကနေ ၁၂၀',
			'တစ်မိနစ်ကို ၁၀၀ ကနေ ၁၂၀ ကြိမ်',
			'100-120 times',
			'100 to 120 a minute',
			'၁၀၀-၁၂၀',
			'၁၀၀–၁၂၀ ကြိမ်',
			'between 100 and 120',
			'๑๑๐',
			'၁ဝဝ ကနေ ၁၂ဝ',
			'115.5'
		]) {
			expect(right(answer), answer).toBe(true);
		}
	});

	it('refuses an answer with a number outside the range, or with no number at all', () => {
		for (const answer of [
			'99',
			'121',
			'၁၅၀',
			'30',
			'100-150',
			'၆၀ ကနေ ၈၀',
			'100 to 120, or 30',
			'many',
			'ကြိမ်',
			'',
			'1,120',
			'-110'
		]) {
			expect(right(answer), answer).toBe(false);
		}
	});

	it('still accepts the listed answers', () => {
		expect(right('A hundred to a hundred and twenty.')).toBe(true);
	});
});

describe('numbersIn', () => {
	it.each([
		['၁၀၀ ကနေ ၁၂၀', [100, 120]],
		['100-120 times', [100, 120]],
		['100–120', [100, 120]],
		['1,120 baht', [1120]],
		['၁,၁၂၀ ဘတ်', [1120]],
		['-5 degrees', [-5]],
		['37.5', [37.5]],
		['၂ဝ မိနစ်', [20]],
		['no number', []]
	])('%s names %j', (text, numbers) => {
		expect(numbersIn(text)).toEqual(numbers);
	});

	it('reads the letter ဝ as zero only right after a digit and not inside a syllable', () => {
		expect(normalizeShortAnswer('၁ဝဝ')).toBe('100');
		expect(normalizeShortAnswer('ဝတ် ၂ ဝင်')).toBe('ဝတ် 2 ဝင်');
		expect(normalizeShortAnswer('၂ဝင်')).toBe('2ဝင်');
	});
});

describe('scoreQuiz with missing and wrong-typed answers', () => {
	it('scores an empty answers object 0 and fails', () => {
		expect(scoreQuiz(makeQuiz(), {})).toMatchObject({
			score: 0,
			passed: false,
			correctCount: 0,
			total: 4
		});
	});

	it('counts wrong-typed answers as wrong without throwing', () => {
		const wrongTypes: Record<string, unknown>[] = [
			{ single: ['b'], multi: 'a', tf: 'false', short: ['thank you'] },
			{ single: true, multi: [1, 2], tf: 0, short: 20 },
			{ single: null, multi: null, tf: null, short: null },
			{ single: { id: 'b' }, multi: { 0: 'a', 1: 'c' }, tf: undefined, short: undefined }
		];
		for (const answers of wrongTypes) {
			const s = scoreQuiz(makeQuiz(), answers as Record<string, Answer>);
			expect(s.correctCount, JSON.stringify(answers)).toBe(0);
		}
		expect(correctFor('multi', ['a', 3])).toBe(false);
	});

	it('ignores answers to unknown questions and inherited keys', () => {
		const answers = Object.create({ single: 'b' }) as Record<string, Answer>;
		answers.other = 'b';
		expect(scoreQuiz(makeQuiz(), answers).correctCount).toBe(0);
	});
});

describe('score, rounding and pass mark', () => {
	it('rounds down: 2 of 3 is 66, 1 of 3 is 33', () => {
		const quiz = { ...makeQuiz(), questions: makeQuiz().questions.slice(0, 3) };
		expect(scoreQuiz(quiz, { single: 'b', multi: ['a', 'c'] })).toMatchObject({
			score: 66,
			correctCount: 2,
			total: 3
		});
		expect(scoreQuiz(quiz, { single: 'b' }).score).toBe(33);
	});

	it('gives exact percentages without floating-point loss', () => {
		const base = makeQuiz();
		const tf = base.questions[2];
		// 57 of 100 true/false questions right: 0.57 * 100 would be 56.99...
		const questions = Array.from({ length: 100 }, (_, i) => ({ ...tf, id: `t${i}` }));
		const answers = Object.fromEntries(questions.map((q, i) => [q.id, i < 57 ? false : true]));
		expect(scoreQuiz({ ...base, questions }, answers).score).toBe(57);
	});

	it('passes exactly at the pass mark', () => {
		// 3 of 4 = 75.
		const answers = { ...allRight, short: 'wrong' };
		expect(scoreQuiz(makeQuiz(75), answers)).toMatchObject({ score: 75, passed: true });
	});

	it('fails just below the pass mark', () => {
		const answers = { ...allRight, short: 'wrong' };
		expect(scoreQuiz(makeQuiz(76), answers)).toMatchObject({ score: 75, passed: false });
		// 2 of 3 = 66 fails a pass mark of 67 but passes 66.
		const three = (passMark: number) => ({
			...makeQuiz(passMark),
			questions: makeQuiz().questions.slice(0, 3)
		});
		expect(scoreQuiz(three(67), allRight).passed).toBe(true);
		expect(scoreQuiz(three(67), { single: 'b', multi: ['a', 'c'] }).passed).toBe(false);
		expect(scoreQuiz(three(66), { single: 'b', multi: ['a', 'c'] }).passed).toBe(true);
	});

	it('passes a pass mark of 100 only with every answer right', () => {
		expect(scoreQuiz(makeQuiz(100), allRight).passed).toBe(true);
		expect(scoreQuiz(makeQuiz(100), { ...allRight, tf: true }).passed).toBe(false);
	});
});

describe('normalizeShortAnswer', () => {
	it.each([
		['  Hello   World  ', 'hello world'],
		['Stop!', 'stop'],
		['Stop !', 'stop'],
		['done...', 'done'],
		['ok?!,.', 'ok'],
		['၁၂၃', '123'],
		['๔๕๖', '456'],
		['ကျေးဇူးတင်ပါတယ်။', 'ကျေးဇူးတင်ပါတယ်'],
		['ဟုတ်ကဲ့၊', 'ဟုတ်ကဲ့'],
		['e\u0301', '\u00e9'],
		['=SUM(A1:A3)', '=sum(a1:a3)'],
		['a.b', 'a.b'],
		['', '']
	])('%j becomes %j', (input, output) => {
		expect(normalizeShortAnswer(input)).toBe(output);
	});
});
