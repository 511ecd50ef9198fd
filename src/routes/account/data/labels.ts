/**
 * How /account/data reads the export: a heading per section, a label per field, and the words
 * for stored values. Typed against the export, so a field added to it without a label fails the
 * check.
 */
import * as m from '$lib/paraglide/messages';
import type { AccountExport } from '$lib/server/accounts/export';
import { applicationStatusNames } from '$lib/vocab/application-labels';
import { attendanceMarkNames, placeStateNames } from '$lib/vocab/training-labels';
import { skillLevelName } from '$lib/vocab/skill-labels';
import {
	formatDateTime,
	formatDay,
	formatList,
	formatNumber,
	formatLocalTime,
	pickText
} from '$lib/format';
import { backgroundLabels } from '$lib/vocab/background-labels';
import { areaNames, roleTimeNames, visibilityNames } from '$lib/vocab/role-labels';
import { accountKindNames } from '$lib/vocab/account-labels';
import type { Side } from '$lib/vocab/applications';
import type { OrgDecision, OrgMemberRole, OrgStatus } from '$lib/vocab/orgs';
import type { CourseReviewKind } from '$lib/vocab/courses';
import type { SkillSource } from '$lib/vocab/skills';
import {
	referralStateNames,
	requestStatusNames,
	serviceKindNames,
	urgencyNames
} from '$lib/vocab/service-labels';

type Section = Exclude<keyof AccountExport, 'format' | 'exported_at'>;
type Item<T> = T extends readonly (infer U)[] ? U : NonNullable<T>;
type Application = AccountExport['applications'][number];
type Place = AccountExport['training_places'][number];
type HelpRequest = AccountExport['help_requests'][number];
export type Field =
	| { [S in Section]: keyof Item<AccountExport[S]> }[Section]
	| keyof Application['history'][number]
	| keyof Application['messages'][number]
	| keyof Place['attendance'][number]
	| keyof Place['certificate'][number]
	| keyof HelpRequest['referrals'][number];

/** The sections in the order the page shows them. */
export const sectionLabels = {
	account: m.data_section_account,
	sessions: m.data_section_sessions,
	recovery_codes: m.data_section_recovery_codes,
	trusted_browsers: m.data_section_trusted_browsers,
	profile: m.data_section_profile,
	skills: m.data_section_skills,
	enrolments: m.data_section_enrolments,
	lessons_done: m.data_section_lessons_done,
	quiz_attempts: m.data_section_quiz_attempts,
	certificates: m.data_section_certificates,
	applications: m.data_section_applications,
	training_places: m.data_section_training_places,
	help_requests: m.data_section_help_requests,
	sync_events: m.data_section_sync_events,
	organization: m.data_section_organization,
	organizations_applied_for: m.data_section_organizations_applied_for,
	invitations_made: m.data_section_invitations_made,
	invitation_used: m.data_section_invitation_used,
	roles_written: m.data_section_roles_written,
	roles_reviewed: m.data_section_roles_reviewed,
	trainings_written: m.data_section_trainings_written,
	trainings_reviewed: m.data_section_trainings_reviewed,
	services_reviewed: m.data_section_services_reviewed,
	attendance_marked: m.data_section_attendance_marked,
	vetting_decisions: m.data_section_vetting_decisions,
	course_reviews: m.data_section_course_reviews
} satisfies Record<Section, () => string>;

export const sections = Object.keys(sectionLabels) as Section[];

const LEARNING: Section[] = [
	'profile',
	'skills',
	'enrolments',
	'lessons_done',
	'quiz_attempts',
	'certificates',
	'applications',
	'training_places',
	'help_requests',
	'sync_events'
];
const STAFF: Section[] = [
	'organization',
	'organizations_applied_for',
	'invitations_made',
	'invitation_used',
	'roles_written',
	'roles_reviewed',
	'trainings_written',
	'trainings_reviewed',
	'services_reviewed',
	'attendance_marked',
	'vetting_decisions',
	'course_reviews'
];

/** Whether an empty section is still worth a heading: learners are not shown empty organization work, nor staff empty learning. */
export function concerns(section: Section, kind: AccountExport['account']['kind']): boolean {
	return kind === 'learner' ? !STAFF.includes(section) : !LEARNING.includes(section);
}

