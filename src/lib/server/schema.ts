import type { Generated, Insertable, Selectable } from 'kysely';
import type { AccountKind, Background } from '../vocab/accounts';
import type { ApplicationStatus, Side } from '../vocab/applications';
import type {
	CourseAudience,
	CourseCategory,
	CourseExpert,
	CourseReviewKind,
	CourseStatus
} from '../vocab/courses';
import type { OrgDecision, OrgKind, OrgMemberRole, OrgStatus } from '../vocab/orgs';
import type { Area, OrgArea } from '../vocab/areas';
import type { Availability, Visibility } from '../vocab/profile';
import type { RoleKind, RoleStatus } from '../vocab/roles';
import type {
	AttendanceMark,
	PlaceState,
	TrainingAudience,
	TrainingProvision
} from '../vocab/trainings';
import type { BackgroundKind, SkillSource } from '../vocab/skills';
import type {
	ReferralState,
	RequestStatus,
	RequestUrgency,
	ServiceAudience,
	ServiceKind
} from '../vocab/services';
import { ROLE_STATUSES } from '../vocab/roles';

// The value lists are in src/lib/vocab/ (one list per vocabulary, shared with the pages and the
// forms); the names the domain modules import from here stay as they were.
export { ROLE_STATUSES };
export type {
	AccountKind,
	ApplicationStatus,
	Area,
	Background,
	BackgroundKind,
	CourseAudience,
	CourseCategory,
	CourseExpert,
	CourseReviewKind,
	CourseStatus,
	OrgKind,
	OrgStatus,
	RoleKind,
	RoleStatus,
	Visibility
};
export type OrgDecisionKind = OrgDecision;
export type OrgRole = OrgMemberRole;
export type RoleAvailability = Availability;
export type Locale = 'my' | 'en';

export interface UserTable {
	id: string;
	username: string;
	username_key: string;
	password_hash: string;
	kind: AccountKind;
	background: Background | null;
	locale: Locale;
	must_change_password: number;
	created_at: number;
	password_changed_at: number;
	/** The day (UTC midnight) the account was last used: accounts unused for long are deleted. */
	last_active_at: number;
	/** argon2id hash of the code (PIN) that opens the app behind a disguise; null when none was chosen. */
	pin_hash: string | null;
}

export interface SessionTable {
	id: string;
	user_id: string;
	browser: string;
	created_at: number;
	expires_at: number;
	last_seen_at: number;
	/** 1 when signed in with "This is a shared phone". */
	shared: Generated<number>;
	/** A shared session's last request, to the millisecond (null for other sessions). */
	active_at: number | null;
	/**
	 * When the holder of a session whose account has a code last proved to be there (the code,
	 * the password at sign-in, or a request while open); null once locked.
	 */
	pin_at: number | null;
	/** Wrong codes given in a row; the session ends at PIN_TRIES. */
	pin_failures: Generated<number>;
}

export interface RecoveryCodeTable {
	id: string;
	user_id: string;
	code_hash: string;
	used_at: number | null;
}

export interface SignInThrottleTable {
	key: string;
	failures: number;
	locked_until: number | null;
	updated_at: number;
}

/** A browser that signed in to the account before (auth/devices.ts): only its token's hash. */
export interface TrustedDeviceTable {
	id: string;
	user_id: string;
	expires_at: number;
}

export interface OrganizationTable {
	id: string;
	name: string;
	kind: OrgKind;
	description: string;
	status: OrgStatus;
	created_by: string | null;
	created_at: number;
	reviewed_at: number | null;
	/** JSON array of the areas it works in (OrgArea). */
	areas: Generated<string>;
}

/** An administrator's decision on an organization, kept as its history. */
export interface OrgDecisionTable {
	id: string;
	org_id: string;
	decision: OrgDecisionKind;
	note: string;
	decided_by: string | null;
	decided_at: number;
}

