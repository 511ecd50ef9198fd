import type { Question, QuizFile } from '$lib/schemas/course-content';

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

const MYANMAR_ZERO = 0x1040; // ၀
const THAI_ZERO = 0x0e50; // ๐

/**
 * Puts a typed short answer into a comparable form: NFC, lower case, Myanmar (၀-၉) and Thai (๐-๙)
 * digits as ASCII, zero-width spaces removed, whitespace trimmed and collapsed, and trailing
 * `. , ! ?` and Burmese `။ ၊` removed.
 */
export function normalizeShortAnswer(text: string): string {
	return text
		.normalize('NFC')
		.toLowerCase()
		.replace(/[\u1040-\u1049]/g, (d) => String(d.charCodeAt(0) - MYANMAR_ZERO))
		.replace(/[\u0e50-\u0e59]/g, (d) => String(d.charCodeAt(0) - THAI_ZERO))
		.replace(/[\u200b\ufeff]/g, '')
		.replace(/\s+/g, ' ')
		.replace(/[\s.,!?\u104a\u104b]+$/, '')
		.trim();
}

/** Whether `answer` is right for `question`; an answer of the wrong type is simply wrong. */
function isCorrect(question: Question, answer: unknown): boolean {
	switch (question.type) {
		case 'single':
			return typeof answer === 'string' && question.options.some((o) => o.correct && o.id === answer);
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
			return [...question.accepted.my, ...question.accepted.en].some((a) => normalizeShortAnswer(a) === given);
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
