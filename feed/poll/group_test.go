package poll

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/clock"
)

// hostMeter counts the requests in flight to each host its servers are
// reached by, and keeps the most seen at once. Each request is held a
// moment, so that two sent together would overlap.
type hostMeter struct {
	hold     time.Duration
	mu       sync.Mutex
	inFlight map[string]int
	peak     map[string]int
	peakAll  int
	total    int
}

func newHostMeter(hold time.Duration) *hostMeter {
	return &hostMeter{hold: hold, inFlight: map[string]int{}, peak: map[string]int{}}
}

func (m *hostMeter) serve(w http.ResponseWriter, r *http.Request) {
	host, _, _ := net.SplitHostPort(r.Host)
	m.mu.Lock()
	m.inFlight[host]++
	m.total++
	m.peak[host] = max(m.peak[host], m.inFlight[host])
	m.peakAll = max(m.peakAll, m.total)
	m.mu.Unlock()
	time.Sleep(m.hold)
	m.mu.Lock()
	m.inFlight[host]--
	m.total--
	m.mu.Unlock()
	fmt.Fprintf(w, "title: %s\nitem: %s|One", r.URL.Path, r.URL.Path)
}

func (m *hostMeter) peakAt(host string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.peak[host]
}

// serverOn starts a test server of m listening on ip.
func serverOn(t *testing.T, ip string, m *hostMeter) *httptest.Server {
	t.Helper()
	l, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(m.serve))
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// readAll reads every address at once, as a dump of several sources does.
func readAll(t *testing.T, group *Group, addrs []string) {
	t.Helper()
	defer swapParse((&fakeParser{}).parse)()
	var wg sync.WaitGroup
	for _, a := range addrs {
		wg.Go(func() {
			if _, _, err := ReadOnce(context.Background(), a, Options{Group: group}); err != nil {
				t.Errorf("%s: %v", a, err)
			}
		})
	}
	wg.Wait()
}

func TestGroupSendsOneRequestAtATimeToAHost(t *testing.T) {
	m := newHostMeter(40 * time.Millisecond)
	a, b := serverOn(t, "127.0.0.1", m), serverOn(t, "127.0.0.1", m)
	addrs := []string{a.URL + "/one", a.URL + "/two", a.URL + "/three", b.URL + "/four", b.URL + "/five"}

	readAll(t, nil, addrs)
	if got := m.peakAt("127.0.0.1"); got < 2 {
		t.Fatalf("without a group, at most %d request in flight: the meter cannot see overlap", got)
	}

	m = newHostMeter(40 * time.Millisecond)
	a.Config.Handler, b.Config.Handler = http.HandlerFunc(m.serve), http.HandlerFunc(m.serve)
	readAll(t, NewGroup(), addrs)
	if got := m.peakAt("127.0.0.1"); got != 1 {
		t.Errorf("with a group, %d requests were in flight to one host at once, want 1 (two ports of one host count as one)", got)
	}
}

func TestGroupLetsDifferentHostsGoTogether(t *testing.T) {
	m := newHostMeter(300 * time.Millisecond)
	a, b := serverOn(t, "127.0.0.1", m), serverOn(t, "127.0.0.2", m)
	readAll(t, NewGroup(), []string{a.URL + "/one", b.URL + "/two"})
	if m.peakAt("127.0.0.1") != 1 || m.peakAt("127.0.0.2") != 1 {
		t.Errorf("peaks %v, want one request at a time to each host", m.peak)
	}
	if m.peakAll != 2 {
		t.Errorf("at most %d requests in flight in all, want the two hosts read together", m.peakAll)
	}
}

func TestGroupWaitsForTheHostOnlyUntilCancelled(t *testing.T) {
	g := NewGroup()
	release, err := g.acquire(context.Background(), "http://example.test/a")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := g.acquire(ctx, "http://EXAMPLE.test:8080/b"); err != context.DeadlineExceeded {
		t.Errorf("second request to a busy host: %v, want it to wait until cancelled", err)
	}
	other, err := g.acquire(context.Background(), "http://other.test/")
	if err != nil {
		t.Fatalf("another host waited: %v", err)
	}
	other()
	release()
	again, err := g.acquire(context.Background(), "http://example.test/c")
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again()
}

func TestGroupStaggersFirstChecks(t *testing.T) {
	m := newHostMeter(10 * time.Millisecond)
	srv := serverOn(t, "127.0.0.1", m)
	clk := clock.NewFake(start)
	group := NewGroup()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	t.Cleanup(func() { cancel(); wg.Wait() })
	outs := make([]chan feed.Event, 3)
	for i := range outs {
		outs[i] = make(chan feed.Event, 4)
		p := New(fmt.Sprintf("%s/story%d", srv.URL, i), Options{Clock: clk, Group: group})
		p.parse = (&fakeParser{}).parse
		wg.Go(func() { p.Run(ctx, outs[i]) })
	}
	next := func(i int) feed.Event {
		t.Helper()
		select {
		case ev := <-outs[i]:
			return ev
		case <-time.After(5 * time.Second):
			t.Fatalf("story %d: no event within 5s", i)
		}
		panic("unreachable")
	}
	// Each poller takes its start slot as it starts, in whatever order
	// they run; the slots are 0, 1 and 2 steps after the start.
	delays := map[time.Duration]int{}
	for i := range outs {
		ev := next(i)
		if ev.Status.State != feed.Connecting {
			t.Fatalf("story %d: first event %v, want Connecting", i, ev.Status.State)
		}
		delays[ev.Status.NextCheck.Sub(start)] = i
	}
	for step := range 3 {
		if _, ok := delays[time.Duration(step)*StaggerStep]; !ok {
			t.Fatalf("first checks planned at %v, want 0, %v and %v after the start", delays, StaggerStep, 2*StaggerStep)
		}
	}
	for step := range 3 {
		i := delays[time.Duration(step)*StaggerStep]
		if ev := next(i); ev.Status.State != feed.Live || !ev.Status.LastCheck.Equal(start.Add(time.Duration(step)*StaggerStep)) {
			t.Fatalf("story %d: checked at %v (%v), want %v", i, ev.Status.LastCheck, ev.Status.State, start.Add(time.Duration(step)*StaggerStep))
		}
		for j := range outs {
			if j != i && len(outs[j]) > 0 {
				t.Fatalf("story %d checked before its turn", j)
			}
		}
		if step < 2 {
			clk.BlockUntil(3)
			clk.Advance(StaggerStep)
		}
	}
	// Later checks keep each poller's own schedule, and when they fall due
	// together the host still sees one request at a time.
	clk.BlockUntil(3)
	clk.Advance(time.Hour)
	for i := range outs {
		if ev := next(i); ev.Status.State != feed.Live {
			t.Errorf("story %d: second check %v", i, ev.Status.State)
		}
	}
	if got := m.peakAt("127.0.0.1"); got != 1 {
		t.Errorf("%d requests in flight to one host at once, want 1", got)
	}
}

func TestStartDelayRestartsOnceTheSlotsArePast(t *testing.T) {
	g := NewGroup()
	if d := g.startDelay(start); d != 0 {
		t.Errorf("first start waits %v", d)
	}
	if d := g.startDelay(start); d != StaggerStep {
		t.Errorf("second start waits %v, want %v", d, StaggerStep)
	}
	if d := g.startDelay(start.Add(time.Minute)); d != 0 {
		t.Errorf("a poller added a minute later waits %v, want none", d)
	}
	var none *Group
	if d := none.startDelay(start); d != 0 {
		t.Errorf("no group: waits %v", d)
	}
}
