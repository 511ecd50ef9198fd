import * as m from '$lib/paraglide/messages';
import type { ApplicationStatus } from './applications';

/** Application states as learners read them. */
export const applicationStatusNames = {
	applied: m.application_status_applied,
	shortlisted: m.application_status_shortlisted,
	accepted: m.application_status_accepted,
	declined: m.application_status_declined,
	withdrawn: m.application_status_withdrawn
} satisfies Record<ApplicationStatus, () => string>;
