/**
 * Reads a course folder in the format of content/courses/FORMAT.md, validating every file.
 * Used to load the starter catalogue; the database is the source of truth after that.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
	courseFileSchema,
	quizFileSchema,
	type CourseFile,
	type QuizFile
} from '../../schemas/course-content';

export interface CourseBundle {
	course: CourseFile;
	quizzes: Map<string, QuizFile>;
	/** Lesson bodies by lesson id. */
	lessons: Map<string, { my: string; en: string }>;
	/** Image files by name, as bytes. */
	images: Map<string, Buffer>;
}

function readJson(file: string): unknown {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Reads and validates one course folder; throws with the file and problem when anything is wrong. */
export function readCourseFolder(dir: string): CourseBundle {
	const parsed = courseFileSchema.safeParse(readJson(path.join(dir, 'course.json')));
	if (!parsed.success) throw new Error(`${dir}/course.json: ${parsed.error.message}`);
	const course = parsed.data;
	if (course.id !== path.basename(dir))
		throw new Error(`${dir}: folder name must be the course id "${course.id}"`);
	const quizzes = new Map<string, QuizFile>();
	const lessons = new Map<string, { my: string; en: string }>();
	for (const module of course.modules) {
		for (const lesson of module.lessons) {
			const body = (locale: string) =>
				fs.readFileSync(path.join(dir, 'lessons', `${lesson.id}.${locale}.md`), 'utf8');
			lessons.set(lesson.id, { my: body('my'), en: body('en') });
		}
		if (module.quiz) {
			const quiz = quizFileSchema.safeParse(
				readJson(path.join(dir, 'quizzes', `${module.quiz}.json`))
			);
			if (!quiz.success)
				throw new Error(`${dir}/quizzes/${module.quiz}.json: ${quiz.error.message}`);
			quizzes.set(module.quiz, quiz.data);
		}
	}
	const images = new Map<string, Buffer>();
	const imageDir = path.join(dir, 'images');
	if (fs.existsSync(imageDir)) {
		for (const name of fs.readdirSync(imageDir)) {
			if (/^[a-z0-9-]+\.(svg|webp)$/.test(name))
				images.set(name, fs.readFileSync(path.join(imageDir, name)));
		}
	}
	return { course, quizzes, lessons, images };
}

/** Every course folder under `root` (default content/courses). */
export function readStarterCatalogue(root = path.resolve('content/courses')): CourseBundle[] {
	return fs
		.readdirSync(root, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => readCourseFolder(path.join(root, entry.name)));
}