export interface RoleTable {
	id: string;
	org_id: string;
	kind: RoleKind;
	title_my: string;
	title_en: string;
	description_my: string;
	description_en: string;
	safety_my: string;
	safety_en: string;
	/** An organization area; null when the role is remote only. */
	area: OrgArea | null;
	remote: number;
	availability: RoleAvailability;
	pay: string;
	seats: number;
	starts_on: string | null;
	closes_on: string | null;
	status: RoleStatus;
	review_note: Generated<string>;
	reviewed_by: string | null;
	reviewed_at: number | null;
	created_by: string | null;
	created_at: number;
	updated_at: number;
}

/** An organization's in-person training for a group, on set days (src/lib/server/trainings/). */
export interface TrainingTable {
	id: string;
	org_id: string;
	title_my: string;
	title_en: string;
	description_my: string;
	description_en: string;
	audience: TrainingAudience;
	area: OrgArea;
	seats: number;
	/** Calendar day, YYYY-MM-DD: no new request after it. */
	closes_on: string;
	/** Where it meets: shown only to those holding a place; emptied once it has ended. */
	meeting_point: Generated<string>;
	/** Per cent of the sessions to attend to complete it. */
	completion_share: Generated<number>;
	/** 1: an example from the starter data. */
	example: Generated<number>;
	/** When the organization marked it completed (certificates issued then). */
	completed_at: number | null;
	status: RoleStatus;
	review_note: Generated<string>;
	reviewed_by: string | null;
	reviewed_at: number | null;
	created_by: string | null;
	created_at: number;
	updated_at: number;
}

export interface TrainingSessionTable {
	id: string;
	training_id: string;
	/** Local time where it meets, YYYY-MM-DDTHH:MM. */
	starts_at: string;
	ends_at: string;
}

export interface TrainingProvisionTable {
	training_id: string;
	item: TrainingProvision;
}

export interface TrainingSkillTable {
	training_id: string;
	skill_id: string;
	level: number;
}

/** A learner's place in a training, or their turn on its waitlist (trainings/places.ts). */
export interface TrainingPlaceTable {
	id: string;
	training_id: string;
	user_id: string;
	state: PlaceState;
	/** When they asked: the waitlist's order. */
	asked_at: number;
	/** An offered place is kept until then. */
	offered_until: number | null;
	updated_at: number;
	/** What each side last saw of the place and its thread (news). */
	learner_seen_at: Generated<number>;
	org_seen_at: Generated<number>;
	/** 1: the learner muted the training's messages (its decisions are still news). */
	learner_muted: Generated<number>;
}

/** A participant's attendance at one session (trainings/attendance.ts). */
export interface TrainingAttendanceTable {
	session_id: string;
	user_id: string;
	mark: AttendanceMark;
	marked_by: string | null;
	marked_at: number;
}

/** A certificate for a completed training, verifiable at /verify/CODE like a course's. */
export interface TrainingCertificateTable {
	code: string;
	user_id: string;
	training_id: string;
	issued_at: number;
	display_name: string | null;
	hidden: Generated<number>;
	revoked_at: number | null;
}

/** A message in a participant's thread, or (user_id null) a notice to every participant. */
export interface TrainingMessageTable {
	id: string;
	training_id: string;
	user_id: string | null;
	by: Side;
	body: string;
	at: number;
}

/**
 * A support service an organization lists (counselling, legal help...), shown in the directory
 * once an administrator approves it (src/lib/server/services/).
 */
export interface ServiceTable {
	id: string;
	org_id: string;
	kind: ServiceKind;
	audience: ServiceAudience;
	/** An organization area, or 'remote'. */
	area: OrgArea | 'remote';
	name_my: string;
	name_en: string;
	description_my: string;
	description_en: string;
	/** Languages spoken, comma-separated codes (vocab/services.ts). */
	languages: string;
	/** 1: free of charge. */
	free: number;
	hours: Generated<string>;
	/** A walk-in place and a public contact, published only if the organization writes them. */
	walk_in: Generated<string>;
	contact: Generated<string>;
	/** 1: an example from the starter data. */
	example: Generated<number>;
	status: RoleStatus;
	review_note: Generated<string>;
	reviewed_by: string | null;
	reviewed_at: number | null;
	created_at: number;
	updated_at: number;
}

