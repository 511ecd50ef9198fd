import { z } from 'zod';
import { locale } from './fields';

export const languageSchema = z.object({
	locale,
	// Only a path on this site: never another origin ("//host" or "/\host").
	next: z
		.string()
		.max(2000, 'error_too_long')
		.regex(/^\/(?![/\\])[^\s]*$/, 'error_choice')
		.optional()
});
