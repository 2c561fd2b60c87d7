//go:build !race

package record

// raceEnabled says the tests run under the race detector, which makes
// compressing large bodies many times slower.
const raceEnabled = false