/** A learner's private request to a service (services/requests.ts); only its organization sees it. */
export interface HelpRequestTable {
	id: string;
	service_id: string;
	org_id: string;
	user_id: string;
	kind: ServiceKind;
	urgency: RequestUrgency;
	status: RequestStatus;
	closed_by: Side | null;
	closed_at: number | null;
	/** 1: made by a referral the learner agreed to. */
	referred: Generated<number>;
	created_at: number;
	updated_at: number;
	learner_seen_at: Generated<number>;
	org_seen_at: Generated<number>;
	/** When the learner chose to show this organization their profile; null: not shown. */
	profile_shared_at: number | null;
}

/** A message in a request's thread, text only. */
export interface HelpMessageTable {
	id: string;
	request_id: string;
	by: Side;
	body: string;
	at: number;
}

/** An organization's proposal to pass a request on to another service, which the learner decides. */
export interface HelpReferralTable {
	id: string;
	request_id: string;
	to_service_id: string;
	state: ReferralState;
	proposed_at: number;
	decided_at: number | null;
}

/** The learner's messages a referral would pass on. */
export interface HelpReferralMessageTable {
	referral_id: string;
	message_id: string;
}

export interface RoleSkillTable {
	role_id: string;
	skill_id: string;
	level: number;
	/** 1: required (missing it makes a learner "not yet eligible"); 0: preferred. */
	required: number;
}

export interface ApplicationTable {
	id: string;
	role_id: string;
	/** The learner; null once they deleted their account (the organization keeps it, withdrawn). */
	user_id: string | null;
	message: string;
	status: ApplicationStatus;
	created_at: number;
	updated_at: number;
	/** When the learner, and anyone of the organization, last opened it (0: never). */
	learner_seen_at: Generated<number>;
	org_seen_at: Generated<number>;
	/** When the message thread was closed (null while open): by the learner, or by a decline. */
	thread_closed_at: number | null;
	thread_closed_by: Side | null;
	/** 1: the learner muted the thread, so the organization's messages make no badge. */
	learner_muted: Generated<number>;
	/** When the learner shared their profile with the organization for this application; null: not shared. */
	profile_shared_at: number | null;
}

export interface ApplicationEventTable {
	id: string;
	application_id: string;
	status: ApplicationStatus;
	by: Side;
	note: string;
	at: number;
}

export interface ApplicationMessageTable {
	id: string;
	application_id: string;
	by: Side;
	body: string;
	at: number;
}

export interface OrgMemberTable {
	org_id: string;
	user_id: string;
	role: OrgRole;
	joined_at: number;
}

export interface OrgInvitationTable {
	id: string;
	org_id: string;
	code_hash: string;
	created_by: string;
	created_at: number;
	expires_at: number;
	used_by: string | null;
	used_at: number | null;
}

export interface SkillTable {
	id: string;
	name_my: string;
	name_en: string;
	/** A skill_group id; null for a skill a course named that no one has placed yet. */
	group_id: string | null;
	position: Generated<number>;
	/** JSON: { basic, working, teach }, each { my, en }. */
	levels: Generated<string>;
	updated_at: number | null;
	/** The organization that named it for a course; until an administrator places it (null), nobody else sees it. */
	proposed_by_org: string | null;
}

export interface SkillGroupTable {
	id: string;
	position: number;
	name_my: string;
	name_en: string;
}

/** Something a person did before (a military trade, household work), for suggesting skills. */
export interface BackgroundTable {
	id: string;
	kind: BackgroundKind;
	position: number;
	name_my: string;
	name_en: string;
}

export interface BackgroundSkillTable {
	background_id: string;
	skill_id: string;
	level: number;
}

export interface LearnerProfileTable {
	user_id: string;
	area: Generated<Area>;
	/** JSON array of Availability values. */
	availability: Generated<string>;
	remote_ok: Generated<number>;
	/** JSON array of skill group ids. */
	interests: Generated<string>;
	visibility: Generated<Visibility>;
	updated_at: number;
}

