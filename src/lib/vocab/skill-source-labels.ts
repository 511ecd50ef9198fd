import * as m from '$lib/paraglide/messages';
import type { SkillSource } from './skills';

/** Where a learner's skill comes from, on their profile: `from` names the course or the organization. */
export const skillSourceNames = {
	self: () => m.skill_source_self(),
	course: (from: string) => m.skill_source_course({ course: from }),
	endorsement: (from: string) => m.skill_source_endorsed({ org: from }),
	training: (from: string) => m.skill_source_training({ training: from })
} satisfies Record<SkillSource, (from: string) => string>;
