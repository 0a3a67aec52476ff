package parse

import (
	"slices"
	"strconv"

	"github.com/opengovcn/annualreport/report"
)

// The template's arithmetic, as the parsers use it to cut glued digits and
// place numbers: the identities of report's template data (rules 1, 3, 4
// and 5), never a copy of them.

// rowIdentities are the identities of a table along each of its rows
// (rule 4 in 表三, rule 5 in each group of 表四), of either template, each
// once.
func rowIdentities(table report.SectionKey) []report.Identity {
	return identityTable[table][report.EachRow]
}

// columnIdentities are the identities of a table down each of its columns
// (rules 1 and 3 in 表三), of either template, each once: a 2019 report's
// rule 3 has its single （六）其他处理 row where 2021's has three.
func columnIdentities(table report.SectionKey) []report.Identity {
	return identityTable[table][report.EachColumn]
}

// identityTable holds identities' results for each table and axis, made
// once: the glued reader asks for them at every row.
var identityTable = func() map[report.SectionKey]map[report.Axis][]report.Identity {
	m := map[report.SectionKey]map[report.Axis][]report.Identity{}
	for _, t := range []report.SectionKey{report.Active, report.Requests, report.Appeals} {
		m[t] = map[report.Axis][]report.Identity{
			report.EachRow:    identities(t, report.EachRow),
			report.EachColumn: identities(t, report.EachColumn),
		}
	}
	return m
}()

func identities(table report.SectionKey, along report.Axis) []report.Identity {
	var out []report.Identity
	for _, t := range report.Templates() {
		for _, id := range t.Table(table).Identities {
			if id.Along != along {
				continue
			}
			if !slices.ContainsFunc(out, func(o report.Identity) bool {
				return slices.Equal(o.Left, id.Left) && slices.Equal(o.Right, id.Right)
			}) {
				out = append(out, id)
			}
		}
	}
	return out
}

// holds reports whether an identity holds for the values val gives its
// keys (Σ Left = Σ Right), and whether it could be told: it cannot when a
// key has no value (not known yet) or a value too large to add.
func holds(id *report.Identity, val func(key string) (int64, bool)) (ok, told bool) {
	var sum int64
	for _, k := range id.Left {
		v, known := val(k)
		if !known {
			return false, false
		}
		sum += v
	}
	for _, k := range id.Right {
		v, known := val(k)
		if !known {
			return false, false
		}
		sum -= v
	}
	return sum == 0, true
}

// partValue reads a part of glued digits as an integer for the sums: a
// part too long to add is no value (and no sum holds with it).
func partValue(s string) (int64, bool) {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v > 1e15 {
		return 0, false
	}
	return v, true
}

// rowHolds reports whether the parts of a row known so far, the cells of
// the columns cols in order, break no identity along the row whose cells
// are all known: a cut is kept while it may still hold. A part that is no
// integer breaks the identities it is in.
func rowHolds(ids []report.Identity, cols []string, parts []string) bool {
	for i := range ids {
		ok, told := holds(&ids[i], func(key string) (int64, bool) {
			j := slices.Index(cols, key)
			if j < 0 || j >= len(parts) {
				return 0, false
			}
			v, ok := partValue(parts[j])
			if !ok {
				return -1 << 62, true // no integer: breaks the sum
			}
			return v, true
		})
		if told && !ok {
			return false
		}
	}
	return true
}

// keysOf returns the keys of columns, in order.
func keysOf(cols []report.ColumnSpec) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Key
	}
	return out
}
