import { z } from 'zod';
import { SLUG, SLUG_MAX } from '../ids';
import { nameText } from './fields';
import { SYNC_BATCH_MAX } from '../sync-limits';
import { COURSE_AUDIENCES, COURSE_CATEGORIES } from '../vocab/courses';

const slug = z.string().regex(SLUG, 'error_invalid').max(SLUG_MAX, 'error_too_long');

/** The catalogue's filters arrive in the address (a GET form); anything unexpected is dropped. */
export const catalogueSchema = z.object({
	q: z.string().trim().max(100, 'error_too_long').optional().catch(undefined),
	category: z.enum(COURSE_CATEGORIES).optional().catch(undefined),
	// Courses for everyone are in every list: no filter for them.
	audience: z.enum(COURSE_AUDIENCES).exclude(['everyone']).optional().catch(undefined),
	size: z.enum(['100', '200']).optional().catch(undefined)
});

/** The downloaded courses a phone asks about: up to 50 course ids, comma-separated. */
export const versionsQuery = z.object({
	ids: z
		.string()
		.max(4100)
		.transform((ids) => ids.split(','))
		.pipe(z.array(slug).min(1).max(50))
});

export const textSizeSchema = z.object({
	size: z.enum(['s', 'm', 'l'], { error: 'error_choice' })
});

export const certificateCode = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/, 'error_code_format');

export const certificateNameSchema = z.object({ code: certificateCode, name: nameText(0, 60) });
export const certificateCodeSchema = z.object({ code: certificateCode });
/** Revoking is final: only from the confirmation's own form (ConfirmAction), which sends confirm=yes. */
export const certificateRevokeSchema = z.object({
	code: certificateCode,
	confirm: z.literal('yes', { error: 'error_choice' })
});

const eventId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
const answer = z.union([z.string().max(500), z.array(z.string().max(80)).max(20), z.boolean()]);

/**
 * One piece of progress a phone made offline, with an id the phone chose: the one shape the
 * phone's outbox (src/lib/offline/outbox.ts) keeps and the server applies
 * (src/lib/server/courses/sync.ts).
 */
export const syncEvent = z.discriminatedUnion('type', [
	z.object({
		id: eventId,
		type: z.literal('lesson_done'),
		courseId: slug,
		lessonId: slug,
		at: z.int().nonnegative()
	}),
	z.object({
		id: eventId,
		type: z.literal('quiz_attempt'),
		courseId: slug,
		quizId: slug,
		answers: z.record(z.string().max(80), answer),
		at: z.int().nonnegative()
	})
]);
export type SyncEvent = z.infer<typeof syncEvent>;

/** A batch of progress events a phone made offline. */
export const syncSchema = z.object({ events: z.array(syncEvent).max(SYNC_BATCH_MAX) });
