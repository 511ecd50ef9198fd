import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { publicKeys } from '$lib/server/courses/signing-keys';
import type { RequestHandler } from './$types';

/** The public keys course files are signed with (old ones too, for files signed before a rotation). */
export const GET: RequestHandler = async () => json({ keys: await publicKeys(getDb()) });
