/** A valid course, lesson and role, as the authoring and role forms take them: shared by the bad-input and fuzzing tests. */
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
