import { error } from '@sveltejs/kit';
import { translate } from '$lib/server/i18n';
import type { FormValues } from '$lib/server/forms';
import { notFound, refuse } from './respond';
import type { Locale } from '$lib/server/schema';
import type { SkillEditResult } from '$lib/server/skills/editing';
import { pickText } from '$lib/format';

/**
 * A refused skill edit as the form's answer: a 400 with the message beside the field it is
 * about and what was typed echoed back; someone who is not an administrator gets 403.
 */
export function skillRefusal(
	locale: Locale,
	result: Extract<SkillEditResult, { ok: false }>,
	values: FormValues
) {
	if (result.error === 'duplicate')
		return refuse(
			locale,
			400,
			'error_skill_duplicate',
			{ values },
			{
				field: result.field,
				inputs: {
					name: pickText(locale, result.other.name.my, result.other.name.en)
				}
			}
		);
	if (result.error === 'not_admin') error(403, translate('error_forbidden', locale));
	if (result.error === 'no_skill') notFound(locale, 'error_skill_missing');
	if (result.error === 'no_group')
		return refuse(locale, 400, 'error_choice', { values }, { field: 'group' });
	return refuse(locale, 400, 'error_skill_name_latin', { values }, { field: 'name_en' });
}
