package report

import (
	"errors"
	"math/big"
	"strconv"
	"strings"
)

// Dec is an exact decimal number with the digits it was published with:
// 589.08 stays 589.08 and 2.50 stays 2.50; nothing is rounded through a
// float. The zero Dec is 0.
type Dec struct {
	s string // canonical: optional "-", integer digits without leading zeros, optional "." and fraction digits
}

// ErrSyntax is returned by ParseDec for text that is not a decimal number.
var ErrSyntax = errors.New("not a decimal number")

// ParseDec parses a decimal number written with ASCII digits: an optional
// sign, digits, and an optional fraction (".5" and "5." are accepted).
// Leading zeros and a "+" sign are dropped; the fraction is kept as written.
func ParseDec(s string) (Dec, error) {
	if s != "" && s[0] > '0' && s[0] <= '9' && allDigits(s) { // most cells: canonical as written
		return Dec{s: s}, nil
	}
	if s == "0" { // most of the others
		return Dec{}, nil
	}
	neg := false
	body := s
	if body != "" && (body[0] == '+' || body[0] == '-') {
		neg = body[0] == '-'
		body = body[1:]
	}
	intPart, frac, hasDot := strings.Cut(body, ".")
	if intPart == "" && frac == "" || !allDigits(intPart) || !allDigits(frac) || hasDot && frac == "" && intPart == "" {
		return Dec{}, &strconv.NumError{Func: "ParseDec", Num: s, Err: ErrSyntax}
	}
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if neg && strings.Trim(out, "0.") != "" {
		out = "-" + out
	}
	if out == "0" {
		return Dec{}, nil
	}
	return Dec{s: out}, nil
}

// MustDec is like ParseDec but panics on error. It is meant for constants
// in code and tests.
func MustDec(s string) Dec {
	d, err := ParseDec(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DecInt returns the Dec of an integer.
func DecInt(n int64) Dec {
	if n == 0 {
		return Dec{}
	}
	return Dec{s: strconv.FormatInt(n, 10)}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String returns the number with its digits, e.g. "589.08", "-3", "0".
func (d Dec) String() string {
	if d.s == "" {
		return "0"
	}
	return d.s
}

// Equal reports whether d and e are written with the same digits. (2.5 and
// 2.50 are not Equal; compare Rat values for numeric equality.)
func (d Dec) Equal(e Dec) bool { return d.s == e.s }

// IsInt reports whether d has no fraction digits.
func (d Dec) IsInt() bool { return !strings.Contains(d.s, ".") }

// Sign returns -1, 0 or +1.
func (d Dec) Sign() int {
	switch {
	case strings.HasPrefix(d.s, "-"):
		return -1
	case strings.Trim(d.s, "0.") == "":
		return 0
	}
	return 1
}

// Int64 returns d as an int64, and whether it is an integer that fits.
func (d Dec) Int64() (int64, bool) {
	if len(d.s) <= 18 { // most cells: read the digits (18 of them fit int64)
		s, neg := d.s, strings.HasPrefix(d.s, "-")
		if neg {
			s = s[1:]
		}
		var n int64
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false // a fraction: not an integer
			}
			n = n*10 + int64(c-'0')
		}
		if neg {
			n = -n
		}
		return n, true
	}
	if !d.IsInt() {
		return 0, false
	}
	n, err := strconv.ParseInt(d.String(), 10, 64)
	return n, err == nil
}

// Rat returns d as an exact rational number, for arithmetic.
func (d Dec) Rat() *big.Rat {
	if len(d.s) < 19 && !strings.Contains(d.s, ".") { // most cells: an integer that fits int64
		if n, err := strconv.ParseInt(d.String(), 10, 64); err == nil {
			return new(big.Rat).SetInt64(n)
		}
	}
	r, ok := new(big.Rat).SetString(d.String())
	if !ok { // cannot happen for a Dec made by ParseDec
		return new(big.Rat)
	}
	return r
}
