import { describe, expect, it } from 'vitest';
import {
	almostThere,
	byMatch,
	candidateRule,
	fitsTime,
	isCandidate,
	scoreMatch,
	timesFitted,
	type LearnerFacts,
	type RoleFacts
} from '$lib/server/matching/score';

const medic: RoleFacts = {
	required: [
		{ id: 'first_aid', level: 2 },
		{ id: 'wound_care', level: 1 },
		{ id: 'thai', level: 1 }
	],
	preferred: [{ id: 'english', level: 1 }],
	area: 'mae_sot',
	remote: false,
	availability: 'volunteer'
};
const learner = (
	skills: Record<string, number>,
	more: Partial<LearnerFacts> = {}
): LearnerFacts => ({
	skills,
	area: 'mae_sot',
	availability: ['volunteer'],
	remote: false,
	...more
});

describe('scoring a learner against a role', () => {
	it('gives every criterion its documented weight', () => {
		const full = scoreMatch(learner({ first_aid: 3, wound_care: 1, thai: 2, english: 1 }), medic);
		expect(full).toEqual({
			eligible: true,
			score: 100,
			required: { have: 3, of: 3, missing: [] },
			preferred: { have: 1, of: 1 },
			place: true,
			time: true
		});
		// Without the preferred skill: -20.
		expect(scoreMatch(learner({ first_aid: 2, wound_care: 1, thai: 1 }), medic).score).toBe(80);
		// Elsewhere: -15; no time given: another -15.
		expect(
			scoreMatch(learner({ first_aid: 2, wound_care: 1, thai: 1 }, { area: 'india_border' }), medic)
				.score
		).toBe(65);
		expect(
			scoreMatch(
				learner(
					{ first_aid: 2, wound_care: 1, thai: 1 },
					{ area: 'india_border', availability: [] }
				),
				medic
			).score
		).toBe(50);
	});

	it('keeps a learner missing a required skill, or a level, as "not yet eligible" and says what is missing', () => {
		const short = scoreMatch(learner({ first_aid: 1, wound_care: 1 }), medic);
		expect(short.eligible).toBe(false);
		expect(short.required).toEqual({
			have: 1,
			of: 3,
			missing: [
				{ id: 'first_aid', level: 2, has: 1 },
				{ id: 'thai', level: 1, has: 0 }
			]
		});
		expect(short.score).toBe(Math.round((50 * 1) / 3 + 0 + 15 + 15));
		expect(almostThere(short)).toBe(false);
		expect(almostThere(scoreMatch(learner({ first_aid: 2, wound_care: 1 }), medic))).toBe(true);
		expect(almostThere(scoreMatch(learner({ first_aid: 2, wound_care: 1, thai: 1 }), medic))).toBe(
			false
		);
	});

	it('counts a remote role for a learner who can work remotely, wherever they are, and a role with no skills as fully met', () => {
		const remote: RoleFacts = {
			required: [],
			preferred: [],
			area: null,
			remote: true,
			availability: 'part_time'
		};
		expect(
			scoreMatch(learner({}, { area: 'unsaid', remote: true, availability: ['part_time'] }), remote)
		).toMatchObject({ eligible: true, score: 100, place: true });
		expect(
			scoreMatch(
				learner({}, { area: 'unsaid', remote: false, availability: ['part_time'] }),
				remote
			)
		).toMatchObject({ score: 85, place: false });
	});

	it('orders times: full time fits part-time and volunteer roles, part time fits volunteer roles, never the other way', () => {
		const fits = (given: string[]) =>
			['full_time', 'part_time', 'volunteer'].filter((time) => fitsTime(given, time));
		expect(fits(['full_time'])).toEqual(['full_time', 'part_time', 'volunteer']);
		expect(fits(['part_time'])).toEqual(['part_time', 'volunteer']);
		expect(fits(['volunteer'])).toEqual(['volunteer']);
		expect(fits(['volunteer', 'part_time'])).toEqual(['part_time', 'volunteer']);
		expect(fits([])).toEqual([]);
		// Words that are no time fit nothing, inherited names included.
		expect(fits(['weekends', 'constructor', '__proto__'])).toEqual([]);
		// The index's mask is built from the same rule.
		expect(timesFitted(['part_time'])).toEqual(['part_time', 'volunteer']);

		// A full-time medic on a clinic's volunteer role: the time fits, and the score counts it.
		const fullTime = scoreMatch(
			learner(
				{ first_aid: 2, wound_care: 1, thai: 1, english: 1 },
				{ availability: ['full_time'] }
			),
			medic
		);
		expect(fullTime).toMatchObject({ time: true, score: 100 });
		// A volunteer is not available for a full-time job.
		expect(
			scoreMatch(learner({}, { availability: ['volunteer'] }), {
				...medic,
				availability: 'full_time'
			}).time
		).toBe(false);
		expect(
			scoreMatch(learner({}, { availability: ['part_time'] }), {
				...medic,
				availability: 'full_time'
			}).time
		).toBe(false);
	});

	it('ranks eligible roles first, then by score, then the one closing sooner, then by id', () => {
		const m = (eligible: boolean, score: number) => ({
			...scoreMatch(learner({}), medic),
			eligible,
			score
		});
		const roles = [
			{ id: 'd', closesOn: null, match: m(true, 80) },
			{ id: 'a', closesOn: '2027-03-01', match: m(false, 95) },
			{ id: 'c', closesOn: '2027-02-01', match: m(true, 80) },
			{ id: 'b', closesOn: '2027-02-01', match: m(true, 80) },
			{ id: 'e', closesOn: null, match: m(true, 90) }
		];
		expect(roles.sort(byMatch).map((r) => r.id)).toEqual(['e', 'b', 'c', 'd', 'a']);
	});
});

