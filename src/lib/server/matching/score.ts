/**
 * How well a learner fits a role: deterministic, explained, the same on every page. Out of 100:
 *
 * - required skills: 50 × the share of them the learner has at the role's minimum level or
 *   above (all 50 when the role requires none). Any missing makes the learner "not yet
 *   eligible": still listed, with what is missing.
 * - preferred skills: 20 × the share the learner has at the level (20 when there are none).
 * - place: 15 when the learner is in the role's area, or the role can be done remotely and the
 *   learner can work remotely.
 * - time: 15 when the learner is available for the role's time. Times have an order
 *   (`fitsTime`): full time also fits part-time and volunteer roles, part time fits volunteer
 *   roles.
 *
 * Ranking: eligible first, then the higher score, then the role that closes sooner, then id.
 * Languages are skills, so "Thai, basic" is a skill like any other.
 */

import { AVAILABILITY, type Availability } from '../../vocab/profile';

export type RoleTime = Availability;

/**
 * The role times each time a learner gives fits: someone free full time can also take a
 * part-time or volunteer role, someone free part time a volunteer one. The one place this order
 * is written: scoring, the explanations and matching's memory (learners.ts) all
 * ask `fitsTime` or `timesFitted`.
 */
const FITS: Record<RoleTime, readonly RoleTime[]> = {
	full_time: ['full_time', 'part_time', 'volunteer'],
	part_time: ['part_time', 'volunteer'],
	volunteer: ['volunteer']
};

/** Every role time that one of the learner's times fits (unknown words fit nothing). */
export function timesFitted(availability: readonly string[]): RoleTime[] {
	return AVAILABILITY.filter((time) => fitsTime(availability, time));
}

/** Whether a learner who gave `availability` is available for a role of `roleTime`. */
export function fitsTime(availability: readonly string[], roleTime: string): boolean {
	for (const given of availability)
		if (
			Object.prototype.hasOwnProperty.call(FITS, given) &&
			FITS[given as RoleTime].includes(roleTime as RoleTime)
		)
			return true;
	return false;
}

export interface LearnerFacts {
	/** Skill id → the level it counts at: the highest any source gives (skills/levels.ts). */
	skills: Record<string, number>;
	area: string;
	availability: string[];
	remote: boolean;
}

export interface RoleFacts {
	required: { id: string; level: number }[];
	preferred: { id: string; level: number }[];
	area: string | null;
	remote: boolean;
	availability: string;
}

export interface Missing {
	id: string;
	/** The level the role asks for. */
	level: number;
	/** The learner's level, 0 when they do not have the skill. */
	has: number;
}

/** What ranking compares. */
export interface Rank {
	eligible: boolean;
	score: number;
}

export interface Match extends Rank {
	required: { have: number; of: number; missing: Missing[] };
	preferred: { have: number; of: number };
	place: boolean;
	time: boolean;
}

export const WEIGHTS = { required: 50, preferred: 20, place: 15, time: 15 } as const;

/** Whether the learner is in the role's area, or the role can be done remotely and the learner can work remotely. */
export function fitsPlace(
	role: Pick<RoleFacts, 'area' | 'remote'>,
	learner: Pick<LearnerFacts, 'area' | 'remote'>
): boolean {
	return (role.area !== null && role.area === learner.area) || (role.remote && learner.remote);
}

/** The counts behind a match, in plain loops. */
function tally(learner: LearnerFacts, role: RoleFacts) {
	let required = 0;
	for (const s of role.required) if ((learner.skills[s.id] ?? 0) >= s.level) required++;
	let preferred = 0;
	for (const s of role.preferred) if ((learner.skills[s.id] ?? 0) >= s.level) preferred++;
	const place = fitsPlace(role, learner);
	const time = fitsTime(learner.availability, role.availability);
	return {
		eligible: required === role.required.length,
		score: scoreOf(role, required, preferred, place, time),
		required,
		preferred,
		place,
		time
	};
}

const share = (have: number, of: number) => (of === 0 ? 1 : have / of);

