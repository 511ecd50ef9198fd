import { z } from 'zod';
import { LOOKS } from '$lib/disguise';

export const lookSchema = z.object({
	look: z.enum(LOOKS, { error: 'error_choice' }),
	// Only a path on this site: never another origin ("//host" or "/\host").
	next: z
		.string()
		.max(2000, 'error_too_long')
		.regex(/^\/(?![/\\])[^\s]*$/, 'error_choice')
		.optional()
});
