import { z } from 'zod';
import { plainText } from './fields';
import { COURSE_REVIEW_KINDS } from '../vocab/courses';
import { REVIEW_DECISIONS } from '../vocab/roles';

/** Whole numbers the page sent back as it showed them (a time, a version). */
const seen = z.coerce
	.number({ error: 'error_invalid' })
	.int('error_invalid')
	.min(0, 'error_invalid')
	.max(Number.MAX_SAFE_INTEGER, 'error_invalid');

/** Approving an organization's course for its first publication, or sending it back with a note. */
export const coursePublicationSchema = z.object({
	decision: z.enum(REVIEW_DECISIONS, { error: 'error_choice' }),
	note: plainText(0, 500),
	/** The course's last change as the page showed it: a course changed since is not approved unread. */
	seen
});

/** Marking the version the page showed as reviewed by a native Burmese reader or a subject expert. */
export const courseReviewMarkSchema = z.object({
	// The first publication is approved by its own form (coursePublicationSchema).
	kind: z.enum(COURSE_REVIEW_KINDS).exclude(['publication'], { error: 'error_choice' }),
	version: seen,
	/** Who reviewed it, as a role rather than a name ("a nurse at a partner clinic"); administrators only see it. */
	note: plainText(0, 200)
});
