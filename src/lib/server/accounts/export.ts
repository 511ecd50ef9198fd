/**
 * Everything Lanpya holds about one account, for its holder: `/account/export` gives it as a JSON
 * file, `/account/data` as a page. This is the one module that reads every table naming a
 * person, because it must leave none out: tests/integration/export.test.ts checks it, table by
 * table, against the columns docs/data-register.md marks personal. It never gives another
 * person's data: organizations appear by name, never their members; a message or note shows
 * which side wrote it, never which member. What is kept only as a hash of a secret (the
 * password, session tokens, recovery codes) and the account's internal ids are left out: the
 * file may be found on a shared phone.
 */
import type { Db } from '../db';
import type { Side } from '../../vocab/applications';
import {
	trainingsOf,
	type AttendanceMarkedExport,
	type TrainingPlaceExport
} from './export-trainings';
import { helpRequestsOf, type HelpRequestExport } from './export-help';
import type { SkillSource } from '../../vocab/skills';
import type {
	AccountKind,
	ApplicationStatus,
	Background,
	CourseReviewKind,
	Locale,
	OrgDecisionKind,
	OrgRole,
	OrgStatus
} from '../schema';

export type Bilingual = { my: string; en: string };

/** Times are ISO 8601 (UTC); the last use of the account is a day. */
export interface AccountExport {
	format: 'lanpya-account-export-1';
	exported_at: string;
	account: {
		username: string;
		kind: AccountKind;
		locale: Locale;
		background: Background | null;
		created_at: string;
		password_changed_at: string;
		last_used_on: string;
	};
	sessions: {
		browser: string;
		signed_in_at: string;
		last_used_at: string;
		expires_at: string;
		this_device: boolean;
	}[];
	recovery_codes: { unused: number; used: number };
	/** Browsers trusted to sign in despite a lock on the name (auth/devices.ts): only until when. */
	trusted_browsers: { trusted_until: string }[];
	profile: {
		area: string;
		availability: string[];
		remote_ok: boolean;
		interests: string[];
		visibility: string;
		updated_at: string;
	} | null;
	skills: {
		skill_id: string;
		skill: Bilingual;
		level: number;
		source: SkillSource;
		course: Bilingual | null;
		organization: string | null;
		granted_at: string;
	}[];
	enrolments: {
		course_id: string;
		course: Bilingual;
		enrolled_at: string;
		completed_at: string | null;
	}[];
	lessons_done: {
		course_id: string;
		lesson_id: string;
		lesson: Bilingual | null;
		done_at: string;
	}[];
	quiz_attempts: {
		course_id: string;
		quiz_id: string;
		quiz: Bilingual | null;
		score: number;
		passed: boolean;
		answers: unknown;
		at: string;
	}[];
	certificates: {
		code: string;
		course_id: string;
		course: Bilingual;
		course_version: number;
		issued_at: string;
		display_name: string | null;
		hidden: boolean;
		revoked_at: string | null;
	}[];
	applications: {
		role: Bilingual;
		organization: string;
		status: ApplicationStatus;
		message: string;
		applied_at: string;
		updated_at: string;
		profile_shared_at: string | null;
		history: {
			status: ApplicationStatus;
			by: Side;
			note: string;
			at: string;
		}[];
		messages: { by: Side; body: string; at: string }[];
		thread_closed_at: string | null;
		thread_closed_by: Side | null;
		thread_muted: boolean;
	}[];
	training_places: TrainingPlaceExport[];
	help_requests: HelpRequestExport[];
	attendance_marked: AttendanceMarkedExport[];
	sync_events: {
		event_id: string;
		outcome: 'applied' | 'rejected';
		error: string | null;
		received_at: string;
	}[];
	organization: { name: string; member_role: OrgRole; joined_at: string } | null;
	organizations_applied_for: { name: string; vetting: OrgStatus; applied_at: string }[];
	invitations_made: { made_at: string; expires_at: string; used: boolean }[];
	invitation_used: { used_at: string | null } | null;
	roles_written: { title: Bilingual; organization: string; created_at: string }[];
	roles_reviewed: { title: Bilingual; organization: string; reviewed_at: string | null }[];
	trainings_written: { title: Bilingual; organization: string; created_at: string }[];
	trainings_reviewed: { title: Bilingual; organization: string; reviewed_at: string | null }[];
	services_reviewed: { title: Bilingual; organization: string; reviewed_at: string | null }[];
	vetting_decisions: {
		organization: string;
		decision: OrgDecisionKind;
		note: string;
		decided_at: string;
	}[];
	course_reviews: {
		course: Bilingual;
		course_version: number;
		review: CourseReviewKind;
		note: string;
		marked_at: string;
	}[];
}