/** The score from the counts: for code that counts skills its own way (learners.ts). */
export function scoreOf(
	role: RoleFacts,
	required: number,
	preferred: number,
	place: boolean,
	time: boolean
): number {
	return Math.round(
		WEIGHTS.required * share(required, role.required.length) +
			WEIGHTS.preferred * share(preferred, role.preferred.length) +
			(place ? WEIGHTS.place : 0) +
			(time ? WEIGHTS.time : 0)
	);
}

export function scoreMatch(learner: LearnerFacts, role: RoleFacts): Match {
	const counted = tally(learner, role);
	const level = (id: string) => learner.skills[id] ?? 0;
	return {
		eligible: counted.eligible,
		score: counted.score,
		required: {
			have: counted.required,
			of: role.required.length,
			missing: role.required
				.filter((s) => level(s.id) < s.level)
				.map((s) => ({ id: s.id, level: s.level, has: level(s.id) }))
		},
		preferred: { have: counted.preferred, of: role.preferred.length },
		place: counted.place,
		time: counted.time
	};
}

/** Plain code-unit order, the order SQLite sorts text in. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order among roles that match equally well: the one that closes sooner, then id. */
export function byClosing(
	a: { id: string; closesOn: string | null },
	b: { id: string; closesOn: string | null }
): number {
	const closes = compare(a.closesOn ?? '9999-12-31', b.closesOn ?? '9999-12-31');
	return closes !== 0 ? closes : compare(a.id, b.id);
}

/**
 * A match as one number that sorts like the ranking rule's first two steps: eligible matches
 * (1000 + score) above every other (score), the higher first. Between 0 and `RANK_KEYS - 1`,
 * so code ranking many at once can count them (matching/learners.ts, matching/roles.ts).
 */
export const rankKey = (eligible: boolean, score: number) => (eligible ? 1000 + score : score);
export const RANK_KEYS = 1101;

/** Sorts matches best first (see the ranking rule above). */
export function byMatch<T extends { id: string; closesOn: string | null; match: Rank }>(
	a: T,
	b: T
): number {
	return (
		rankKey(b.match.eligible, b.match.score) - rankKey(a.match.eligible, a.match.score) ||
		byClosing(a, b)
	);
}

/**
 * Which learners a role's candidate list shows, so that an organization sees (and the audit
 * trail records as seen) only learners the role is about:
 * - a role that requires skills lists learners who hold at least one of them, at any level
 *   (basic first aid makes a candidate for a role asking it at working level, "not yet eligible");
 * - a role that requires none lists learners whose match reaches `floor`: what a learner in its
 *   area (or remote) and free for its time scores without any preferred skill. That is 100 when
 *   the role names no skill at all (place and time must both fit) and 80 when it only prefers
 *   some (place and time, or most preferred skills and one of the two).
 * The candidates page states the rule that applies.
 */
export type CandidateRule = { kind: 'required' } | { kind: 'score'; floor: number };

export function candidateRule(role: RoleFacts): CandidateRule {
	return role.required.length > 0
		? { kind: 'required' }
		: { kind: 'score', floor: scoreOf(role, 0, 0, true, true) };
}

/** Whether a learner is listed: `holdsRequired` when they hold one of the role's required skills at any level. */
export function listedAsCandidate(
	rule: CandidateRule,
	holdsRequired: boolean,
	score: number
): boolean {
	return rule.kind === 'required' ? holdsRequired : score >= rule.floor;
}

/** `listedAsCandidate` from a learner's facts and their match (for code that has them both). */
export function isCandidate(learner: LearnerFacts, role: RoleFacts, match: Rank): boolean {
	return listedAsCandidate(
		candidateRule(role),
		role.required.some((s) => (learner.skills[s.id] ?? 0) > 0),
		match.score
	);
}

/** "Almost there": not yet eligible, but one required skill (or one level) short (`short`: how many are). */
export const almostThereBy = (short: number) => short === 1;
export const almostThere = (match: Match) => almostThereBy(match.required.missing.length);
