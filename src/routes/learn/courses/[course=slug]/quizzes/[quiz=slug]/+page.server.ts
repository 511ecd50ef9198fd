import { fail } from '@sveltejs/kit';
import { certificateCode } from '$lib/server/courses/certificates';
import {
	courseProgress,
	loadQuiz,
	quizAttemptAllowed,
	submitQuiz
} from '$lib/server/courses/progress';
import { formatHours } from '$lib/format';
import { answersOfForm } from '$lib/courses/answers';
import { lessonAfterQuiz } from '$lib/server/courses/reading';
import { getDb } from '$lib/server/db';
import { clipSizes } from '$lib/server/courses/clips';
import { dataSaverOn } from '$lib/server/http/data-saver';
import { translate } from '$lib/server/i18n';
import { notFound } from '$lib/server/http/respond';
import type { Locale } from '$lib/server/schema';
import { progressOwner } from '$lib/server/shared-phone';
import type { QuizFile } from '$lib/schemas/course-content';
import type { Actions, PageServerLoad } from './$types';
import { signedInUser } from '$lib/server/http/user';

const pick = (locale: Locale, text: { my: string; en: string }) =>
	locale === 'my' ? text.my || text.en : text.en || text.my;

/**
 * The questions as the learner sees them: never the right answers. A listening question's clip
 * by its address and size (data saver shows "tap to load" with it).
 */
function publicQuestions(
	quiz: QuizFile,
	locale: Locale,
	courseId: string,
	clipBytes: Map<string, number>
) {
	return quiz.questions.map((q) => ({
		id: q.id,
		type: q.type,
		prompt: pick(locale, q.prompt),
		clip: q.clip
			? { src: `/media/courses/${courseId}/${q.clip}`, bytes: clipBytes.get(q.clip) ?? 0 }
			: null,
		options:
			q.type === 'single' || q.type === 'multiple'
				? q.options.map((o) => ({ id: o.id, text: pick(locale, o.text) }))
				: []
	}));
}

export const load = (async ({ params, locals, cookies, request }) => {
	const { course, quiz: quizId } = params;
	const quiz = await loadQuiz(getDb(), course, quizId);
	if (!quiz) notFound(locals.locale, 'error_no_quiz');
	const listening = quiz.questions.some((q) => q.clip);
	const owner = progressOwner(locals);
	const progress = owner ? await courseProgress(getDb(), owner, course) : null;
	return {
		courseId: course,
		quiz: {
			id: quiz.id,
			title: pick(locals.locale, quiz.title),
			passMark: quiz.passMark,
			questions: publicQuestions(
				quiz,
				locals.locale,
				course,
				listening ? await clipSizes(getDb(), course) : new Map()
			)
		},
		saver: listening && dataSaverOn(cookies, request),
		state: progress?.quizzes.find((q) => q.id === quizId) ?? null,
		nextLesson: await lessonAfterQuiz(getDb(), course, quizId)
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ params, locals, request, setHeaders }) => {
		const { course, quiz: quizId } = params;
		const quiz = await loadQuiz(getDb(), course, quizId);
		if (!quiz) notFound(locals.locale, 'error_no_quiz');
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			return fail(400, { error: translate('error_form', locals.locale) });
		}
		const quota = await quizAttemptAllowed(getDb(), signedInUser(locals).id);
		if (!quota.ok) {
			setHeaders({ 'retry-after': String(Math.ceil(quota.retryAfterMs / 1000)) });
			return fail(429, {
				error: translate('error_quota_attempts', locals.locale, {
					hours: formatHours(quota.retryAfterMs, locals.locale)
				})
			});
		}
		const result = await submitQuiz(
			getDb(),
			signedInUser(locals).id,
			course,
			quizId,
			answersOfForm(quiz.questions, form)
		);
		if (!result.ok && result.error === 'invalid_answer')
			return fail(400, { error: translate('error_answer', locals.locale) });
		if (!result.ok) notFound(locals.locale, 'error_no_quiz');
		return {
			// What was read, for the form to show again: only what each question could take.
			given: Object.fromEntries(
				Object.entries(result.answers).map(([id, answer]) => [
					id,
					Array.isArray(answer) ? answer : [String(answer)]
				])
			),
			score: result.score.score,
			passed: result.score.passed,
			completed: result.completed,
			// The course's certificate, once this attempt (or an earlier step) completed it.
			certificate: result.completed
				? await certificateCode(getDb(), signedInUser(locals).id, course)
				: null,
			feedback: quiz.questions.map((q) => ({
				id: q.id,
				correct: result.score.results.find((r) => r.id === q.id)?.correct ?? false,
				explanation: pick(locals.locale, q.explanation)
			}))
		};
	}
} satisfies Actions;