export const iso = (time: number) => new Date(time).toISOString();
export const isoOrNull = (time: number | null) => (time === null ? null : iso(time));
export const text = (my: string, en: string): Bilingual => ({ my, en });
const textOrNull = (my: string | null, en: string | null): Bilingual | null =>
	my === null || en === null ? null : { my, en };

function parsed(json: string): unknown {
	try {
		return JSON.parse(json);
	} catch {
		return json;
	}
}

/** Everything about the account `userId`; `sessionId` marks the session asking. */
export async function exportAccount(
	db: Db,
	userId: string,
	sessionId: string,
	now = Date.now()
): Promise<AccountExport> {
	const user = await db
		.selectFrom('user')
		.selectAll()
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	return {
		format: 'lanpya-account-export-1',
		exported_at: iso(now),
		account: {
			username: user.username,
			kind: user.kind,
			locale: user.locale,
			background: user.background,
			created_at: iso(user.created_at),
			password_changed_at: iso(user.password_changed_at),
			last_used_on: iso(user.last_active_at).slice(0, 10)
		},
		...(await security(db, userId, sessionId)),
		...(await learning(db, userId)),
		applications: await applications(db, userId),
		...(await trainingsOf(db, userId)),
		...(await helpRequestsOf(db, userId)),
		...(await organizationWork(db, userId))
	};
}

