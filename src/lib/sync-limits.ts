/**
 * The limits of one sync request, shared by the endpoint (src/routes/api/sync) and the phone's
 * outbox (src/lib/offline/outbox.ts), which cuts its batches to fit. Kept apart from the zod
 * schemas so the phone imports no zod.
 *
 * A batch of 100 events is a few kilobytes (a quiz attempt's answers are option ids and short
 * texts), so 256 KiB is ample; {events: [{answers: {id: [...]}}]} nests 5 deep.
 */
export const SYNC_BATCH_MAX = 100;
export const SYNC_BODY_MAX = 256 * 1024;
export const SYNC_DEPTH_MAX = 8;
