import { describe, expect, it } from 'vitest';
import { formatDateTime } from '$lib/format';
import { valueText } from '../../src/routes/account/data/labels';

const stored = '2027-06-04T09:40:22.421Z';

describe('the data page writes stored times itself', () => {
	it.each(['created_at', 'expires_at', 'trusted_until', 'at'] as const)(
		"%s: in the reader's language, never as stored",
		(field) => {
			const burmese = valueText(field, stored, 'my', {});
			expect(burmese).not.toMatch(/[0-9]/);
			expect(burmese).toContain(formatDateTime(Date.parse(stored), 'my'));
			expect(valueText(field, stored, 'en', {})).toContain(
				formatDateTime(Date.parse(stored), 'en')
			);
		}
	);
});