async function security(
	db: Db,
	userId: string,
	sessionId: string
): Promise<Pick<AccountExport, 'sessions' | 'recovery_codes' | 'trusted_browsers'>> {
	const devices = await db
		.selectFrom('trusted_device')
		.select('expires_at')
		.where('user_id', '=', userId)
		.orderBy('expires_at')
		.execute();
	const sessions = await db
		.selectFrom('session')
		.select(['id', 'browser', 'created_at', 'last_seen_at', 'expires_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	const codes = await db
		.selectFrom('recovery_code')
		.select('used_at')
		.where('user_id', '=', userId)
		.execute();
	return {
		sessions: sessions.map((s) => ({
			browser: s.browser,
			signed_in_at: iso(s.created_at),
			last_used_at: iso(s.last_seen_at),
			expires_at: iso(s.expires_at),
			this_device: s.id === sessionId
		})),
		recovery_codes: {
			unused: codes.filter((c) => c.used_at === null).length,
			used: codes.filter((c) => c.used_at !== null).length
		},
		trusted_browsers: devices.map((d) => ({ trusted_until: iso(d.expires_at) }))
	};
}

async function learning(
	db: Db,
	userId: string
): Promise<
	Pick<
		AccountExport,
		| 'profile'
		| 'skills'
		| 'enrolments'
		| 'lessons_done'
		| 'quiz_attempts'
		| 'certificates'
		| 'sync_events'
	>
> {
	const profile = await db
		.selectFrom('learner_profile')
		.selectAll()
		.where('user_id', '=', userId)
		.executeTakeFirst();
	const skills = await db
		.selectFrom('user_skill')
		.innerJoin('skill', 'skill.id', 'user_skill.skill_id')
		.leftJoin('course', (join) =>
			join.onRef('course.id', '=', 'user_skill.source_ref').on('user_skill.source', '=', 'course')
		)
		.leftJoin('organization', (join) =>
			join
				.onRef('organization.id', '=', 'user_skill.source_ref')
				.on('user_skill.source', '=', 'endorsement')
		)
		.select([
			'user_skill.skill_id',
			'skill.name_my',
			'skill.name_en',
			'user_skill.level',
			'user_skill.source',
			'user_skill.granted_at',
			'course.title_my',
			'course.title_en',
			'organization.name'
		])
		.where('user_skill.user_id', '=', userId)
		.orderBy('user_skill.granted_at')
		.execute();
	const enrolments = await db
		.selectFrom('enrolment')
		.innerJoin('course', 'course.id', 'enrolment.course_id')
		.select([
			'enrolment.course_id',
			'course.title_my',
			'course.title_en',
			'enrolment.enrolled_at',
			'enrolment.completed_at'
		])
		.where('enrolment.user_id', '=', userId)
		.orderBy('enrolment.enrolled_at')
		.execute();
	const lessons = await db
		.selectFrom('lesson_progress')
		.leftJoin('lesson', (join) =>
			join
				.onRef('lesson.course_id', '=', 'lesson_progress.course_id')
				.onRef('lesson.id', '=', 'lesson_progress.lesson_id')
		)
		.select([
			'lesson_progress.course_id',
			'lesson_progress.lesson_id',
			'lesson.title_my',
			'lesson.title_en',
			'lesson_progress.done_at'
		])
		.where('lesson_progress.user_id', '=', userId)
		.orderBy('lesson_progress.done_at')
		.execute();
	const attempts = await db
		.selectFrom('quiz_attempt')
		.leftJoin('quiz', (join) =>
			join
				.onRef('quiz.course_id', '=', 'quiz_attempt.course_id')
				.onRef('quiz.id', '=', 'quiz_attempt.quiz_id')
		)
		.select([
			'quiz_attempt.course_id',
			'quiz_attempt.quiz_id',
			'quiz.title_my',
			'quiz.title_en',
			'quiz_attempt.score',
			'quiz_attempt.passed',
			'quiz_attempt.answers',
			'quiz_attempt.created_at'
		])
		.where('quiz_attempt.user_id', '=', userId)
		.orderBy('quiz_attempt.created_at')
		.execute();
	const certificates = await db
		.selectFrom('certificate')
		.innerJoin('course', 'course.id', 'certificate.course_id')
		.select([
			'certificate.code',
			'certificate.course_id',
			'course.title_my',
			'course.title_en',
			'certificate.course_version',
			'certificate.issued_at',
			'certificate.display_name',
			'certificate.hidden',
			'certificate.revoked_at'
		])
		.where('certificate.user_id', '=', userId)
		.orderBy('certificate.issued_at')
		.execute();
	const events = await db
		.selectFrom('sync_event')
		.select(['event_id', 'status', 'error', 'received_at'])
		.where('user_id', '=', userId)
		.orderBy('received_at')
		.execute();
	return {
		profile: profile
			? {
					area: profile.area,
					availability: parsed(profile.availability) as string[],
					remote_ok: profile.remote_ok === 1,
					interests: parsed(profile.interests) as string[],
					visibility: profile.visibility,
					updated_at: iso(profile.updated_at)
				}
			: null,
		skills: skills.map((s) => ({
			skill_id: s.skill_id,
			skill: text(s.name_my, s.name_en),
			level: s.level,
			source: s.source,
			course: textOrNull(s.title_my, s.title_en),
			organization: s.name,
			granted_at: iso(s.granted_at)
		})),
		enrolments: enrolments.map((e) => ({
			course_id: e.course_id,
			course: text(e.title_my, e.title_en),
			enrolled_at: iso(e.enrolled_at),
			completed_at: isoOrNull(e.completed_at)
		})),
		lessons_done: lessons.map((l) => ({
			course_id: l.course_id,
			lesson_id: l.lesson_id,
			lesson: textOrNull(l.title_my, l.title_en),
			done_at: iso(l.done_at)
		})),
		quiz_attempts: attempts.map((a) => ({
			course_id: a.course_id,
			quiz_id: a.quiz_id,
			quiz: textOrNull(a.title_my, a.title_en),
			score: a.score,
			passed: a.passed === 1,
			answers: parsed(a.answers),
			at: iso(a.created_at)
		})),
		certificates: certificates.map((c) => ({
			code: c.code,
			course_id: c.course_id,
			course: text(c.title_my, c.title_en),
			course_version: c.course_version,
			issued_at: iso(c.issued_at),
			display_name: c.display_name,
			hidden: c.hidden === 1,
			revoked_at: isoOrNull(c.revoked_at)
		})),
		sync_events: events.map((e) => ({
			event_id: e.event_id,
			outcome: e.status,
			error: e.error,
			received_at: iso(e.received_at)
		}))
	};
}

async function applications(db: Db, userId: string): Promise<AccountExport['applications']> {
	const rows = await db
		.selectFrom('application')
		.innerJoin('role', 'role.id', 'application.role_id')
		.innerJoin('organization', 'organization.id', 'role.org_id')
		.select([
			'application.id',
			'role.title_my',
			'role.title_en',
			'organization.name',
			'application.status',
			'application.message',
			'application.created_at',
			'application.updated_at',
			'application.thread_closed_at',
			'application.thread_closed_by',
			'application.learner_muted',
			'application.profile_shared_at'
		])
		.where('application.user_id', '=', userId)
		.orderBy('application.created_at')
		.execute();
	const ids = rows.map((r) => r.id);
	const events = ids.length
		? await db
				.selectFrom('application_event')
				.select(['application_id', 'status', 'by', 'note', 'at'])
				.where('application_id', 'in', ids)
				.orderBy('at')
				.orderBy('id')
				.execute()
		: [];
	const messages = ids.length
		? await db
				.selectFrom('application_message')
				.select(['application_id', 'by', 'body', 'at'])
				.where('application_id', 'in', ids)
				.orderBy('at')
				.orderBy('id')
				.execute()
		: [];
	return rows.map((r) => ({
		role: text(r.title_my, r.title_en),
		organization: r.name,
		status: r.status,
		message: r.message,
		applied_at: iso(r.created_at),
		updated_at: iso(r.updated_at),
		profile_shared_at: isoOrNull(r.profile_shared_at),
		history: events
			.filter((e) => e.application_id === r.id)
			.map((e) => ({ status: e.status, by: e.by, note: e.note, at: iso(e.at) })),
		messages: messages
			.filter((m) => m.application_id === r.id)
			.map((m) => ({ by: m.by, body: m.body, at: iso(m.at) })),
		thread_closed_at: isoOrNull(r.thread_closed_at),
		thread_closed_by: r.thread_closed_by,
		thread_muted: r.learner_muted === 1
	}));
}

type OrganizationWork = Pick<
	AccountExport,
	| 'organization'
	| 'organizations_applied_for'
	| 'invitations_made'
	| 'invitation_used'
	| 'roles_written'
	| 'roles_reviewed'
	| 'trainings_written'
	| 'trainings_reviewed'
	| 'services_reviewed'
	| 'vetting_decisions'
	| 'course_reviews'
>;

/** What an organization member or an administrator did; never who else was involved. */
async function organizationWork(db: Db, userId: string): Promise<OrganizationWork> {
	const membership = await db
		.selectFrom('org_member')
		.innerJoin('organization', 'organization.id', 'org_member.org_id')
		.select(['organization.name', 'org_member.role', 'org_member.joined_at'])
		.where('org_member.user_id', '=', userId)
		.executeTakeFirst();
	const appliedFor = await db
		.selectFrom('organization')
		.select(['name', 'status', 'created_at'])
		.where('created_by', '=', userId)
		.orderBy('created_at')
		.execute();
	const made = await db
		.selectFrom('org_invitation')
		.select(['created_at', 'expires_at', 'used_at'])
		.where('created_by', '=', userId)
		.orderBy('created_at')
		.execute();
	const used = await db
		.selectFrom('org_invitation')
		.select('used_at')
		.where('used_by', '=', userId)
		.executeTakeFirst();
	const roles = (column: 'created_by' | 'reviewed_by') =>
		db
			.selectFrom('role')
			.innerJoin('organization', 'organization.id', 'role.org_id')
			.select([
				'role.title_my',
				'role.title_en',
				'organization.name',
				'role.created_at',
				'role.reviewed_at'
			])
			.where(`role.${column}`, '=', userId)
			.orderBy('role.created_at')
			.execute();
	const trainings = (column: 'created_by' | 'reviewed_by') =>
		db
			.selectFrom('training')
			.innerJoin('organization', 'organization.id', 'training.org_id')
			.select([
				'training.title_my',
				'training.title_en',
				'organization.name',
				'training.created_at',
				'training.reviewed_at'
			])
			.where(`training.${column}`, '=', userId)
			.orderBy('training.created_at')
			.execute();
	const decisions = await db
		.selectFrom('org_decision')
		.innerJoin('organization', 'organization.id', 'org_decision.org_id')
		.select([
			'organization.name',
			'org_decision.decision',
			'org_decision.note',
			'org_decision.decided_at'
		])
		.where('org_decision.decided_by', '=', userId)
		.orderBy('org_decision.decided_at')
		.execute();
	const courseReviews = await db
		.selectFrom('course_review')
		.innerJoin('course', 'course.id', 'course_review.course_id')
		.select([
			'course.title_my',
			'course.title_en',
			'course_review.course_version',
			'course_review.kind',
			'course_review.note',
			'course_review.marked_at'
		])
		.where('course_review.marked_by', '=', userId)
		.orderBy('course_review.marked_at')
		.execute();
	return {
		organization: membership
			? {
					name: membership.name,
					member_role: membership.role,
					joined_at: iso(membership.joined_at)
				}
			: null,
		organizations_applied_for: appliedFor.map((o) => ({
			name: o.name,
			vetting: o.status,
			applied_at: iso(o.created_at)
		})),
		invitations_made: made.map((i) => ({
			made_at: iso(i.created_at),
			expires_at: iso(i.expires_at),
			used: i.used_at !== null
		})),
		invitation_used: used ? { used_at: isoOrNull(used.used_at) } : null,
		roles_written: (await roles('created_by')).map((r) => ({
			title: text(r.title_my, r.title_en),
			organization: r.name,
			created_at: iso(r.created_at)
		})),
		roles_reviewed: (await roles('reviewed_by')).map((r) => ({
			title: text(r.title_my, r.title_en),
			organization: r.name,
			reviewed_at: isoOrNull(r.reviewed_at)
		})),
		trainings_written: (await trainings('created_by')).map((t) => ({
			title: text(t.title_my, t.title_en),
			organization: t.name,
			created_at: iso(t.created_at)
		})),
		trainings_reviewed: (await trainings('reviewed_by')).map((t) => ({
			title: text(t.title_my, t.title_en),
			organization: t.name,
			reviewed_at: isoOrNull(t.reviewed_at)
		})),
		services_reviewed: (
			await db
				.selectFrom('service')
				.innerJoin('organization', 'organization.id', 'service.org_id')
				.select(['service.name_my', 'service.name_en', 'organization.name', 'service.reviewed_at'])
				.where('service.reviewed_by', '=', userId)
				.orderBy('service.reviewed_at')
				.execute()
		).map((s) => ({
			title: text(s.name_my, s.name_en),
			organization: s.name,
			reviewed_at: isoOrNull(s.reviewed_at)
		})),
		vetting_decisions: decisions.map((d) => ({
			organization: d.name,
			decision: d.decision,
			note: d.note,
			decided_at: iso(d.decided_at)
		})),
		course_reviews: courseReviews.map((r) => ({
			course: text(r.title_my, r.title_en),
			course_version: r.course_version,
			review: r.kind,
			note: r.note,
			marked_at: iso(r.marked_at)
		}))
	};
}
