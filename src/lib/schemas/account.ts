import { z } from 'zod';
import {
	anyPassword,
	anyUsername,
	background,
	checkbox,
	code,
	newPassword,
	username
} from './fields';
import { ACCOUNT_KINDS } from '../vocab/accounts';

export const signUpSchema = z.object({
	username,
	password: newPassword,
	// Administrators are made by an administrator (npm run admin:create), never by signing up.
	kind: z.enum(ACCOUNT_KINDS).exclude(['admin'], { error: 'error_kind_required' }),
	background,
	shared: checkbox,
	/** The "Suggest a name" button: the form comes back with a name nobody could guess, nothing else happens. */
	suggest: z.literal('1', { error: 'error_choice' }).optional()
});

export const signInSchema = z.object({
	username: anyUsername,
	password: anyPassword,
	/** "This is a shared phone". */
	shared: checkbox
});

export const recoverSchema = z.object({
	username: anyUsername,
	code,
	password: newPassword,
	shared: checkbox
});

/** The lock page of a shared phone's idle session asks for the password only. */
export const unlockSchema = z.object({
	password: anyPassword
});

export const changePasswordSchema = z.object({
	current: anyPassword,
	next: newPassword
});

export const backgroundSchema = z.object({ background });

export const endSessionSchema = z.object({
	id: z.string({ error: 'error_required' }).regex(/^[0-9a-f]{64}$/, 'error_choice')
});

export const dataSaverSchema = z.object({
	saver: z.enum(['on', 'off'], { error: 'error_choice' })
});

/**
 * The password asked again before a change that someone holding an open session must not make
 * alone: new recovery codes, signing out everywhere, deleting the account, a more visible profile.
 */
export const confirmPasswordSchema = z.object({ password: anyPassword });

/** Deleting one's account is confirmed once, with the password. */
export const deleteAccountSchema = confirmPasswordSchema;

/**
 * New recovery codes, checked: one code typed back from the paper, the codes the page showed (to
 * show them again when the typed one does not match; each must look like a code) and where to go next.
 */
export const codesCheckSchema = z.object({
	code,
	shown: z
		.string()
		.max(200)
		.transform((text) => text.split(' ').filter(Boolean))
		.pipe(z.array(z.string().regex(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/)).max(10))
		.catch([]),
	next: z.string().max(500).optional().catch(undefined)
});
