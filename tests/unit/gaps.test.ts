import { describe, expect, it } from 'vitest';
import { coursesForGap } from '$lib/server/matching/gaps';

const thaiBasic = { id: 'thai-for-mae-sot', level: 1 };
const thaiWork = { id: 'thai-for-work-mae-sot', level: 2 };

describe('the courses a gap points to', () => {
	it('are those that reach the level asked, when any does', () => {
		expect(coursesForGap([thaiBasic, thaiWork], { level: 2, has: 0 })).toEqual({
			reaches: true,
			courses: [thaiWork]
		});
		expect(coursesForGap([thaiBasic, thaiWork], { level: 1, has: 0 })).toEqual({
			reaches: true,
			courses: [thaiBasic, thaiWork]
		});
	});

	it('are a first step, said so, when none reaches it: the one starting lowest first', () => {
		expect(coursesForGap([thaiWork, thaiBasic], { level: 3, has: 0 })).toEqual({
			reaches: false,
			courses: [thaiBasic, thaiWork]
		});
		expect(coursesForGap([{ id: 'first-aid-basics', level: 1 }], { level: 2, has: 0 })).toEqual({
			reaches: false,
			courses: [{ id: 'first-aid-basics', level: 1 }]
		});
	});

	it('never offers a course that grants no more than the learner has', () => {
		expect(coursesForGap([thaiBasic, thaiWork], { level: 3, has: 1 })).toEqual({
			reaches: false,
			courses: [thaiWork]
		});
		expect(coursesForGap([thaiBasic, thaiWork], { level: 3, has: 2 })).toEqual({
			reaches: false,
			courses: []
		});
		expect(coursesForGap([], { level: 1, has: 0 })).toEqual({ reaches: false, courses: [] });
	});
});
