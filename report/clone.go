package report

import "slices"

// Clone returns a deep copy of t, which can be changed (a row or an
// identity added, a label respelled) without changing t: a template of
// one's own, for a Checker or a Builder that take one.
func (t *Template) Clone() *Template {
	if t == nil {
		return nil
	}
	c := *t
	c.Sections = slices.Clone(t.Sections)
	for i := range c.Sections {
		s := &c.Sections[i]
		s.Aliases, s.Keywords = slices.Clone(s.Aliases), slices.Clone(s.Keywords)
		if s.Table == nil {
			continue
		}
		tab := *s.Table
		tab.Header = slices.Clone(tab.Header)
		tab.Rows = cloneRows(tab.Rows)
		tab.Identities = slices.Clone(tab.Identities)
		for j := range tab.Identities {
			id := &tab.Identities[j]
			id.Left, id.Right = slices.Clone(id.Left), slices.Clone(id.Right)
		}
		tab.StandIns = slices.Clone(tab.StandIns)
		for j := range tab.StandIns {
			tab.StandIns[j].Rows = slices.Clone(tab.StandIns[j].Rows)
			tab.StandIns[j].By = cloneRows(tab.StandIns[j].By)
		}
		s.Table = &tab
	}
	return &c
}

func cloneRows(rows []RowSpec) []RowSpec {
	rows = slices.Clone(rows)
	for i := range rows {
		r := &rows[i]
		r.Path, r.Aliases = slices.Clone(r.Path), slices.Clone(r.Aliases)
		r.Columns = slices.Clone(r.Columns)
		for j := range r.Columns {
			c := &r.Columns[j]
			c.Path, c.Aliases = slices.Clone(c.Path), slices.Clone(c.Aliases)
		}
	}
	return rows
}