export const fieldLabels: Record<Field, () => string> = {
	username: m.data_field_username,
	kind: m.data_field_kind,
	locale: m.data_field_locale,
	background: m.data_field_background,
	created_at: m.data_field_created_at,
	password_changed_at: m.data_field_password_changed_at,
	last_used_on: m.data_field_last_used_on,
	browser: m.data_field_browser,
	signed_in_at: m.data_field_signed_in_at,
	last_used_at: m.data_field_last_used_at,
	expires_at: m.data_field_expires_at,
	this_device: m.data_field_this_device,
	unused: m.data_field_unused,
	trusted_until: m.data_field_trusted_until,
	used: m.data_field_used,
	area: m.data_field_area,
	availability: m.data_field_availability,
	remote_ok: m.data_field_remote_ok,
	interests: m.data_field_interests,
	visibility: m.data_field_visibility,
	updated_at: m.data_field_updated_at,
	skill_id: m.data_field_skill_id,
	skill: m.data_field_skill,
	level: m.data_field_level,
	source: m.data_field_source,
	course: m.data_field_course,
	organization: m.data_field_organization,
	granted_at: m.data_field_granted_at,
	course_id: m.data_field_course_id,
	enrolled_at: m.data_field_enrolled_at,
	completed_at: m.data_field_completed_at,
	lesson_id: m.data_field_lesson_id,
	lesson: m.data_field_lesson,
	done_at: m.data_field_done_at,
	quiz_id: m.data_field_quiz_id,
	quiz: m.data_field_quiz,
	score: m.data_field_score,
	passed: m.data_field_passed,
	answers: m.data_field_answers,
	at: m.data_field_at,
	code: m.data_field_code,
	course_version: m.data_field_course_version,
	issued_at: m.data_field_issued_at,
	display_name: m.data_field_display_name,
	hidden: m.data_field_hidden,
	revoked_at: m.data_field_revoked_at,
	role: m.data_field_role,
	status: m.data_field_status,
	message: m.data_field_message,
	applied_at: m.data_field_applied_at,
	profile_shared_at: m.data_field_profile_shared_at,
	history: m.data_field_history,
	messages: m.data_field_messages,
	thread_closed_at: m.data_field_thread_closed_at,
	thread_closed_by: m.data_field_thread_closed_by,
	thread_muted: m.data_field_thread_muted,
	by: m.data_field_by,
	note: m.data_field_note,
	body: m.data_field_body,
	event_id: m.data_field_event_id,
	outcome: m.data_field_outcome,
	error: m.data_field_error,
	received_at: m.data_field_received_at,
	name: m.data_field_name,
	member_role: m.data_field_member_role,
	joined_at: m.data_field_joined_at,
	vetting: m.data_field_vetting,
	made_at: m.data_field_made_at,
	used_at: m.data_field_used_at,
	title: m.data_field_title,
	reviewed_at: m.data_field_reviewed_at,
	decision: m.data_field_decision,
	decided_at: m.data_field_decided_at,
	review: m.data_field_review,
	marked_at: m.data_field_marked_at,
	training: m.data_field_training,
	state: m.data_field_state,
	asked_at: m.data_field_asked_at,
	offered_until: m.data_field_offered_until,
	certificate: m.data_field_certificate,
	muted: m.data_field_muted,
	attendance: m.data_field_attendance,
	session_starts: m.data_field_session_starts,
	mark: m.data_field_mark,
	service: m.data_field_service,
	help: m.data_field_help,
	urgency: m.data_field_urgency,
	request_status: m.data_field_request_status,
	referred: m.data_field_referred,
	closed_at: m.data_field_closed_at,
	referrals: m.data_field_referrals,
	consent: m.data_field_consent,
	proposed_at: m.data_field_proposed_at,
	words: m.data_field_words
};

const sideLabels = {
	learner: m.data_value_by_learner,
	organization: m.data_value_by_organization
} satisfies Record<Side, () => string>;

