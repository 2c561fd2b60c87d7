package figures

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// TestExtractWhose checks what a figure counts and whose it is in the
// shapes live blogs write tolls, per-place lists and results in: sentences
// written for this test about invented places and parties. Each figure
// shows as "text | subject | key | pinnable".
func TestExtractWhose(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"The death toll from the storm that crossed the northern coast has risen to 64.",
			[]string{"64 |  | deaths | true"}},
		{"The number of villagers still unaccounted for was revised on Sunday to 212.",
			[]string{"212 |  | missing | true"}},
		{"The number of people confirmed to have died in the floods has now reached 1,950.",
			[]string{"1,950 |  | deaths | true"}},
		{"Officials say 41 people have died in Northport, 17 in neighbouring Eastvale county and 9 in the Lower Fells.",
			[]string{"41 | Northport | deaths | true", "17 | Eastvale | deaths | true", "9 | Lower Fells | deaths | true"}},
		{"The toll includes 300 in Aland, 120 in Bresk and 4 in Corve.",
			[]string{"300 | Aland | deaths | true", "120 | Bresk | deaths | true", "4 | Corve | deaths | true"}},
		{"Twelve people died in Northport overnight.", []string{"Twelve |  | deaths | true"}},
		{"Kestria, meanwhile, has a toll of 2,104 and Dorvan stands at 1,870.",
			[]string{"2,104 | Kestria | deaths | true", "1,870 | Dorvan | deaths | true"}},
		{"A further 35 people have died. This brings the Kestria total to 4,410.",
			[]string{"A further 35 |  | deaths | false", "4,410 | Kestria | deaths | true"}},
		{"Cases have increased by 1,204 in a day.", []string{"1,204 |  | cases | false"}},
		{"There are 3,100 patients in hospital, and 280 were in intensive care.",
			[]string{"3,100 |  | people in hospital | true", "280 |  |  | false"}},
		{"The agency now counts 400 injured.", []string{"400 |  | injured | true"}},
		{"Labour: 402 seats, 198 seats gained", []string{"402 | Labour | seats | true", "198 | Labour | seats gained | true"}},
		{"With 580 of the 650 seats declared, the result is clear.",
			[]string{"580 |  | seats declared | true", "650 |  | seats declared | false"}},
		{"The Greens are now 12 seats short of a majority.", []string{"12 | Greens | seats | false"}},
		{"The walkout by 30,000 GMB members has closed much of the network.",
			[]string{"30,000 | GMB | members | true"}},
		{"National 48.2%", []string{"48.2% | National | share | true"}},
		{"Centre has 62 seats and the CL 60 seats.", []string{"62 | Centre | seats | true", "60 | CL | seats | true"}},
		{"Eastfield: Tory hold 53.6%", []string{"53.6% | Tory |  | false"}},
		{"UKIP: 856", []string{"856 | UKIP |  | false"}},
		{"The Vexo TV 4k ships on Friday.", nil},
		{"Attendances rose by more than 10% compared with the same week last year.",
			[]string{"more than 10% |  | attendances | true"}},
		{"Figures from 228 organisations show the scale of it.", []string{"228 |  | organisations | false"}},
		{"National ahead 46.1% to 38.9% with a fifth of votes counted.",
			[]string{"46.1% | National | share | true", "38.9% |  |  | false", "a fifth |  | votes counted | true"}},
		{"The number of people confirmed to have died has reached 1,210 out of 3,400 cases.",
			[]string{"1,210 |  | deaths | true", "3,400 |  | cases | true"}},
		{"Cons 180 out of 390 seats", []string{"180 | Cons | seats | true", "390 |  | seats | false"}},
		{"The BBC now predicts the Greens 120 seats.", []string{"120 | Greens | seats | false"}},
		{"They might need the backing of a third or fourth party.", nil},
		{"At least 101 deaths have been confirmed.", []string{"At least 101 |  | deaths | true"}},
		{"Vexo shares are trading down $3.10.", []string{"$3.10 |  | vexo shares | false"}},
		{"Results after the close:\nVexo beat forecasts:\n- EPS $1.62 vs. $1.38 estimate\n- revenues $2.64 billion",
			[]string{"$1.62 | Vexo | eps | true", "$1.38 |  | estimate | false", "$2.64 billion | Vexo | revenues | true"}},
		{"The Vexo Watch, which comes with a strap, will start at $349.", []string{"$349 | Vexo Watch | price | true"}},
		{"At least 110 deaths are confirmed. There are 94 reported in Aland, 12 in Bresk.",
			[]string{"At least 110 |  | deaths | true", "94 | Aland | deaths | true", "12 | Bresk | deaths | true"}},
		{"Around 9,400 outpatients appointments were moved.", []string{"Around 9,400 |  | outpatients appointments | true"}},
		{"The count of confirmed deaths in hospitals climbed to 12,406.", []string{"12,406 |  | deaths in hospitals | true"}},
		{"Pledges £3 million of funding to support the Kestria Book Fair.", []string{"£3 million | Kestria Book Fair | funding | true"}},
		{"£4bn is added to the roads budget over the next three years.", []string{"£4bn | roads budget | £ | true"}},
		{"The Vexo Fire is the biggest of the season. By Monday it had burned over 43,800 acres.",
			[]string{"over 43,800 acres | Vexo Fire | acres | true"}},
		{"Crews named it the Jack Fire. By Monday the fire had grown to 9,120 acres.", []string{"9,120 acres | Jack Fire | acres | true"}},
		{"43.7% counted, Centre 49 seats, others 4, and 27 in doubt.",
			[]string{"43.7% |  | counted | true", "49 | Centre | seats | true", "4 | Others | seats | true", "27 |  | in doubt | true"}},
		{"The agency confirmed 24 more cases.", []string{"24 |  | cases | false"}},
		{"It has a 12 megapixel camera.", []string{"12 megapixel |  | camera | false"}},
		{"A total of 41,200 inpatient and outpatient appointments were rescheduled.",
			[]string{"41,200 |  | inpatient and outpatient appointments | true"}},
		{"£200m additional funding to mend roads", []string{"£200m | mend roads | funding | true"}},
		{"In the outgoing House, Greens held 220 seats and Centre had 212 seats.",
			[]string{"220 | Greens | seats | false", "212 | Centre | seats | false"}},
		{"Before the election, both parties held 50 seats each.", []string{"50 |  | seats | false"}},
		{"81.4% vote to STRIKE!", []string{"81.4% |  | vote to strike | true"}},
		{"Vexo beat by $0.12 a share.", []string{"$0.12 |  | vexo beat | false"}},
		{"Revenue rose against the consensus of $12.30 billion.", []string{"$12.30 billion |  | consensus | false"}},
		{"Earnings per share: 55 cents, adjusted", []string{"55 cents |  | earnings per share | true"}},
		{"An average of 1,930 patients were in hospital each day, including 88 in critical care beds.",
			[]string{"1,930 |  | people in hospital | true", "88 |  | in critical care beds | true"}},
		{"The firm now expects gross profit of $3.10 billion.", []string{"$3.10 billion |  | profit | false"}},
		{"About 52,000 were without power in Aland. Another 30,000 were left without power in Bresk, followed by about 21,000 in Corve.",
			[]string{"About 52,000 | Aland |  | false", "Another 30,000 | Bresk |  | false", "about 21,000 | Corve |  | false"}},
		{"Moss lost his seat, with 31% Reform and 12% for an independent.",
			[]string{"31% |  | reform | false", "12% |  | reform | false"}},
		{"The Zephyr 3 Pro starts at $899, and the Zephyr 3 $699.",
			[]string{"$899 | Zephyr 3 Pro | price | true", "$699 | Zephyr 3 | price | true"}},
		{"The vPad Air will cost £329.", []string{"£329 | vPad Air | price | true"}},
		{"The vPad Mini now has a price cut to $379, vPad 7 to $319, and vPad 6 to $259.",
			[]string{"$379 | vPad Mini | price | true", "$319 | vPad 7 | price | true", "$259 | vPad 6 | price | true"}},
		{"The phone costs $999.", []string{"$999 |  |  | false"}},
		// unconfirmed counts apart from confirmed ones, the other side no owner
		{"The number of suspected cases has risen to 9,800.", []string{"9,800 |  | suspected cases | true"}},
		{"Labour took the seat from the Greens with a majority of 312.", []string{"312 |  | majority | false"}},
		// a place the sentence opens on, a lone place where places are told, a
		// running total's owner
		{"In Aland, some 8,000 homes were still without power.", []string{"some 8,000 | Aland | homes without power | true"}},
		{"Some 140,000 customers lost power in Aland and 65,000 in Bresk. More than 41,000 homes were without power in Corve.",
			[]string{"Some 140,000 | Aland | customers | true", "65,000 | Bresk | customers | true",
				"More than 41,000 | Corve | homes without power | true"}},
		{"Flooding has left 17 people dead in Aland, Bresk and Corve.", []string{"17 |  | deaths | true"}},
		{"Bresk reported 38 new cases on Friday, taking its total to 1,204 infections.",
			[]string{"38 | Bresk | cases | false", "1,204 | Bresk | infections | true"}},
		// changes, not levels
		{"Infections have climbed by about 4,000 cases in a week.", []string{"about 4,000 |  | cases | false"}},
		{"Sales rose by $5m.", []string{"$5m |  | sales | false"}},
		{"12.3 overs: Hosts 87-2 (Lane 40)",
			[]string{"12.3 |  | overs | false", "87-2 after 12.3 overs | Hosts | score | true", "40 | Lane |  | false"}},
		{"9th over: Visitors 61-1 (Moss 30, Dale 22) Target 240",
			[]string{"61-1 after 9 overs | Visitors | score | true", "30 | Moss |  | false", "22 | Dale |  | false", "240 |  | target | true"}},
		{"Northvale need just 96 runs to win.", []string{"just 96 | Northvale | runs needed | true"}},
		{"Northvale need 96 to win.", []string{"96 | Northvale | runs needed | true"}},
		{"WICKET! Northvale 88-5 (Reid b Cole 12)", []string{"88-5 | Northvale | score | true", "12 | Cole |  | false"}},
		{"So far 23 flood related deaths have been recorded.", []string{"23 |  | flood deaths | true"}},
		{"They face a chase of 180 to win.", []string{"180 |  | target | true"}},
		{"Rovers 2-1 United", []string{"2-1 United | Rovers | score | true"}},
		{"Overall seats update:\nLabour: 22\nTory: 9", []string{"22 | Labour | seats | true", "9 | Tory | seats | true"}},
		{"Eastmoor:\nLabour: 18,450\nTory: 9,870", []string{"18,450 | Labour |  | false", "9,870 | Tory |  | false"}},
		{"Calls to Careline 111 rose by more than 17%.", []string{"more than 17% |  | calls | true"}},
		{"In all, 413 patients with suspected flu were admitted on Monday.", []string{"413 |  | hospital admissions | true"}},
		{"The cyclone has left more than 1,800 people injured.", []string{"more than 1,800 |  | injured | true"}},
		// how far a count has got, not a party's share
		{"Eastmark leaned towards the Greens with 93% of the votes reported.", []string{"93% |  | votes | false"}},
		{"With 58.4 per cent of the vote counted, the race is close.", []string{"58.4 per cent |  | vote counted | true"}},
		// a signed number is a change
		{"Councillor change Green -42 Seats won 310", []string{"42 | Green | seats | false", "310 |  |  | false"}},
		// what a "number of" counts, past what its people are treated for
		{"The number of people being treated for confirmed or suspected flu cases in hospital stands at 412.",
			[]string{"412 |  | people in hospital | true"}},
		{"Some 21,000 people remain under evacuation orders.", []string{"Some 21,000 |  | people under evacuation orders | true"}},
		// a figure told of two names together is neither's
		{"Both Aland and Bresk have recorded more than 50,000 cases.", []string{"more than 50,000 |  | cases | false"}},
		// a range of results is guidance; what analysts or the consensus expect is no result
		{"For the coming quarter, Vexo called for $0.90 to $0.94 in adjusted earnings per share.",
			[]string{"$0.90 to $0.94 |  | adjusted earnings | false"}},
		{"Analysts polled by the agency were looking for $0.88 in adjusted earnings per share.",
			[]string{"$0.88 |  | adjusted earnings | false"}},
		{"Vexo shares were down 9% so far this year.", []string{"9% |  | vexo shares | false"}},
		// the winner's score, from a match report's "beat"
		{"Rovers scored twice in stoppage time to beat United 3-2 on Saturday.", []string{"3-2 v United | Rovers | score | true"}},
		{"Moss scored twice as they beat United 3-2.", nil},
		// a toll told by the verb before it
		{"The quake struck off the coast, killing 77 people and injuring more than 570.",
			[]string{"77 |  | deaths | true", "more than 570 |  | injured | true"}},
		// seats whose the sentence says, by its opening name or the one before "it"
		{"Labour has won a clear victory. With 64 seats, it becomes the first party to govern alone.",
			[]string{"64 | Labour | seats | true"}},
		{"National has had a bad night, struggling to win 35 seats.", []string{"35 | National | seats | true"}},
		{"Labour has had a good night, but the Greens took 12 seats.", []string{"12 | Greens | seats | true"}},
		// a tally's noun is the one nearest the colon of the line leading it
		{"Labor lead nationally, 50.2% to 49.8%. The seats won so far are:\nLabor: 60\nCoalition: 49",
			[]string{"50.2% |  |  | false", "49.8% |  |  | false", "60 | Labor | seats | true", "49 | Coalition | seats | true"}},
		// what is left is not the count
		{"The commission said there were just 2,161 cases across the country remaining.",
			[]string{"just 2,161 |  | cases remaining | true"}},
	} {
		var got []string
		for _, f := range extractTo(c.in, nil, hints{}) {
			got = append(got, fmt.Sprintf("%s | %s | %s | %v", f.Text, f.Subject, f.Key, f.Readable()))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Extract(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// A toll the story's event caused before, elsewhere, is kept apart.
func TestExtractEarlierToll(t *testing.T) {
	if f := Extract("The storm hit the coast after killing almost 900 people in Haiti."); len(f) != 1 || !f[0].Aside || f[0].Key != "deaths" {
		t.Errorf("a toll from before the story's event: %+v", f)
	}
}

// A figure to be reached by a year still to come is a target, not a result.
func TestExtractTarget(t *testing.T) {
	figs := extractTo("Spending will reach nearly 2.4% of GDP by 2026; inflation was 2.1% in June.", nil, hints{year: 2023})
	if len(figs) != 2 || figs[0].Readable() || !figs[1].Readable() {
		t.Errorf("%+v", figs)
	}
}

// A figure dated weeks before its update is about another time; one dated
// days before is not.
func TestExtractOlderDate(t *testing.T) {
	h := hints{year: 2021, yday: time.Date(2021, 9, 20, 0, 0, 0, 0, time.UTC).YearDay()}
	figs := extractTo("Some 9,400 patients were in hospital on 2 May. By September 17 there were 810 patients in hospital.", nil, h)
	if len(figs) != 2 || !figs[0].Aside || figs[1].Aside {
		t.Errorf("%+v", figs)
	}
}
