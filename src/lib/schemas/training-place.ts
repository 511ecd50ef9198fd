import { z } from 'zod';

/** Asking for a place, or accepting one offered: the form carries nothing but the act. */
export const placeActSchema = z.object({});
/**
 * Withdrawing from a training, or declining a place offered, is final (the place goes to the
 * next in line): only from the confirmation's own form (ConfirmAction), which sends confirm=yes.
 */
export const placeLeaveSchema = z.object({ confirm: z.literal('yes', { error: 'error_choice' }) });
