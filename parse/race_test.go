//go:build race

package parse_test

// raceEnabled is true under the race detector, which makes a parse some
// ten times slower: TestMutants tries fewer mutants then (the detector is
// there for concurrency, which the mutants do not exercise).
const raceEnabled = true