export interface CourseTable {
	id: string;
	version: number;
	category: CourseCategory;
	audience: CourseAudience;
	title_my: string;
	title_en: string;
	summary_my: string;
	summary_en: string;
	status: CourseStatus;
	owner_org_id: string | null;
	/** 'starter' for the catalogue shipped in content/courses, 'authored' for courses made in the app. */
	origin: 'starter' | 'authored';
	/** JSON: [{ title, url }] */
	sources: string;
	size_bytes: number;
	created_at: number;
	updated_at: number;
	published_at: number | null;
	/** 1: a practical skill that a quiz on a phone cannot show (needs in-person practice). */
	practical: Generated<number>;
	/** The subject expert who must review it; null when the author has not said. */
	expert: CourseExpert | null;
	/** Why an administrator sent the course back to its organization. */
	review_note: Generated<string>;
}

/** An administrator's mark on one version of a course: its first publication approved, or its text reviewed. */
export interface CourseReviewTable {
	course_id: string;
	course_version: number;
	kind: CourseReviewKind;
	marked_by: string | null;
	marked_at: number;
	/** Who reviewed it, in the administrator's words (a role, e.g. "a nurse at a partner clinic"). */
	note: Generated<string>;
}

export interface CourseSkillTable {
	course_id: string;
	skill_id: string;
	level: number;
}

export interface CourseModuleTable {
	course_id: string;
	id: string;
	position: number;
	title_my: string;
	title_en: string;
}

export interface LessonTable {
	course_id: string;
	id: string;
	module_id: string;
	position: number;
	minutes: number;
	title_my: string;
	title_en: string;
	body_my: string;
	body_en: string;
	retired: number;
}

export interface QuizTable {
	course_id: string;
	id: string;
	module_id: string;
	position: number;
	title_my: string;
	title_en: string;
	pass_mark: number;
	/** JSON: the questions, in the format of content/courses/FORMAT.md */
	questions: string;
	retired: number;
}

export interface CourseImageTable {
	name: string;
	course_id: string;
	bytes: number;
	created_at: number;
}

export interface CourseClipTable {
	name: string;
	course_id: string;
	bytes: number;
	duration_ms: number;
	created_at: number;
}

export interface SigningKeyTable {
	id: string;
	public_key: string;
	private_key: string | null;
	created_at: number;
	retired_at: number | null;
}

export interface EnrolmentTable {
	user_id: string;
	course_id: string;
	enrolled_at: number;
	completed_at: number | null;
}

export interface LessonProgressTable {
	user_id: string;
	course_id: string;
	lesson_id: string;
	done_at: number;
}

export interface QuizAttemptTable {
	id: string;
	user_id: string;
	course_id: string;
	quiz_id: string;
	score: number;
	passed: number;
	answers: string;
	created_at: number;
}

export interface UserSkillTable {
	user_id: string;
	skill_id: string;
	level: number;
	/** self: declared by the learner; course: a completed course (ref: course id); endorsement: a vetted organization (ref: its id). */
	source: SkillSource;
	source_ref: string;
	granted_at: number;
}

export interface CertificateTable {
	code: string;
	user_id: string;
	course_id: string;
	course_version: number;
	issued_at: number;
	display_name: string | null;
	hidden: number;
	revoked_at: number | null;
}

export interface SyncEventTable {
	user_id: string;
	event_id: string;
	status: 'applied' | 'rejected';
	error: string | null;
	received_at: number;
}

export interface KyselyMigrationTable {
	name: string;
	timestamp: string;
}

/** What matching keeps in memory that changed (written by triggers, read and cleared by matching). */
export interface MatchChangeTable {
	seq: Generated<number>;
	kind: 'learner' | 'roles';
	ref: string;
}

/** A process's place in the change notes (matching/changes.ts), with its last sign of life. */
export interface MatchReaderTable {
	id: string;
	seq: number;
	beat_at: number;
}

