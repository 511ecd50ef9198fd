import type { QuizFile } from '$lib/schemas/course-content';
import type { CourseBundle } from '$lib/server/courses/content-files';
import { applyEvents } from '$lib/server/courses/sync';
import type { SyncEvent } from '$lib/schemas/learning';
import type { Db } from '$lib/server/db';

/** Right answers for every question of a quiz. */
export function rightAnswers(quiz: QuizFile): Record<string, string | string[] | boolean> {
	const answers: Record<string, string | string[] | boolean> = {};
	for (const q of quiz.questions) {
		if (q.type === 'single') answers[q.id] = q.options.find((o) => o.correct)!.id;
		else if (q.type === 'multiple')
			answers[q.id] = q.options.filter((o) => o.correct).map((o) => o.id);
		else if (q.type === 'true_false') answers[q.id] = q.answer;
		else answers[q.id] = [...q.accepted.en, ...q.accepted.my][0];
	}
	return answers;
}

/**
 * Completes a course as a phone that worked offline reports it: every lesson done, a failed try
 * at the first quiz, then every quiz passed, sent as sync events with ids starting `prefix`.
 */
export async function completeBySync(
	db: Db,
	userId: string,
	bundle: CourseBundle,
	prefix: string
): Promise<void> {
	const courseId = bundle.course.id;
	let at = 1_700_000_000_000;
	const events: SyncEvent[] = [...bundle.lessons.keys()].map((lessonId) => ({
		id: `${prefix}-${lessonId}`,
		type: 'lesson_done',
		courseId,
		lessonId,
		at: (at += 60_000)
	}));
	const quizzes = [...bundle.quizzes.values()];
	events.push({
		id: `${prefix}-fail`,
		type: 'quiz_attempt',
		courseId,
		quizId: quizzes[0].id,
		answers: {},
		at: (at += 60_000)
	});
	for (const quiz of quizzes)
		events.push({
			id: `${prefix}-${quiz.id}`,
			type: 'quiz_attempt',
			courseId,
			quizId: quiz.id,
			answers: rightAnswers(quiz),
			at: (at += 60_000)
		});
	const result = await applyEvents(db, userId, events);
	if (!result.ok || result.outcomes.some((o) => o.status !== 'applied'))
		throw new Error(`sync refused: ${JSON.stringify(result)}`);
}
