/**
 * A learner's requests for help, for the account export (./export.ts): each with its thread and
 * the referrals proposed on it, with exactly the words each would pass on and the learner's
 * answer. The organizations appear by name, never their members.
 */
import type { Db } from '../db';
import type { Side } from '../../vocab/applications';
import type {
	ReferralState,
	RequestStatus,
	RequestUrgency,
	ServiceKind
} from '../../vocab/services';
import { iso, isoOrNull, text, type Bilingual } from './export';

export interface HelpRequestExport {
	service: Bilingual;
	organization: string;
	help: ServiceKind;
	urgency: RequestUrgency;
	request_status: RequestStatus;
	referred: boolean;
	/** When the learner chose to show this organization their profile; null: not shown. */
	profile_shared_at: string | null;
	asked_at: string;
	closed_at: string | null;
	messages: { by: Side; body: string; at: string }[];
	referrals: {
		service: Bilingual;
		organization: string;
		consent: ReferralState;
		proposed_at: string;
		decided_at: string | null;
		words: string[];
	}[];
}

export async function helpRequestsOf(
	db: Db,
	userId: string
): Promise<{ help_requests: HelpRequestExport[] }> {
	const requests = await db
		.selectFrom('help_request')
		.innerJoin('service', 'service.id', 'help_request.service_id')
		.innerJoin('organization', 'organization.id', 'help_request.org_id')
		.select([
			'help_request.id',
			'service.name_my',
			'service.name_en',
			'organization.name',
			'help_request.kind',
			'help_request.urgency',
			'help_request.status',
			'help_request.referred',
			'help_request.profile_shared_at',
			'help_request.created_at',
			'help_request.closed_at'
		])
		.where('help_request.user_id', '=', userId)
		.orderBy('help_request.created_at')
		.orderBy('help_request.id')
		.execute();
	const ids = ['', ...requests.map((r) => r.id)];
	const messages = await db
		.selectFrom('help_message')
		.select(['id', 'request_id', 'by', 'body', 'at'])
		.where('request_id', 'in', ids)
		.orderBy('at')
		.orderBy('id')
		.execute();
	const referrals = await db
		.selectFrom('help_referral')
		.innerJoin('service', 'service.id', 'help_referral.to_service_id')
		.innerJoin('organization', 'organization.id', 'service.org_id')
		.select([
			'help_referral.id',
			'help_referral.request_id',
			'help_referral.state',
			'help_referral.proposed_at',
			'help_referral.decided_at',
			'service.name_my',
			'service.name_en',
			'organization.name'
		])
		.where('help_referral.request_id', 'in', ids)
		.orderBy('help_referral.proposed_at')
		.execute();
	const passed = await db
		.selectFrom('help_referral_message')
		.select(['referral_id', 'message_id'])
		.where('referral_id', 'in', ['', ...referrals.map((r) => r.id)])
		.execute();
	const bodyOf = new Map(messages.map((m) => [m.id, m.body]));
	return {
		help_requests: requests.map((r) => ({
			service: text(r.name_my, r.name_en),
			organization: r.name,
			help: r.kind,
			urgency: r.urgency,
			request_status: r.status,
			referred: r.referred === 1,
			profile_shared_at: isoOrNull(r.profile_shared_at),
			asked_at: iso(r.created_at),
			closed_at: isoOrNull(r.closed_at),
			messages: messages
				.filter((m) => m.request_id === r.id)
				.map((m) => ({ by: m.by, body: m.body, at: iso(m.at) })),
			referrals: referrals
				.filter((f) => f.request_id === r.id)
				.map((f) => ({
					service: text(f.name_my, f.name_en),
					organization: f.name,
					consent: f.state,
					proposed_at: iso(f.proposed_at),
					decided_at: isoOrNull(f.decided_at),
					words: passed
						.filter((p) => p.referral_id === f.id)
						.map((p) => bodyOf.get(p.message_id) ?? '')
				}))
		}))
	};
}
