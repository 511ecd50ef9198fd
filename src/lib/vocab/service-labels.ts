/** The words for a service's values (./services.ts), for the directory, learners and organizations alike. */
import * as m from '$lib/paraglide/messages';
import type { OrgArea } from './areas';
import type {
	ReferralState,
	RequestStatus,
	RequestUrgency,
	ServiceAudience,
	ServiceKind,
	ServiceLanguage
} from './services';

export const serviceKindNames = {
	counselling: m.service_kind_counselling,
	legal: m.service_kind_legal,
	health: m.service_kind_health,
	housing: m.service_kind_housing,
	cash_food: m.service_kind_cash_food,
	family: m.service_kind_family,
	education: m.service_kind_education
} satisfies Record<ServiceKind, () => string>;

export const serviceAudienceNames = {
	everyone: m.service_audience_everyone,
	former_soldiers: m.service_audience_former_soldiers,
	families: m.service_audience_families,
	women: m.service_audience_women
} satisfies Record<ServiceAudience, () => string>;

/** Where a service is: an organization area, or reached from anywhere. */
export const serviceAreaNames = {
	liberated_myanmar: m.area_liberated_myanmar,
	mae_sot: m.area_mae_sot,
	thai_border: m.area_thai_border,
	india_border: m.area_india_border,
	elsewhere: m.area_elsewhere,
	remote: m.service_area_remote
} satisfies Record<OrgArea | 'remote', () => string>;

export const serviceLanguageNames = {
	my: m.service_language_my,
	en: m.service_language_en,
	th: m.service_language_th,
	karen: m.service_language_karen,
	chin: m.service_language_chin,
	rakhine: m.service_language_rakhine,
	shan: m.service_language_shan,
	kachin: m.service_language_kachin,
	mon: m.service_language_mon
} satisfies Record<ServiceLanguage, () => string>;

export const urgencyNames = {
	today: m.help_urgency_today,
	this_week: m.help_urgency_this_week,
	when_possible: m.help_urgency_when_possible
} satisfies Record<RequestUrgency, () => string>;

export const requestStatusNames = {
	open: m.help_status_open,
	in_progress: m.help_status_in_progress,
	closed: m.help_status_closed
} satisfies Record<RequestStatus, () => string>;

export const referralStateNames = {
	proposed: m.help_referral_proposed,
	agreed: m.help_referral_agreed,
	declined: m.help_referral_declined
} satisfies Record<ReferralState, () => string>;
