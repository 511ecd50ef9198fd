/**
 * Attendance: for each session, the training's organization marks each participant present,
 * absent or excused. Only those holding a place are on the sheet, by pseudonym (never an
 * account name); a session is marked from its day on. Marking again replaces the mark, so a
 * sheet saved twice (a phone that lost its connection and sent again) lands once.
 */
import type { Db } from '../db';
import { orgTraining } from './organization';
import { pseudonym } from '../matching/candidates';
import { recordAudit } from '../audit/trail';
import { today } from '../matching/opportunities';
import type { AttendanceMark } from '$lib/vocab/trainings';
import type { Result } from '$lib/result';

export type AttendanceError = 'no_training' | 'no_session' | 'not_yet' | 'not_participant';
export type AttendanceResult = Result<{ marked: number }, AttendanceError>;

export interface SheetSession {
	id: string;
	startsAt: string;
	endsAt: string;
	/** Its day has come: it can be marked. */
	markable: boolean;
}

export interface SheetRow {
	/** The participant's key on the form: their place's id, never the account's. */
	placeId: string;
	pseudonym: string;
	/** Session id → mark, for the sessions marked so far. */
	marks: Record<string, AttendanceMark>;
}

export interface AttendanceSheet {
	trainingId: string;
	title: { my: string; en: string };
	completedAt: number | null;
	completionShare: number;
	sessions: SheetSession[];
	participants: SheetRow[];
}

/** A session's day has come (local times YYYY-MM-DDTHH:MM against today's YYYY-MM-DD). */
const dayHasCome = (startsAt: string, now: number) => startsAt.slice(0, 10) <= today(now);

/**
 * A training's sessions in order, the places held (in the order of asking) and every attendance
 * mark: what the sheet shows and completion counts (./completion.ts).
 */
export async function sheetOf(db: Db, trainingId: string) {
	const sessions = await db
		.selectFrom('training_session')
		.select(['id', 'starts_at', 'ends_at'])
		.where('training_id', '=', trainingId)
		.orderBy('starts_at')
		.execute();
	const places = await db
		.selectFrom('training_place')
		.select(['id', 'user_id'])
		.where('training_id', '=', trainingId)
		.where('state', '=', 'holding')
		.orderBy('asked_at')
		.orderBy('id')
		.execute();
	const marks = await db
		.selectFrom('training_attendance')
		.innerJoin('training_session', 'training_session.id', 'training_attendance.session_id')
		.select(['training_attendance.session_id', 'training_attendance.user_id', 'mark'])
		.where('training_session.training_id', '=', trainingId)
		.execute();
	return { sessions, places, marks };
}

/**
 * The attendance sheet of a training for a member of its organization: its sessions and the
 * participants holding a place with their marks; null when not theirs. Recorded as a view of
 * each participant ("who saw me").
 */
export async function attendanceSheet(
	db: Db,
	memberId: string,
	trainingId: string,
	now = Date.now()
): Promise<AttendanceSheet | null> {
	const training = await orgTraining(db, memberId, trainingId);
	if (!training) return null;
	const { sessions, places, marks } = await sheetOf(db, trainingId);
	await recordAudit(
		db,
		places.map((p) => ({
			actor: memberId,
			org: training.org_id,
			action: 'roster_view' as const,
			object: p.user_id
		})),
		now
	);
	return {
		trainingId,
		title: { my: training.title_my, en: training.title_en },
		completedAt: training.completed_at,
		completionShare: training.completion_share,
		sessions: sessions.map((s) => ({
			id: s.id,
			startsAt: s.starts_at,
			endsAt: s.ends_at,
			markable: dayHasCome(s.starts_at, now)
		})),
		participants: places.map((p) => ({
			placeId: p.id,
			pseudonym: pseudonym(training.org_id, p.user_id),
			marks: Object.fromEntries(
				marks.filter((m) => m.user_id === p.user_id).map((m) => [m.session_id, m.mark])
			)
		}))
	};
}

/**
 * Marks one session for the participants given (by place id). All or nothing: a place that is
 * not a participant's of this training refuses the whole sheet. Participants left out keep
 * their marks.
 */
export async function markAttendance(
	db: Db,
	memberId: string,
	trainingId: string,
	sessionId: string,
	marks: { placeId: string; mark: AttendanceMark }[],
	now = Date.now()
): Promise<AttendanceResult> {
	const training = await orgTraining(db, memberId, trainingId);
	if (!training) return { ok: false, error: 'no_training' };
	const session = await db
		.selectFrom('training_session')
		.select(['id', 'starts_at'])
		.where('id', '=', sessionId)
		.where('training_id', '=', trainingId)
		.executeTakeFirst();
	if (!session) return { ok: false, error: 'no_session' };
	if (!dayHasCome(session.starts_at, now)) return { ok: false, error: 'not_yet' };
	return db.transaction().execute(async (trx) => {
		const holders = new Map(
			(
				await trx
					.selectFrom('training_place')
					.select(['id', 'user_id'])
					.where('training_id', '=', trainingId)
					.where('state', '=', 'holding')
					.execute()
			).map((p) => [p.id, p.user_id])
		);
		if (marks.some((m) => !holders.has(m.placeId)))
			return { ok: false, error: 'not_participant' } as const;
		for (const { placeId, mark } of marks)
			await trx
				.insertInto('training_attendance')
				.values({
					session_id: sessionId,
					user_id: holders.get(placeId)!,
					mark,
					marked_by: memberId,
					marked_at: now
				})
				.onConflict((oc) =>
					oc
						.columns(['session_id', 'user_id'])
						.doUpdateSet({ mark, marked_by: memberId, marked_at: now })
				)
				.execute();
		return { ok: true, marked: marks.length } as const;
	});
}

/**
 * The share of sessions a participant attended, in per cent: sessions present over sessions
 * held, an excused session counted in neither (a sick child is not a missed lesson).
 */
export function attendedShare(marks: AttendanceMark[], sessions: number): number {
	const excused = marks.filter((m) => m === 'excused').length;
	const held = sessions - excused;
	if (held <= 0) return 0;
	return Math.round((100 * marks.filter((m) => m === 'present').length) / held);
}
