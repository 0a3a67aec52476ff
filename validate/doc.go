// Package validate checks 政府信息公开工作年度报告 against the consistency rules
// of the standard template (勾稽关系 and the rest) and against rules of the
// caller's own.
//
// A Rule is a value: a stable ID, a title, a doc and a Run function that
// looks at a report (a Pass) and adds Findings. Standard returns the rules of
// the template spec; a caller passes any set of rules to a Checker, which
// checks the set (unique IDs, a Run each), runs every rule on a report and
// returns the findings in source order. A rule that fails as code (returns an
// error or panics) is reported in the error Check returns, and the other
// rules still run.
//
// A Finding is data: the rule, a severity (Error, Warning or Notice; the
// caller may override a rule's), the cells involved by their keys, the
// position in the source of the cell it is about, a message in Chinese for
// the people who fix reports, and, where there is one, a suggested
// correction (Fix) that is never applied.
//
// The template's arithmetic is data (report.Identity, in each table's
// spec): the four sum rules (requests-balance, requests-outcomes,
// requests-row-total, appeals-total) are one engine over the identities of
// their spec rule number, each wording its findings its own way; SumRule
// makes a rule of the same engine for an identity of one's own. A Checker
// checks reports against their own template, or against Checker.Template
// (a changed copy of a standard one, report.Template.Clone), whose rows,
// columns and identities every rule then reads (Pass.Spec).
//
// Blank and text cells are not zeros: a rule whose inputs include one does
// not assume 0, it adds a Notice finding that says the check could not be
// made (Finding.Unchecked). Checker.BlankAsZero lets a caller who knows
// better treat blank cells as 0.
//
// A misspelt cell key is a bug in a rule, and it shows at once rather
// than as a rule that never fires: Pass.Number and Pass.Cell panic on a
// key no template has, which Check returns as the rule's *RuleError
// (wrapping report.ErrUnknownKey, naming the nearest valid key); the keys a
// rule declares (Rule.Keys) are checked before anything runs; and
// validatetest.CheckKeys runs a rule on reports where every cell is
// present, in the rule's test. The report.Key variables
// (report.KeyActiveLicensingDecisions) cannot be misspelt.
//
// Rules that compare two reports of the same agency in consecutive years
// (rules 11 and 12 of the spec) have Across set; Checker.Series runs them on
// each pair.
package validate
