/** A valid course, lesson, role and training, as their forms take them: shared by the bad-input and fuzzing tests. */
export const courseDetails = {
	category: 'vocational',
	audience: 'families',
	title_my: 'ချုပ်ရိုး',
	title_en: 'Seams',
	summary_my: 'ချုပ်နည်း',
	summary_en: 'How to sew seams'
};
export const lesson = {
	title_my: 'အပ်',
	title_en: 'Needle',
	minutes: '5',
	body_my: 'အပ်ကို ကိုင်ပါ။',
	body_en: 'Hold the needle.'
};
export const roleDetails = {
	kind: 'medical_volunteer',
	title_my: 'ဆေးခန်း',
	title_en: 'Clinic',
	description_my: 'ကူညီရန်',
	description_en: 'Help',
	safety_my: '',
	safety_en: '',
	area: 'mae_sot',
	availability: 'volunteer',
	pay: '',
	seats: '2',
	starts_on: '',
	closes_on: '2027-01-31'
};

/** A day `days` after today (UTC, as the server counts days), YYYY-MM-DD. */
export const dayFromNow = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A valid training as its form sends it: two sessions a month ahead, two more blank rows. */
/** A support service as its form sends it (src/lib/staff/ServiceFields.svelte). */
export const serviceDetails = {
	kind: 'counselling',
	name_my: 'စိတ်ပိုင်း ဆွေးနွေးမှု',
	name_en: 'Someone to talk to',
	description_my: 'လျှို့ဝှက်စွာ စကားပြောနိုင်သည်',
	description_en: 'Private talks about stress and sleep',
	audience: 'everyone',
	area: 'remote',
	lang_my: 'on',
	lang_en: 'on',
	cost: 'free',
	hours: 'Mon-Fri 9:00-17:00',
	walk_in: '',
	contact: ''
};

export const trainingDetails = {
	title_my: 'အပ်ချုပ်',
	title_en: 'Sewing',
	description_my: 'စက်ချုပ်',
	description_en: 'Machine sewing',
	audience: 'families',
	area: 'mae_sot',
	seats: '2',
	closes_on: dayFromNow(29),
	meeting_point: 'The hall behind the market',
	provided_materials: 'on',
	completion_share: '75',
	session_rows: '4',
	session_1_day: dayFromNow(30),
	session_1_start: '09:00',
	session_1_end: '12:00',
	session_2_day: dayFromNow(31),
	session_2_start: '09:00',
	session_2_end: '12:00',
	session_3_day: '',
	session_3_start: '',
	session_3_end: ''
};
