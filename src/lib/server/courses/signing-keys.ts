/**
 * The Ed25519 keys that sign course files (src/lib/offline/course-file.ts). Kept in the
 * database, so `npm run backup` carries them; made on first start; `npm run keys:rotate` makes a
 * new one and wipes the old private key, whose public key stays trusted for files signed before.
 */
import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { inTransaction, type Db } from '../db';
import type { PublicKey } from '../../offline/course-file';

/** A key's id: the first 16 hex digits of the SHA-256 of its raw public key. */
const keyId = (raw: Buffer) => createHash('sha256').update(raw).digest('hex').slice(0, 16);

async function addKey(db: Db, now: number): Promise<string> {
	const { publicKey, privateKey } = generateKeyPairSync('ed25519');
	const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
	const id = keyId(raw);
	await db
		.insertInto('signing_key')
		.values({
			id,
			public_key: raw.toString('base64url'),
			private_key: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
			created_at: now,
			retired_at: null
		})
		.execute();
	return id;
}

/** Makes the signing key if there is none (at start-up); the id of the current key. */
export async function ensureSigningKey(db: Db, now = Date.now()): Promise<string> {
	return inTransaction(db, async (trx) => {
		const current = await trx
			.selectFrom('signing_key')
			.select('id')
			.where('private_key', 'is not', null)
			.orderBy('created_at', 'desc')
			.executeTakeFirst();
		return current?.id ?? addKey(trx, now);
	});
}

/**
 * A new signing key; the old ones lose their private key and keep their public key. Returns the
 * new key's id and the ids retired.
 */
export async function rotateSigningKey(
	db: Db,
	now = Date.now()
): Promise<{ id: string; retired: string[] }> {
	return inTransaction(db, async (trx) => {
		const old = await trx
			.updateTable('signing_key')
			.set({ private_key: null, retired_at: now })
			.where('private_key', 'is not', null)
			.returning('id')
			.execute();
		return { id: await addKey(trx, now), retired: old.map((r) => r.id) };
	});
}

/** Every public key a course file may be signed with, newest first. */
export async function publicKeys(db: Db): Promise<PublicKey[]> {
	const rows = await db
		.selectFrom('signing_key')
		.select(['id', 'public_key'])
		.orderBy('created_at', 'desc')
		.execute();
	return rows.map((r) => ({ id: r.id, key: r.public_key }));
}

/** Signs `text` with the current key (made if there is none). */
export async function signWithCurrentKey(
	db: Db,
	text: string
): Promise<{ key: string; signature: string }> {
	const id = await ensureSigningKey(db);
	const row = await db
		.selectFrom('signing_key')
		.select('private_key')
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
	const signature = sign(null, Buffer.from(text), createPrivateKey(row.private_key!));
	return { key: id, signature: signature.toString('base64') };
}