/** The words for stored values, field by field (the export's own wording where the pages' differs). */
const valueLabels: Partial<Record<Field, Readonly<Record<string, () => string>>>> = {
	kind: accountKindNames,
	locale: { my: m.data_value_locale_my, en: m.data_value_locale_en },
	background: backgroundLabels,
	area: areaNames,
	availability: roleTimeNames,
	visibility: visibilityNames,
	source: {
		self: m.skill_source_self,
		course: m.data_value_source_course,
		endorsement: m.data_value_source_endorsement,
		training: m.data_value_source_training
	} satisfies Record<SkillSource, () => string>,
	status: applicationStatusNames,
	state: placeStateNames,
	mark: attendanceMarkNames,
	help: serviceKindNames,
	urgency: urgencyNames,
	request_status: requestStatusNames,
	consent: referralStateNames,
	by: sideLabels,
	thread_closed_by: sideLabels,
	member_role: {
		owner: m.data_value_owner,
		member: m.data_value_member
	} satisfies Record<OrgMemberRole, () => string>,
	outcome: { applied: m.data_value_outcome_applied, rejected: m.data_value_outcome_rejected },
	vetting: {
		pending: m.data_value_vetting_pending,
		vetted: m.data_value_vetting_vetted,
		rejected: m.data_value_vetting_rejected,
		suspended: m.data_value_vetting_suspended
	} satisfies Record<OrgStatus, () => string>,
	decision: {
		vet: m.data_value_decision_vet,
		reject: m.data_value_decision_reject,
		suspend: m.data_value_decision_suspend,
		reinstate: m.data_value_decision_reinstate
	} satisfies Record<OrgDecision, () => string>,
	review: {
		publication: m.data_value_review_publication,
		language: m.data_value_review_language,
		expert: m.data_value_review_expert
	} satisfies Record<CourseReviewKind, () => string>
};

/** A stored time (ISO 8601) in the reader's language, saying its zone (src/lib/format.ts). */
function formatTime(iso: string, locale: string): string {
	const time = Date.parse(iso);
	return Number.isNaN(time)
		? iso
		: m.data_time(
				{ time: formatDateTime(time, locale) },
				{ locale: locale === 'en' ? 'en' : 'my' }
			);
}

/**
 * Stored values that are machine text, shown as they are whatever the language (ids, codes,
 * answers as stored, a browser's name) or a person's own words; the page marks them
 * `translate="no"`, and their digits stay as stored.
 */
export const keptAsStored = (field: Field): boolean =>
	field.endsWith('_id') ||
	[
		'code',
		'answers',
		'browser',
		'username',
		'message',
		'body',
		'words',
		'note',
		'display_name',
		'name',
		'organization',
		'role',
		'title',
		'error'
	].includes(field);

/** A stored value as words: times (`at`, `*_at`, `*_until`) in the reader's language, choices by their names, skill groups by name. */
export function valueText(
	field: Field,
	value: unknown,
	locale: string,
	groups: Record<string, string>
): string {
	if (
		value === null ||
		value === undefined ||
		value === '' ||
		(Array.isArray(value) && value.length === 0)
	)
		return '—';
	if (typeof value === 'boolean') return value ? m.data_yes() : m.data_no();
	if (field === 'level' && typeof value === 'number') return skillLevelName(value);
	if (field === 'answers') return JSON.stringify(value);
	if (typeof value === 'number') return formatNumber(value, locale);
	if (field === 'interests' && Array.isArray(value))
		return formatList(
			value.map((id) => groups[String(id)] ?? String(id)),
			locale
		);
	if (Array.isArray(value))
		return formatList(
			value.map((v) => valueText(field, v, locale, groups)),
			locale
		);
	if (typeof value === 'object' && 'my' in value && 'en' in value)
		return pickText(locale, String(value.my), String(value.en));
	if (typeof value === 'string') {
		const label = valueLabels[field]?.[value];
		if (label) return label();
		if (field === 'at' || field.endsWith('_at') || field.endsWith('_until'))
			return formatTime(value, locale);
		if (field.endsWith('_on')) return formatDay(value, locale);
		// A session's local time where the training meets (YYYY-MM-DDTHH:MM), no zone to convert.
		if (field === 'session_starts') return formatLocalTime(value, locale);
	}
	return String(value);
}