describe('who a role’s candidate list shows', () => {
	const listed = (facts: LearnerFacts, role: RoleFacts) =>
		isCandidate(facts, role, scoreMatch(facts, role));

	it('lists, for a role that requires skills, learners who hold one of them at any level, and nobody else', () => {
		expect(candidateRule(medic)).toEqual({ kind: 'required' });
		expect(listed(learner({ thai: 1 }), medic)).toBe(true);
		// Basic first aid for a role asking working level: a candidate, not yet eligible.
		expect(listed(learner({ first_aid: 1 }), medic)).toBe(true);
		// In the area, free for the time, with the preferred skill, but none required: not listed.
		const sewer = learner({ english: 3, sewing_machine_operation: 3 });
		expect(scoreMatch(sewer, medic).score).toBe(50);
		expect(listed(sewer, medic)).toBe(false);
		expect(listed(learner({}), medic)).toBe(false);
	});

	it('lists, for a role that requires no skill, learners whose match reaches what place and time give', () => {
		const anyone: RoleFacts = {
			required: [],
			preferred: [],
			area: 'mae_sot',
			remote: false,
			availability: 'part_time'
		};
		expect(candidateRule(anyone)).toEqual({ kind: 'score', floor: 100 });
		expect(listed(learner({}, { availability: ['full_time'] }), anyone)).toBe(true);
		expect(listed(learner({}, { availability: ['volunteer'] }), anyone)).toBe(false);
		expect(listed(learner({}, { area: 'india_border', availability: ['part_time'] }), anyone)).toBe(
			false
		);

		const prefersThai: RoleFacts = { ...anyone, preferred: [{ id: 'thai', level: 1 }] };
		expect(candidateRule(prefersThai)).toEqual({ kind: 'score', floor: 80 });
		// Place and time fit, no Thai: listed (80).
		expect(listed(learner({}, { availability: ['part_time'] }), prefersThai)).toBe(true);
		// Thai and the place, not the time: listed (85); Thai alone: not (70).
		expect(listed(learner({ thai: 1 }, { availability: ['volunteer'] }), prefersThai)).toBe(true);
		expect(
			listed(learner({ thai: 1 }, { area: 'india_border', availability: [] }), prefersThai)
		).toBe(false);
	});
});
