//go:build race

package parse

// raceEnabled is true under the race detector, whose slowdown is no
// measure of a parser's work.
const raceEnabled = true
