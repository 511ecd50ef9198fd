import * as m from '$lib/paraglide/messages';

/** "3 hours ago", to the hour at best: sessions only keep a coarse last-seen time. */
export function relativeTime(time: number, now: number): string {
	const hours = Math.floor((now - time) / 3_600_000);
	if (hours < 1) return m.when_just_now();
	if (hours < 48) return m.when_hours({ count: hours });
	return m.when_days({ count: Math.floor(hours / 24) });
}
