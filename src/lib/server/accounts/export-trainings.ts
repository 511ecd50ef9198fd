/**
 * A person's part in trainings, for the account export (./export.ts): a learner's places with
 * their attendance, their thread with the organization and their certificate; a member's
 * attendance marks. Notices to every participant are the training's, not the person's, and stay
 * out; so do other participants, who are never named.
 */
import type { Db } from '../db';
import type { Side } from '../../vocab/applications';
import type { AttendanceMark, PlaceState } from '../../vocab/trainings';
import { iso, isoOrNull, text, type Bilingual } from './export';

export interface TrainingPlaceExport {
	training: Bilingual;
	organization: string;
	state: PlaceState;
	asked_at: string;
	offered_until: string | null;
	updated_at: string;
	muted: boolean;
	attendance: { session_starts: string; mark: AttendanceMark; marked_at: string }[];
	messages: { by: Side; body: string; at: string }[];
	/** At most one: the certificate for completing it. */
	certificate: {
		code: string;
		issued_at: string;
		display_name: string | null;
		hidden: boolean;
		revoked_at: string | null;
	}[];
}

export interface AttendanceMarkedExport {
	training: Bilingual;
	session_starts: string;
	marked_at: string;
}

/** The learner's places in trainings (and turns on waitlists), and the attendance they marked for an organization. */
export async function trainingsOf(
	db: Db,
	userId: string
): Promise<{
	training_places: TrainingPlaceExport[];
	attendance_marked: AttendanceMarkedExport[];
}> {
	const places = await db
		.selectFrom('training_place')
		.innerJoin('training', 'training.id', 'training_place.training_id')
		.innerJoin('organization', 'organization.id', 'training.org_id')
		.select([
			'training.id',
			'training.title_my',
			'training.title_en',
			'organization.name',
			'training_place.state',
			'training_place.asked_at',
			'training_place.offered_until',
			'training_place.updated_at',
			'training_place.learner_muted'
		])
		.where('training_place.user_id', '=', userId)
		.orderBy('training_place.asked_at')
		.execute();
	const attendance = await db
		.selectFrom('training_attendance')
		.innerJoin('training_session', 'training_session.id', 'training_attendance.session_id')
		.select([
			'training_session.training_id',
			'training_session.starts_at',
			'training_attendance.mark',
			'training_attendance.marked_at'
		])
		.where('training_attendance.user_id', '=', userId)
		.orderBy('training_session.starts_at')
		.execute();
	const messages = await db
		.selectFrom('training_message')
		.select(['training_id', 'by', 'body', 'at'])
		.where('user_id', '=', userId)
		.orderBy('at')
		.orderBy('id')
		.execute();
	const certificates = await db
		.selectFrom('training_certificate')
		.selectAll()
		.where('user_id', '=', userId)
		.execute();
	const marked = await db
		.selectFrom('training_attendance')
		.innerJoin('training_session', 'training_session.id', 'training_attendance.session_id')
		.innerJoin('training', 'training.id', 'training_session.training_id')
		.select([
			'training.title_my',
			'training.title_en',
			'training_session.starts_at',
			'training_attendance.marked_at'
		])
		.where('training_attendance.marked_by', '=', userId)
		.orderBy('training_attendance.marked_at')
		.execute();
	return {
		training_places: places.map((p) => {
			const certificate = certificates.find((c) => c.training_id === p.id);
			return {
				training: text(p.title_my, p.title_en),
				organization: p.name,
				state: p.state,
				asked_at: iso(p.asked_at),
				offered_until: isoOrNull(p.offered_until),
				updated_at: iso(p.updated_at),
				muted: p.learner_muted === 1,
				attendance: attendance
					.filter((a) => a.training_id === p.id)
					.map((a) => ({ session_starts: a.starts_at, mark: a.mark, marked_at: iso(a.marked_at) })),
				messages: messages
					.filter((m) => m.training_id === p.id)
					.map((m) => ({ by: m.by, body: m.body, at: iso(m.at) })),
				certificate: certificate
					? [
							{
								code: certificate.code,
								issued_at: iso(certificate.issued_at),
								display_name: certificate.display_name,
								hidden: certificate.hidden === 1,
								revoked_at: isoOrNull(certificate.revoked_at)
							}
						]
					: []
			};
		}),
		attendance_marked: marked.map((m) => ({
			training: text(m.title_my, m.title_en),
			session_starts: m.starts_at,
			marked_at: iso(m.marked_at)
		}))
	};
}
