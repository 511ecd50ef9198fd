import type { Db } from '../../src/lib/server/db';
import { loadCourseBundle, refreshCourseSizes } from '../../src/lib/server/courses/catalogue';
import { readStarterCatalogue } from '../../src/lib/server/courses/content-files';
import { loadTaxonomy, readTaxonomy } from '../../src/lib/server/skills/taxonomy';
import { loadExampleTraining, readExampleTraining } from '../../src/lib/server/trainings/example';
import { loadExampleServices, readExampleServices } from '../../src/lib/server/services/example';

/**
 * Loads the skill taxonomy (content/skills) and the starter catalogue (content/courses) on
 * every start: a course is created the first time and updated only when its version in the
 * files is newer. Every course's download size is then counted again from its package. The
 * example training and the example services are made the first time only (trainings/example.ts,
 * services/example.ts).
 * Accounts are never seeded: no default credentials exist anywhere.
 */
export async function loadStarterData(db: Db): Promise<void> {
	await loadTaxonomy(db, readTaxonomy());
	for (const bundle of readStarterCatalogue()) {
		const outcome = await loadCourseBundle(db, bundle);
		if (outcome !== 'unchanged')
			console.log(`course ${bundle.course.id} v${bundle.course.version}: ${outcome}`);
	}
	await refreshCourseSizes(db);
	const example = await loadExampleTraining(db, readExampleTraining());
	if (example) console.log(`example training ${example}: made`);
	const services = await loadExampleServices(db, readExampleServices());
	if (services) console.log(`example services: ${services} made`);
}
