/**
 * The lesson editor's form, shared by "new lesson" and "edit lesson": preview, image upload
 * and save all post the whole form, so nothing the author typed is lost between them.
 */
import { fail, type ActionFailure } from '@sveltejs/kit';
import { readFormData, type FormValues } from '$lib/server/forms';
import type { Locale } from '$lib/server/schema';
import type { Db } from '$lib/server/db';
import { lessonSchema, imageAltSchema } from '$lib/schemas/authoring';
import { MAX_UPLOAD_BYTES } from '$lib/server/media/images';
import { addCourseImage } from '$lib/server/courses/authoring/images';
import { addCourseClip } from '$lib/server/courses/authoring/clips';
import { CLIP_MAX_BYTES, clipSnippet } from '$lib/clips';
import { authorOf, editable, type Author } from '$lib/server/courses/authoring/authors';
import { getDb } from '$lib/server/db';
import { config } from '$lib/server/config';
import { signedInUser } from './user';
import { renderLesson } from '$lib/server/courses/lesson-html';
import { refuse, type FormErrors } from './respond';

type Read =
	| {
			ok: true;
			form: ReturnType<typeof readFormData<typeof lessonSchema>>;
			image: File | null;
			alt: string | null;
			clip: File | null;
			clipLabel: string | null;
	  }
	| { ok: false; response: ActionFailure<{ action: string; values: null; errors: FormErrors }> };

/** Reads the form: the lesson's fields, plus the image and its description when one is sent. */
export async function readLessonForm(request: Request, locale: Locale): Promise<Read> {
	let data: FormData;
	try {
		data = await request.formData();
	} catch {
		// Past the server's body limit (6 MB) the form cannot be read at all: most likely a photo too
		// large. No values then: the page shows the saved lesson again, never empty fields that a
		// second save would store.
		if (Number(request.headers.get('content-length')) > MAX_UPLOAD_BYTES) {
			return {
				ok: false,
				response: refuse(
					locale,
					413,
					'error_image_too_large',
					{ action: 'upload', values: null },
					{ field: 'image' }
				)
			};
		}
		return {
			ok: false,
			response: refuse(locale, 400, 'error_form', { action: 'save', values: null })
		};
	}
	const image = data.get('image');
	const alt = data.get('image_alt');
	const clip = data.get('clip');
	const label = data.get('clip_label');
	for (const key of ['image', 'image_alt', 'clip', 'clip_label']) data.delete(key);
	const altText = imageAltSchema.safeParse({ alt: typeof alt === 'string' ? alt : '' });
	const labelText = imageAltSchema.safeParse({ alt: typeof label === 'string' ? label : '' });
	const form = readFormData(data, lessonSchema, locale);
	// The picture's description and the clip's words come back with the rest until an upload uses them.
	if (typeof alt === 'string' && alt) form.values.image_alt = alt;
	if (typeof label === 'string' && label) form.values.clip_label = label;
	const file = (value: FormDataEntryValue | null) =>
		value instanceof File && value.size + value.name.length > 0 ? value : null;
	return {
		ok: true,
		form,
		image: file(image),
		alt: altText.success ? altText.data.alt : null,
		clip: file(clip),
		clipLabel: labelText.success ? labelText.data.alt : null
	};
}

/**
 * Both bodies rendered as learners will see them, for an author of the course only (like every
 * other authoring action; anyone else gets the same 404 as for a course that does not exist).
 */
export async function previewAction(
	db: Db,
	author: Author,
	courseId: string,
	read: Extract<Read, { ok: true }>,
	locale: Locale
) {
	const values = read.form.values;
	if (!(await editable(db, author, courseId)))
		return refuse(locale, 404, 'error_no_course', { action: 'preview', values });
	const preview = {
		my: renderLesson(courseId, values.body_my ?? ''),
		en: renderLesson(courseId, values.body_en ?? '')
	};
	if (!read.form.ok)
		return fail(400, { action: 'preview', values, errors: read.form.errors, preview });
	return { action: 'preview', values, preview };
}

/** A picture or clip goes at the end of both texts, a paragraph of its own; the author moves it. */
function addToBothTexts(values: FormValues, snippet: string) {
	for (const key of ['body_my', 'body_en'])
		values[key] = values[key] ? `${values[key]}\n\n${snippet}` : snippet;
}

/**
 * Checks, re-encodes and stores the image, and adds it to the end of both texts (an image
 * teaches in both languages); the author saves the lesson to keep it there.
 */
