import { z } from 'zod';
import { ATTENDANCE_MARKS } from '../vocab/trainings';
import { plainText } from './fields';

/**
 * The forms of a training's cohort: a session's attendance sheet, completing the training,
 * notices and the learner's mute. Messages in a participant's thread use the application's
 * message form (./application.ts). Messages are keys of the message catalogue.
 */

/** One session's sheet: `mark_<place id>` is present, absent or excused for each participant shown. */
export const attendanceSchema = z
	.record(
		z.string().regex(/^mark_[a-z0-9]{8,40}$/, 'error_form'),
		z.enum(ATTENDANCE_MARKS, { error: 'error_choice' })
	)
	.refine(
		(fields) => Object.keys(fields).length >= 1 && Object.keys(fields).length <= 500,
		'error_attendance_empty'
	)
	.transform((fields) =>
		Object.entries(fields).map(([name, mark]) => ({ placeId: name.slice('mark_'.length), mark }))
	);

/** Completing: the share of sessions to have attended, in per cent, confirmed. */
export const completionSchema = z.object({
	share: z.coerce
		.number({ error: 'error_completion_share' })
		.int('error_completion_share')
		.min(50, 'error_completion_share')
		.max(100, 'error_completion_share'),
	confirm: z.literal('yes', { error: 'error_choice' })
});

/** A notice to every participant. */
export const noticeSchema = z.object({ body: plainText(1, 2000) });

/** The learner mutes or unmutes a training's messages. */
export const trainingMuteSchema = z.object({
	change: z.enum(['mute', 'unmute'], { error: 'error_choice' })
});
