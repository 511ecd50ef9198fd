/**
 * A training session's times, stored as local times where it meets (`YYYY-MM-DDTHH:MM`, no zone:
 * the people who go are there), shown by Lanpya's own formatting: "၂၀၂၇ ဇန်နဝါရီ ၅၊ ၀၉:၀၀–၁၂:၀၀",
 * "5 January 2027, 09:00–12:00".
 */
import { formatDay, localDigits } from './format';

export function sessionTime(startsAt: string, endsAt: string, locale: string): string {
	const day = formatDay(startsAt.slice(0, 10), locale);
	const end =
		endsAt.slice(0, 10) === startsAt.slice(0, 10)
			? endsAt.slice(11)
			: `${formatDay(endsAt.slice(0, 10), locale)} ${endsAt.slice(11)}`;
	return `${day}${locale === 'my' ? '၊ ' : ', '}${localDigits(`${startsAt.slice(11)}–`, locale)}${localDigits(end, locale)}`;
}
