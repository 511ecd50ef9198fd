import { describe, expect, it } from 'vitest';
import { confusable, skeleton } from '$lib/server/text/confusables';

describe('look-alike names', () => {
	it("finds the review's copy of a vetted organization, and other disguises", () => {
		expect(confusable('Org X Relief', 'Org X R\u0435lief\u200b')).toBe(true);
		expect(confusable('Org X Relief', 'ORG X RELIEF')).toBe(true);
		expect(confusable('Org X Relief', 'Org  X-Relief.')).toBe(true);
		expect(confusable('Org X Relief', 'Ｏｒｇ Ｘ Ｒｅｌｉｅｆ')).toBe(true);
		expect(confusable('Org X Relief', 'Org X Re\u202elief')).toBe(true);
		expect(confusable('Mae Sot Clinic', 'Mae S0t C1inic')).toBe(true);
		expect(confusable('Modern Aid', 'Rnodern Aid')).toBe(true);
		expect(confusable('ownerX', '\u043ewnerX')).toBe(true);
		expect(confusable('ဝန်ထမ်း', '\u1040န်ထမ်း')).toBe(true);
		expect(confusable('ရေ', '\u1047ေ')).toBe(true);
	});

	it('keeps different names apart', () => {
		expect(confusable('Org X Relief', 'Org Y Relief')).toBe(false);
		expect(confusable('Mae Sot Clinic', 'Mae Sot School')).toBe(false);
		expect(confusable('မြစ်', 'မြက်')).toBe(false);
		expect(skeleton('Relief')).not.toBe(skeleton('Belief'));
	});
});
