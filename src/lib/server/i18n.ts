import * as m from '$lib/paraglide/messages';
import type { Locale } from './schema';

type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: Locale }) => string;

/** Looks a message up by its key, for texts chosen at run time (validation errors). */
export function translate(
	key: string,
	locale: Locale,
	inputs: Record<string, unknown> = {}
): string {
	const fn = (m as unknown as Record<string, MessageFn | undefined>)[key];
	if (typeof fn === 'function') return fn(inputs, { locale });
	return (m.error_invalid as MessageFn)({}, { locale });
}

export function isMessageKey(key: string): boolean {
	return typeof (m as unknown as Record<string, unknown>)[key] === 'function';
}
