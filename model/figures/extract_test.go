package figures

import (
	"slices"
	"testing"
)

// extractCases are sentences written for these tests on the facts of the
// junior doctors' strike, plus the things that look like figures and are
// not. Each figure shows as "text | value | unit | label"; a range's value
// is low-high, a vague count's "?".
var extractCases = []struct {
	in   string
	want []string
}{
	{"Hospitals cancelled 3,454 operations on the first day of the walkout.", []string{"3,454 | 3454 |  | operations"}},
	{"By the evening the tally had climbed to around 4,000 operations.", []string{"around 4,000 | 4000 |  | operations"}},
	{"NHS England said 5,264 procedures had been called off across both days.", []string{"5,264 | 5264 |  | procedures called off"}},
	{"Some 3,187 day case procedures had to be rescheduled.", []string{"Some 3,187 | 3187 |  | day case procedures rescheduled"}},
	{"Roughly 26,000 junior doctors had been due on shift.", []string{"Roughly 26,000 | 26000 |  | junior doctors"}},
	{"Only 39% of rostered trainees turned up for work.", []string{"Only 39% | 39 | % | rostered trainees"}},
	{"Around 10,000 junior doctors reported for duty on Tuesday.", []string{"Around 10,000 | 10000 |  | junior doctors"}},
	{"Trusts said 71% of staff attended, well above the figure for the first strike.", []string{"71% | 71 | % | staff"}},
	{"Turnout among trainees was 44 per cent, the BMA said.", []string{"44 per cent | 44 | % | Turnout"}},
	{"The health service said 73 per cent of its medical workforce was at work.", []string{"73 per cent | 73 | % | medical workforce"}},
	{"About 43% of junior doctors worked the day shift on Wednesday.", []string{"About 43% | 43 | % | junior doctors"}},
	{"A further 1,140 inpatient procedures were postponed.", []string{"A further 1,140 | 1140 |  | inpatient procedures postponed"}},
	{"Another 1,734 day procedures were cancelled on the second day.", []string{"Another 1,734 | 1734 |  | day procedures cancelled"}},
	{"The government has set aside £1.2bn for a seven-day service.", []string{"£1.2bn | 1.2e+09 | £ | "}},
	{"Ministers offered $3 million to cover locum costs.", []string{"$3 million | 3e+06 | $ | "}},
	{"The union spent €50 on each banner, a spokesman joked.", []string{"€50 | 50 | € | "}},
	{"Between 2,000 and 3,000 doctors marched past Downing Street.", []string{"Between 2,000 and 3,000 | 2000-3000 |  | doctors"}},
	{"Pay offers of 10-15% were floated in the talks.", []string{"10-15% | 10-15 | % | Pay offers"}},
	{"Up to 5,000 nurses could join the next walkout.", []string{"Up to 5,000 | 5000 |  | nurses"}},
	{"More than half of the trainees in London joined the picket lines.", []string{"More than half | 50 | % | trainees"}},
	{"Nearly a third of appointments were moved to later dates.", []string{"Nearly a third | 33.3333 | % | appointments moved"}},
	{"Two-thirds of trusts reported problems with rotas.", []string{"Two-thirds | 66.6667 | % | trusts"}},
	{"Three hospitals declared a critical incident overnight.", []string{"Three | 3 |  | hospitals"}},
	{"Dozens of consultants crossed the picket line to cover emergency care.", []string{"Dozens | ? |  | consultants"}},
	{"Tens of thousands of patients had their care disrupted.", []string{"Tens of thousands | ? |  | patients"}},
	{"One in five outpatient clinics closed early.", []string{"One in five | 20 | % | outpatient clinics"}},
	{"The dispute has cost the NHS £20m so far.", []string{"£20m | 2e+07 | £ | "}},
	{"Junior doctors were offered an 11% rise in basic pay.", []string{"11% | 11 | % | rise"}},
	{"The strike began at 8am on Tuesday.", nil},
	{"Pickets gathered at 08:00 outside St Thomas'.", nil},
	{"The walkout ends on 14 January.", nil},
	{"The contract was first proposed in March 2015.", nil},
	{"This is the first strike by junior doctors since 1975.", nil},
	{"A 32-year-old registrar said she had no choice.", nil},
	{"Dr Amy Clarke, aged 29, joined the picket in Leeds.", nil},
	{"It was the third day of action this winter.", nil},
	{"For advice call 0300 123 1234 or visit the website.", nil},
	{"Doctors staged a 24-hour walkout over weekend pay.", nil},
	{"They were on strike for 48 hours.", nil},
	{"It is the first walkout in 40 years.", nil},
	{"The BMA plans two days of action next month.", nil},
	{"Thousands of people signed the petition within hours.", []string{"Thousands | ? |  | people"}},
	{"One of the consultants told us the mood was grim.", nil},
	{"The two sides will meet again on Thursday.", nil},
	{"He spoke on BBC Radio 4 this morning.", nil},
	{"See section 3 of the proposed contract.", nil},
	{"The strike is the 2nd of three planned walkouts.", []string{"three | 3 |  | planned walkouts"}},
	{"The pay rise would be worth £2,000 to £3,000 a year.", []string{"£2,000 to £3,000 | 2000-3000 | £ | "}},
	{"Nine out of ten doctors backed the action in the ballot.", []string{"Nine out of ten | 90 | % | doctors"}},
	{"Turnout in the ballot was 76%, with 98% voting for a strike.", []string{"76% | 76 | % | Turnout", "98% | 98 | % | "}},
	{"Hospitals in England carried out 1.2 million operations last year.", []string{"1.2 million | 1.2e+06 |  | operations"}},
	{"Some 4,000 operations were cancelled on the first day, officials said.", []string{"Some 4,000 | 4000 |  | operations cancelled"}},
	{"Fewer than 100 patients complained to the trust.", []string{"Fewer than 100 | 100 |  | patients"}},
	{"Almost 12,000 letters were sent to patients whose operations were cancelled.", []string{"Almost 12,000 | 12000 |  | letters sent"}},
	{"More than 300 GP practices were affected.", []string{"More than 300 | 300 |  | GP practices affected"}},
	{"At least six ambulance trusts declared an emergency.", []string{"At least six | 6 |  | ambulance trusts"}},
	{"Three-quarters of trainee surgeons voted for the strike.", []string{"Three-quarters | 75 | % | trainee surgeons"}},
	{"The 1990s reforms left a legacy of pay disputes.", nil},
	{"The next strike is due on Wednesday 10 February.", nil},
	{"Almost half a million people have now signed the petition.", []string{"Almost half a million | 500000 |  | people signed"}},
	{"The BMA says 98 per cent of members backed strike action.", []string{"98 per cent | 98 | % | members"}},
	{"Approximately 1,500 trainees work in the region's hospitals.", []string{"Approximately 1,500 | 1500 |  | trainees"}},
	{"Hospitals postponed 120 cancer operations.", []string{"120 | 120 |  | cancer operations"}},
	{"The walkout affected 153 trusts across England.", []string{"153 | 153 |  | trusts"}},
	{"Prices rose 2.5% in the year to January.", []string{"2.5% | 2.5 | % | Prices"}},
	{"Unemployment fell to 5.1 per cent, the lowest since 2005.", []string{"5.1 per cent | 5.1 | % | Unemployment"}},
	{"The deficit is between £2bn and £3bn.", []string{"between £2bn and £3bn | 2e+09-3e+09 | £ | deficit"}},
	{"Waiting lists grew by 50,000 in a month.", []string{"50,000 | 50000 |  | Waiting lists"}},
	{"The trust employs over 8,000 staff.", []string{"over 8,000 | 8000 |  | staff"}},
	{"A dozen protesters blocked the road.", []string{"A dozen | 12 |  | protesters"}},
	{"Two hundred and fifty medics attended the rally.", []string{"Two hundred and fifty | 250 |  | medics"}},
	{"Forty-five consultants signed the letter.", []string{"Forty-five | 45 |  | consultants"}},
	{"Doctors worked 12-hour shifts through the weekend.", nil},
	{"The ward has 28 beds.", []string{"28 | 28 |  | beds"}},
	{"Half of the beds were empty.", []string{"Half | 50 | % | beds"}},
	{"The second half of the meeting was private.", nil},
	{"She has worked at the hospital for ten years.", nil},
	{"Talks lasted seven hours.", nil},
	{"The offer would raise pay by 13.5 percent.", []string{"13.5 percent | 13.5 | % | pay"}},
	{"Support for the strike dropped 5 percentage points.", []string{"5 percentage points | 5 | pp | Support"}},
	{"Around 3,000-4,000 people joined the march.", []string{"Around 3,000-4,000 | 3000-4000 |  | people"}},
	{"Figures show 9 in 10 doctors reported for duty.", []string{"9 in 10 | 90 | % | doctors"}},
	{"Covid-19 has nothing to do with this dispute.", nil},
	{"The M25 was jammed with traffic this morning.", nil},
	{"The minister returned to No 10 at 9.30am.", nil},
	{"Patients were advised to call NHS 111.", nil},
	{"He was born on 3 May 1985.", nil},
	{"The protest starts at 2pm.", nil},
	{"About 60 per cent of the public backed the doctors, a poll found.", []string{"About 60 per cent | 60 | % | public"}},
	{"The cancellation of almost 2,500 routine operations angered patients.", []string{"almost 2,500 | 2500 |  | routine operations cancelled"}},
	{"Walkouts took place at 200 hospitals.", []string{"200 | 200 |  | hospitals"}},
	{"Medical students joined in their hundreds.", nil},
	{"Turnout among trainees was 44 per cent, the BMA said.", []string{"44 per cent | 44 | % | Turnout"}},
	{"He trained in the 1970s and qualified in 1981.", nil},
	{"She finished 3rd in the ballot for the 21st time.", nil},
	{"Services run 24/7 even during the dispute.", nil},
	{"The 2015-16 winter was the worst on record.", nil},
	{"A 5,000-strong crowd gathered outside the department.", []string{"5,000-strong | 5000 |  | crowd"}},
	{"The details are on page 3 of the report.", nil},
	{"The meeting lasted 20 minutes.", nil},
	{"The union unveiled a 10-point plan.", nil},
	{"One hospital stayed fully staffed.", nil},
	{"The first two days passed peacefully.", nil},
	{"Section 28 was repealed years ago.", nil},
	{"The consultant (52) spoke to reporters.", nil},
	{"The report [2] lists 3 options.", []string{"3 | 3 |  | options"}},
	{"1. Doctors walk out at 8am", nil},
	{"2. Emergency cover continues", nil},
	{"About 1,200 junior doctors are in training at the trust [3].", []string{"About 1,200 | 1200 |  | junior doctors"}},
	{"Cancelled operations rose from 3,454 to around 4,000.", []string{"3,454 | 3454 |  | Cancelled operations", "around 4,000 | 4000 |  | Cancelled operations"}},
	{"Strike cover costs up to £200 an hour.", []string{"up to £200 | 200 | £ | "}},
	{"A doctor earns about £25,000 a year.", []string{"about £25,000 | 25000 | £ | "}},
	{"Junior doctors make up a third of the medical workforce.", []string{"a third | 33.3333 | % | medical workforce"}},
	{"Nurses will strike on 5 and 6 March.", nil},
	{"Mr Hunt said he had met the BMA 75 times.", nil},
	{"The motion passed by 300 votes to 120.", []string{"300 | 300 |  | votes", "120 | 120 |  | votes"}},
	{"Doctors made 150,000 calls to the helpline in the year to March.", []string{"150,000 | 150000 |  | calls"}},
	{"The hospital is 15 miles from the city centre.", []string{"15 miles | 15 | miles | "}},
	{"Temperatures dropped to 2C on the picket line.", []string{"2C | 2 | °C | Temperatures"}},
}

func TestExtract(t *testing.T) {
	if len(extractCases) < 80 {
		t.Fatalf("only %d sentences", len(extractCases))
	}
	for _, c := range extractCases {
		var got []string
		for _, f := range Extract(c.in) {
			got = append(got, show(f))
		}
		if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
			t.Errorf("Extract(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
