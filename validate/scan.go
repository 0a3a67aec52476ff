package validate

import (
	"regexp"
	"slices"
	"strings"
)

// scanner finds the matches of a regular expression that can only start
// with one of a few literal triggers. It tries the expression, anchored, at
// each trigger in the text, which finds what the expression's
// FindAll…Index methods find, but without running it from every position
// of long prose: the rules read every statement in the prose, and that
// was most of the time a report took to check.
type scanner struct {
	re       *regexp.Regexp // the expression, for the tests
	anchored *regexp.Regexp
	triggers []string
}

// scan compiles expr, every match of which starts with one of triggers.
func scan(expr string, triggers ...string) *scanner {
	return &scanner{re: regexp.MustCompile(expr), anchored: regexp.MustCompile(`^(?:` + expr + `)`), triggers: triggers}
}

// FindAllStringSubmatchIndex is regexp's, for n < 0.
func (sc *scanner) FindAllStringSubmatchIndex(s string, n int) [][]int {
	var starts []int
	for _, t := range sc.triggers {
		for i := 0; ; {
			j := indexLast(s[i:], t)
			if j < 0 {
				break
			}
			starts = append(starts, i+j)
			i += j + 1
		}
	}
	if len(starts) == 0 {
		return nil
	}
	slices.Sort(starts)
	var out [][]int
	next := 0 // matches do not overlap: the next starts at or after next
	for k, at := range starts {
		if at < next || k > 0 && at == starts[k-1] {
			continue
		}
		// Anchored, the expression gives up as soon as it cannot go on.
		loc := sc.anchored.FindStringSubmatchIndex(s[at:])
		if loc == nil {
			continue
		}
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += at
			}
		}
		out = append(out, loc)
		next = max(loc[1], at+1)
	}
	return out
}

// FindAllStringIndex is regexp's, for n < 0.
func (sc *scanner) FindAllStringIndex(s string, n int) [][]int {
	out := sc.FindAllStringSubmatchIndex(s, n)
	for i, m := range out {
		out[i] = m[:2]
	}
	return out
}

// FindAllStringSubmatch is regexp's, for n < 0.
func (sc *scanner) FindAllStringSubmatch(s string, n int) [][]string {
	var out [][]string
	for _, m := range sc.FindAllStringSubmatchIndex(s, n) {
		sub := make([]string, len(m)/2)
		for i := range sub {
			if m[2*i] >= 0 {
				sub[i] = s[m[2*i]:m[2*i+1]]
			}
		}
		out = append(out, sub)
	}
	return out
}

// indexLast returns the index of the first instance of t in s, or -1, as
// strings.Index does, but looks for t's last byte first: in Chinese text
// the first byte of a character is one of a few (most characters start
// with 0xE4 to 0xE9) and strings.Index stops at nearly every one, while a
// character's last byte takes one of 64 values.
func indexLast(s, t string) int {
	k := len(t) - 1
	if k < 0 {
		return 0
	}
	c := t[k]
	for i := k; i < len(s); {
		j := strings.IndexByte(s[i:], c)
		if j < 0 {
			return -1
		}
		if p := i + j - k; s[p:p+k] == t[:k] {
			return p
		}
		i += j + 1
	}
	return -1
}
