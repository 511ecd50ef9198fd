import { describe, expect, it } from 'vitest';
import { match as certificate } from '../../src/params/certificate';
import { match as id } from '../../src/params/id';
import { match as skill } from '../../src/params/skill';
import { match as slug } from '../../src/params/slug';

// A malformed id never reaches a route: these decide which addresses are a 404 at once.
describe('route parameter matchers', () => {
	it('take course, module, lesson and quiz ids up to 80 characters', () => {
		for (const ok of ['first-aid-basics', 'a', 'lesson-2', 'x'.repeat(80)])
			expect(slug(ok)).toBe(true);
		for (const bad of [
			'',
			'First-Aid',
			'a--b',
			'-a',
			'a-',
			'a_b',
			'x'.repeat(81),
			'..',
			'a/b',
			'ကက'
		])
			expect(slug(bad), bad).toBe(false);
	});

	it('take the random ids of rows', () => {
		for (const ok of ['nosuchroleatall', 'abcdefgh', 'a'.repeat(40)]) expect(id(ok)).toBe(true);
		for (const bad of ['short', 'a'.repeat(41), 'ABCDEFGHIJ', 'abcdefgh-1', 'abcd efgh'])
			expect(id(bad), bad).toBe(false);
	});

	it('take skill ids', () => {
		for (const ok of ['first_aid', 'a1', 'thai']) expect(skill(ok)).toBe(true);
		// The taxonomy's form (content/skills): a letter first, 2 to 40 characters.
		for (const bad of ['', 'a', '3d_printing', '_a', 'First_aid', 'first-aid', 'a'.repeat(41)])
			expect(skill(bad), bad).toBe(false);
	});

	it('take certificate codes in any case, as the page reads them', () => {
		for (const ok of ['AAAA-BBBB-CCCC-DDDD', 'abcd-efgh-2345-7777', ' AAAA-BBBB-CCCC-DDDD '])
			expect(certificate(ok), ok).toBe(true);
		for (const bad of ['AAAA-BBBB-CCCC', 'AAAA-BBBB-CCCC-DDD1', 'AAAABBBBCCCCDDDD', ''])
			expect(certificate(bad), bad).toBe(false);
	});
});
