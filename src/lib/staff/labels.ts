/**
 * Labels for the pages of organizations and administrators.
 *
 * Where label maps live, for the browser's scripts (scripts/vite-chunks.ts): a message goes into
 * the script of the pages whose source files name it (`m.key`), whoever imports the file.
 * - Words only organization and administration pages show live here, under src/lib/staff/ (or in
 *   `org_*` and `admin_*` messages), which go into the "partners" script: learners never
 *   download them, and the service worker never keeps them.
 * - Learners' and visitors' words live in src/lib/vocab/*-labels.ts, one file per set of pages
 *   that shows them: a page that imports one label file does not carry another's words.
 * Each map `satisfies Record<Value, …>` of its vocabulary (src/lib/vocab/), so a value without
 * its label fails `npm run check`.
 */
import * as m from '$lib/paraglide/messages';
import type { Burst, BurstScope } from '$lib/server/auth/floods';
import type { ApplicationDecision, ApplicationStatus } from '$lib/vocab/applications';
import { AREAS, type Area } from '$lib/vocab/areas';
import { isOneOf } from '$lib/vocab/one-of';
import type { OrgDecision, OrgKind, OrgStatus } from '$lib/vocab/orgs';
import { AVAILABILITY, type Availability } from '$lib/vocab/profile';
import type { RoleKind, RoleMove, RoleStatus } from '$lib/vocab/roles';
import type { ServiceMove } from '$lib/vocab/services';
import type { SkillLevel, SkillSource } from '$lib/vocab/skills';

export const orgKindLabels = {
	defection_support: m.org_kind_defection_support,
	ero: m.org_kind_ero,
	clinic: m.org_kind_clinic,
	ngo: m.org_kind_ngo,
	government: m.org_kind_government,
	other: m.org_kind_other
} satisfies Record<OrgKind, () => string>;

export const orgStatusLabels = {
	pending: m.org_status_pending,
	vetted: m.org_status_vetted,
	rejected: m.org_status_rejected,
	suspended: m.org_status_suspended
} satisfies Record<OrgStatus, () => string>;

export const orgDecisionLabels = {
	vet: m.admin_decision_vet,
	reject: m.admin_decision_reject,
	suspend: m.admin_decision_suspend,
	reinstate: m.admin_decision_reinstate
} satisfies Record<OrgDecision, () => string>;

/** Where an organization or a role works, or a learner is ("prefer not to say" only for a learner). */
export const areaLabels = {
	liberated_myanmar: m.org_area_liberated_myanmar,
	mae_sot: m.org_area_mae_sot,
	thai_border: m.org_area_thai_border,
	india_border: m.org_area_india_border,
	elsewhere: m.org_area_elsewhere,
	unsaid: m.org_area_unsaid
} satisfies Record<Area, () => string>;

/** An area read from stored words (a profile's, an organization's); an unknown word shows as it is. */
export const areaName = (value: string) => (isOneOf(AREAS, value) ? areaLabels[value]() : value);

export const roleKindLabels = {
	medical_volunteer: m.org_role_kind_medical_volunteer,
	trainer: m.org_role_kind_trainer,
	trainee: m.org_role_kind_trainee,
	livelihood_training: m.org_role_kind_livelihood_training,
	paid_job: m.org_role_kind_paid_job,
	apprenticeship: m.org_role_kind_apprenticeship,
	remote_work: m.org_role_kind_remote_work
} satisfies Record<RoleKind, () => string>;

export const roleAvailabilityLabels = {
	full_time: m.org_role_availability_full_time,
	part_time: m.org_role_availability_part_time,
	volunteer: m.org_role_availability_volunteer
} satisfies Record<Availability, () => string>;

/** A time read from a learner's stored profile; an unknown word shows as it is. */
export const availabilityName = (value: string) =>
	isOneOf(AVAILABILITY, value) ? roleAvailabilityLabels[value]() : value;

export const roleStatusLabels = {
	draft: m.org_role_status_draft,
	submitted: m.org_role_status_submitted,
	approved: m.org_role_status_approved,
	open: m.org_role_status_open,
	closed: m.org_role_status_closed
} satisfies Record<RoleStatus, () => string>;

export const roleMoveLabels = {
	submit: m.org_role_move_submit,
	withdraw: m.org_role_move_withdraw,
	open: m.org_role_move_open,
	close: m.org_role_move_close
} satisfies Record<RoleMove, () => string>;

export const serviceMoveLabels = {
	submit: m.org_service_submit,
	withdraw: m.org_service_withdraw,
	close: m.org_service_close
} satisfies Record<ServiceMove, () => string>;

/** Looked up by the levels stored as numbers; every level has its name (`satisfies`). */
export const skillLevelLabels: Readonly<Record<number, () => string>> = {
	1: m.org_level_1,
	2: m.org_level_2,
	3: m.org_level_3
} satisfies Record<SkillLevel, () => string>;

/** Where a learner's skill comes from, as organizations read it. */
export const skillSourceLabels = {
	self: m.org_source_self,
	course: m.org_source_course,
	endorsement: m.org_source_endorsed,
	training: m.org_source_training
} satisfies Record<SkillSource, () => string>;

export const orgApplicationStatusLabels = {
	applied: m.org_application_status_applied,
	shortlisted: m.org_application_status_shortlisted,
	accepted: m.org_application_status_accepted,
	declined: m.org_application_status_declined,
	withdrawn: m.org_application_status_withdrawn
} satisfies Record<ApplicationStatus, () => string>;

export const orgApplicationDecisionLabels = {
	shortlist: m.org_application_shortlist,
	accept: m.org_application_accept,
	decline: m.org_application_decline
} satisfies Record<ApplicationDecision, () => string>;

/** Which limit a burst of sign-ups or organization applications reached. */
export const burstLabels = {
	sign_up: { per_address: m.admin_burst_sign_up_address, overall: m.admin_burst_sign_up_overall },
	org_application: { per_address: m.admin_burst_org_address, overall: m.admin_burst_org_overall }
} satisfies Record<Burst['what'], Record<BurstScope, () => string>>;
