/**
 * Support services beyond work (counselling, legal help, health care...): listed by a vetted
 * organization, reviewed by an administrator before the directory shows them, and asked for
 * privately by learners (src/lib/server/services/).
 */

/** What help a service gives. */
export const SERVICE_KINDS = [
	'counselling',
	'legal',
	'health',
	'housing',
	'cash_food',
	'family',
	'education'
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Who a service is for. */
export const SERVICE_AUDIENCES = ['everyone', 'former_soldiers', 'families', 'women'] as const;
export type ServiceAudience = (typeof SERVICE_AUDIENCES)[number];

/** Where a service is: an organization area (coarse, as a role's), or reached from anywhere. */
export const SERVICE_REMOTE = 'remote';

/** The languages a service's people speak. */
export const SERVICE_LANGUAGES = [
	'my',
	'en',
	'th',
	'karen',
	'chin',
	'rakhine',
	'shan',
	'kachin',
	'mon'
] as const;
export type ServiceLanguage = (typeof SERVICE_LANGUAGES)[number];

/**
 * What an organization does with a service it lists: send a draft for review, take it back,
 * take an approved one out of the directory. A service is listed once approved (it has no
 * separate "open" step, as a role has).
 */
export const SERVICE_MOVES = ['submit', 'withdraw', 'close'] as const;
export type ServiceMove = (typeof SERVICE_MOVES)[number];

/** How soon a learner needs the help they ask for. */
export const REQUEST_URGENCIES = ['today', 'this_week', 'when_possible'] as const;
export type RequestUrgency = (typeof REQUEST_URGENCIES)[number];

/** Where a private request stands; the organization moves it, the learner may close it any time. */
export const REQUEST_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A referral to another service: proposed by the organization, then agreed or declined by the learner. */
export const REFERRAL_STATES = ['proposed', 'agreed', 'declined'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];
