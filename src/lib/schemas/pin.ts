import { z } from 'zod';
import { isPin, normalizePin } from '$lib/pin';
import { anyPassword } from './fields';

/** A code as typed: digits of any of the phone's keypads, six of them. */
const pin = z
	.string({ error: 'error_required' })
	.max(64, 'error_too_long')
	.transform(normalizePin)
	.refine(isPin, 'error_pin_format');

export const pinSchema = z.object({ pin });

export const choosePinSchema = z
	.object({
		pin,
		again: z.string({ error: 'error_required' }).max(64, 'error_too_long').transform(normalizePin)
	})
	.refine((form) => form.pin === form.again, {
		path: ['again'],
		message: 'error_pin_mismatch'
	});

/** The password, to remove the code (forgotten, or no longer wanted). */
export const pinPasswordSchema = z.object({ password: anyPassword });
