import { z } from 'zod';
import { code, plainText } from './fields';

import { orgKinds } from '$lib/org-kinds';

export const orgApplicationSchema = z.object({
	name: plainText(2, 120, 'error_name_short'),
	kind: z.enum(orgKinds, { error: 'error_choice' }),
	description: plainText(0, 2000)
});

export const joinOrgSchema = z.object({
	code
});
