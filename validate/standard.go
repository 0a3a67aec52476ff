package validate

// Standard returns the standard rules: the consistency rules of the
// template spec that can be checked (1 and 3 to 12; rule 2 cannot be checked
// from the tables), and the rules of the report's frame (sections,
// headings, tables, rows and cells). The rules are returned in a new slice
// each time; the *Rule values are shared, so do not modify them: copy one
// to change it.
func Standard() []*Rule {
	return []*Rule{
		// The frame.
		SectionMissing, SectionOrder, HeadingNumbering, HeadingWording, TableMissing,
		RowMissing, RowDuplicate, RowForeign, RowCells, CellBlank,
		// The tables (spec rules 1, 3 to 7).
		RequestsBalance, RequestsOutcomes, RequestsRowTotal, AppealsTotal, CellValues, CellUnit, TemplateYear,
		// Text and tables (rules 8 to 10).
		RequestCount, FeeStatement, YearConsistency,
		// Two years (rules 11 and 12).
		CarriedOver, InForce,
	}
}