export async function uploadAction(
	db: Db,
	author: Author,
	courseId: string,
	read: Extract<Read, { ok: true }>,
	mediaDir: string,
	locale: Locale
) {
	const values: FormValues = { ...read.form.values };
	const refused = (key: string) =>
		refuse(locale, 400, key, { action: 'upload', values }, { field: 'image' });
	if (!read.image) return refused('error_image_missing');
	if (read.image.size > MAX_UPLOAD_BYTES) return refused('error_image_too_large');
	// The description's only rule left is its length.
	if (read.alt === null) return refused('error_too_long');
	const result = await addCourseImage(
		db,
		author,
		courseId,
		new Uint8Array(await read.image.arrayBuffer()),
		mediaDir
	);
	if (!result.ok)
		return result.error === 'no_course'
			? refused('error_no_course')
			: refused(`error_image_${result.error}`);
	const snippet = `![${read.alt}](images/${result.name})`;
	delete values.image_alt;
	addToBothTexts(values, snippet);
	return { action: 'upload', values, uploaded: snippet };
}

/**
 * Checks and stores a sound clip (uploaded, or recorded in the page and sent in the same file
 * field), and adds it to the end of both texts, like a picture; the author moves it next to its
 * phrase or paragraph and saves.
 */
export async function uploadClipAction(
	db: Db,
	author: Author,
	courseId: string,
	read: Extract<Read, { ok: true }>,
	mediaDir: string,
	locale: Locale
) {
	const values: FormValues = { ...read.form.values };
	const refused = (key: string) =>
		refuse(locale, 400, key, { action: 'clip', values }, { field: 'clip' });
	if (!read.clip) return refused('error_clip_missing');
	if (read.clip.size > CLIP_MAX_BYTES) return refused('error_clip_too_large');
	if (read.clipLabel === null) return refused('error_too_long');
	const result = await addCourseClip(
		db,
		author,
		courseId,
		new Uint8Array(await read.clip.arrayBuffer()),
		mediaDir
	);
	if (!result.ok) return refused(`error_${result.error}`);
	const snippet = clipSnippet(read.clipLabel, result.name);
	delete values.clip_label;
	addToBothTexts(values, snippet);
	return { action: 'clip', values, uploaded: snippet };
}

/** What a lesson editor's action needs of its request: both editors' routes have the course. */
type EditorEvent = { params: { course: string }; request: Request; locals: App.Locals };

/** Both editors' "preview": the whole form read, then `previewAction`. */
export async function previewLesson({ params, request, locals }: EditorEvent) {
	const read = await readLessonForm(request, locals.locale);
	if (!read.ok) return read.response;
	return previewAction(getDb(), authorOf(signedInUser(locals)), params.course, read, locals.locale);
}

/** Both editors' "clip": the whole form read, then `uploadClipAction` into the media folder. */
export async function uploadLessonClip({ params, request, locals }: EditorEvent) {
	const read = await readLessonForm(request, locals.locale);
	if (!read.ok) return read.response;
	const author = authorOf(signedInUser(locals));
	return uploadClipAction(getDb(), author, params.course, read, config.mediaPath, locals.locale);
}

/** Both editors' "upload": the whole form read, then `uploadAction` into the media folder. */
export async function uploadLessonImage({ params, request, locals }: EditorEvent) {
	const read = await readLessonForm(request, locals.locale);
	if (!read.ok) return read.response;
	const author = authorOf(signedInUser(locals));
	return uploadAction(getDb(), author, params.course, read, config.mediaPath, locals.locale);
}

/**
 * Both editors' "save", up to the write: the lesson as the domain takes it, or the answer to
 * send back. `refused` turns the domain's refusal into the form's answer with what was typed.
 */
export async function lessonToSave({ request, locals }: EditorEvent) {
	const read = await readLessonForm(request, locals.locale);
	if (!read.ok) return read;
	const { form } = read;
	if (!form.ok)
		return {
			ok: false as const,
			response: fail(400, { action: 'save', values: form.values, errors: form.errors })
		};
	const d = form.data;
	return {
		ok: true as const,
		author: authorOf(signedInUser(locals)),
		lesson: {
			minutes: d.minutes,
			title: { my: d.title_my, en: d.title_en },
			body: { my: d.body_my, en: d.body_en }
		},
		refused: (error: string) =>
			refuse(locals.locale, 404, `error_${error}`, { action: 'save', values: form.values })
	};
}