/** One attempt counted against a per-address limit (auth/throttle.ts): a salted hash, a time. */
export interface AttemptTable {
	bucket: string;
	key: string;
	at: number;
}

/** The random salt of one window of the attempt limits. */
export interface AttemptSaltTable {
	epoch: number;
	salt: string;
}

/** Work one process of all does at a time (housekeeping.ts): who holds it, until when. */
export interface LeaseTable {
	name: string;
	holder: string;
	until: number;
}

/**
 * What was done and seen: who (an account, its organization if any), which action, on which
 * object (a learner, an application, an organization or a role), when. Nothing else, by design.
 */
export interface AuditEventTable {
	actor_id: string | null;
	actor_org_id: string | null;
	action: AuditAction;
	object_id: string | null;
	at: number;
}

export type AuditAction =
	| 'profile_view'
	| 'application_view'
	| 'messages_view'
	| 'sign_in'
	| 'sign_in_failed'
	| 'sign_up'
	| 'password_change'
	| 'password_reset'
	| 'password_reset_failed'
	| 'recovery_codes_replaced'
	| 'sign_up_burst'
	| 'org_application_burst'
	| 'org_member_remove'
	| 'org_invitation_revoke'
	| 'org_vet'
	| 'org_reject'
	| 'org_suspend'
	| 'org_reinstate'
	| 'role_approve'
	| 'role_return'
	| 'training_approve'
	| 'training_return'
	| 'training_complete'
	| 'service_approve'
	| 'service_return'
	| 'help_request_view'
	| 'roster_view'
	| 'application_shortlist'
	| 'application_accept'
	| 'application_decline'
	| 'application_withdraw'
	| 'profile_share'
	| 'profile_unshare'
	| 'skill_endorse';

export interface Database {
	user: UserTable;
	session: SessionTable;
	recovery_code: RecoveryCodeTable;
	sign_in_throttle: SignInThrottleTable;
	trusted_device: TrustedDeviceTable;
	organization: OrganizationTable;
	org_decision: OrgDecisionTable;
	role: RoleTable;
	role_skill: RoleSkillTable;
	training: TrainingTable;
	training_session: TrainingSessionTable;
	training_provision: TrainingProvisionTable;
	training_skill: TrainingSkillTable;
	training_place: TrainingPlaceTable;
	training_attendance: TrainingAttendanceTable;
	training_certificate: TrainingCertificateTable;
	training_message: TrainingMessageTable;
	service: ServiceTable;
	help_request: HelpRequestTable;
	help_message: HelpMessageTable;
	help_referral: HelpReferralTable;
	help_referral_message: HelpReferralMessageTable;
	application: ApplicationTable;
	application_event: ApplicationEventTable;
	application_message: ApplicationMessageTable;
	org_member: OrgMemberTable;
	org_invitation: OrgInvitationTable;
	skill: SkillTable;
	course: CourseTable;
	course_skill: CourseSkillTable;
	course_review: CourseReviewTable;
	course_module: CourseModuleTable;
	lesson: LessonTable;
	quiz: QuizTable;
	course_image: CourseImageTable;
	course_clip: CourseClipTable;
	signing_key: SigningKeyTable;
	enrolment: EnrolmentTable;
	lesson_progress: LessonProgressTable;
	quiz_attempt: QuizAttemptTable;
	user_skill: UserSkillTable;
	skill_group: SkillGroupTable;
	background: BackgroundTable;
	background_skill: BackgroundSkillTable;
	learner_profile: LearnerProfileTable;
	match_change: MatchChangeTable;
	match_reader: MatchReaderTable;
	attempt: AttemptTable;
	attempt_salt: AttemptSaltTable;
	lease: LeaseTable;
	audit_event: AuditEventTable;
	certificate: CertificateTable;
	sync_event: SyncEventTable;
	kysely_migration: KyselyMigrationTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type Session = Selectable<SessionTable>;
export type Organization = Selectable<OrganizationTable>;
