package validate

import (
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/opengovcn/annualreport/report"
)

// TestFixInt holds fixInt, the integer findings' suggestion, to fixTo's.
func TestFixInt(t *testing.T) {
	k := report.Key{Table: report.Requests, Row: "total", Column: "total"}
	for _, n := range []int64{-1 << 40, -7, -1, 0, 1, 2, 99, 1 << 40} {
		if diff := cmp.Diff(fixTo(k, new(big.Rat).SetInt64(n)), fixInt(k, n), cmp.Comparer(func(a, b report.Dec) bool { return a.String() == b.String() })); diff != "" {
			t.Errorf("%d (-fixTo +fixInt):\n%s", n, diff)
		}
	}
}
