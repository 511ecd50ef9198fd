import type { Question, QuizFile } from '$lib/schemas/course-content';
import { asciiDigits } from '$lib/text/characters';

/** A learner's answer: single = option id, multiple = option ids, true_false = boolean, short = text. */
export type Answer = string | string[] | boolean | undefined;

/** Whether one question was answered correctly. */
export interface QuestionResult {
	id: string;
	correct: boolean;
}

/** The outcome of a quiz attempt. */
export interface QuizScore {
	/** 0..100, rounded down to an integer. */
	score: number;
	passed: boolean;
	correctCount: number;
	total: number;
	results: QuestionResult[];
}

/**
 * Puts a typed short answer into a comparable form: NFC, lower case, Myanmar (၀-၉) and Thai (๐-๙)
 * digits as ASCII, the letter ဝ typed for the digit ၀ right after a digit ("၁ဝဝ", a common slip,
 * as the two look alike; not when Burmese letters follow and make it a syllable) read as 0, zero-width spaces removed, whitespace trimmed and collapsed,
 * and trailing `. , ! ?` and Burmese `။ ၊` removed.
 */
export function normalizeShortAnswer(text: string): string {
	return asciiDigits(text.normalize('NFC').toLowerCase())
		.replace(/(?<=\d\u101d*)\u101d(?=\u101d*(?![\u1000-\u109f]))/g, '0')
		.replace(/[\u200b\ufeff]/g, '')
		.replace(/\s+/g, ' ')
		.replace(/[\s.,!?\u104a\u104b]+$/, '')
		.trim();
}

/**
 * The numbers an answer names, in either digit system: "၁၀၀ ကနေ ၁၂၀" and "100-120 times" name
 * 100 and 120 (a dash between two numbers joins them, it is no minus sign), "1,120" names 1120,
 * "-5" and "37.5" name themselves.
 */
export function numbersIn(text: string): number[] {
	return [...normalizeShortAnswer(text).matchAll(/(?<!\d)-?\d+(?:,\d{3})*(?:\.\d+)?/g)].map(([n]) =>
		Number(n.replace(/,/g, ''))
	);
}

/** Right for a number question: it names at least one number, and every number it names is in the range. */
function withinRange(answer: string, range: { min: number; max: number }): boolean {
	const numbers = numbersIn(answer);
	return numbers.length > 0 && numbers.every((n) => n >= range.min && n <= range.max);
}

/** Whether `answer` is right for `question`; an answer of the wrong type is simply wrong. */
function isCorrect(question: Question, answer: unknown): boolean {
	switch (question.type) {
		case 'single':
			return (
				typeof answer === 'string' && question.options.some((o) => o.correct && o.id === answer)
			);
		case 'multiple': {
			if (!Array.isArray(answer) || !answer.every((a) => typeof a === 'string')) return false;
			const chosen = new Set(answer);
			const correct = question.options.filter((o) => o.correct).map((o) => o.id);
			return chosen.size === correct.length && correct.every((id) => chosen.has(id));
		}
		case 'true_false':
			return typeof answer === 'boolean' && answer === question.answer;
		case 'short': {
			if (typeof answer !== 'string') return false;
			const given = normalizeShortAnswer(answer);
			if (given === '') return false;
			if (question.range && withinRange(answer, question.range)) return true;
			return [...question.accepted.my, ...question.accepted.en].some(
				(a) => normalizeShortAnswer(a) === given
			);
		}
		default:
			return false;
	}
}

/**
 * Scores a quiz attempt. `answers` is keyed by question id; missing or wrong-typed answers count
 * as wrong and never throw. `passed` is `score >= quiz.passMark`.
 */
export function scoreQuiz(quiz: QuizFile, answers: Record<string, Answer>): QuizScore {
	const given: Record<string, unknown> = answers && typeof answers === 'object' ? answers : {};
	const results = quiz.questions.map((q) => ({
		id: q.id,
		correct: isCorrect(q, Object.hasOwn(given, q.id) ? given[q.id] : undefined)
	}));
	const correctCount = results.filter((r) => r.correct).length;
	const total = results.length;
	// Multiply before dividing so exact percentages (e.g. 7 of 10) are not lost to floating point.
	const score = total === 0 ? 0 : Math.floor((correctCount * 100) / total);
	return { score, passed: total > 0 && score >= quiz.passMark, correctCount, total, results };
}
