package validate

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// Severity says how bad a finding is.
type Severity int8

// Severities, from least to most severe. Default is the zero value: in a
// Finding it means the rule's own severity, in Rule.Severity it means Error.
const (
	Default Severity = iota
	Notice           // worth a look: a wording, a numbering, a check that could not be made
	Warning          // probably wrong, but a report can be right and break it
	Error            // the published numbers cannot all be true, or something required is missing
)

// String returns "notice", "warning", "error" or "default".
func (s Severity) String() string {
	switch s {
	case Default:
		return "default"
	case Notice:
		return "notice"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalText returns the severity's name, for JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// ParseSeverity parses "notice", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	for _, v := range []Severity{Notice, Warning, Error} {
		if s == v.String() {
			return v, nil
		}
	}
	return Default, fmt.Errorf("validate: unknown severity %q (want notice, warning or error)", s)
}

// A Rule is one check of a report. Rules are plain values: write one as a
// struct literal and pass it, with others, to a Checker.
type Rule struct {
	// ID is the rule's stable name: lower-case words joined by hyphens,
	// such as requests-balance. Findings carry it; callers select and
	// configure rules by it.
	ID string
	// Title says in one line what the rule checks.
	Title string
	// Doc says what the rule checks, why, and what it cannot see.
	Doc string
	// Severity is the severity of the rule's findings unless a finding
	// sets its own or the Checker overrides it. Default means Error.
	Severity Severity
	// Across is set for a rule that compares a report with the same
	// agency's report of the year before (Pass.Prev). Checker.Series runs
	// such rules; Checker.Check skips them.
	Across bool
	// Run checks pass.Report and adds findings with pass.Add. An error
	// means the rule itself failed, not the report.
	Run func(pass *Pass) error
	// Keys are the cells the rule reads, when it declares them (it need
	// not). CheckRules checks them against the standard templates, and a
	// Checker against its Template too, before anything runs: a key no
	// template has makes an error wrapping ErrRules and
	// report.ErrUnknownKey. Use the report.Key variables
	// (report.KeyActiveLicensingDecisions), which cannot be misspelt.
	Keys []report.Key
}

// A Finding is something a rule found in a report.
type Finding struct {
	Rule     string   // the rule's ID
	Severity Severity // never Default once returned by a Checker
	// Cells are the cells involved, by key. The first is the cell the
	// finding is about (for a broken sum, the total).
	Cells []report.Key
	// Section is the section the finding is about when it is not about
	// cells (a missing heading, a statement in the prose).
	Section report.SectionKey
	// Src is where in the source the finding points: the cell it is about,
	// the heading or the sentence. Zero when the report was not parsed.
	Src report.Source
	// Message says what is wrong, in Chinese, with the numbers.
	Message string
	// Fixes are suggested corrections: values the cells would need for
	// the rule to hold. They are suggestions only; nothing applies them.
	Fixes []Fix
	// Unchecked is set when the rule could not be checked (a cell it
	// needs is blank, text or missing); such findings are Notices.
	Unchecked bool
	// Related are places in another report (for an Across rule, the
	// report of the year before) that the finding is also about.
	Related []Related
	// Report is the report the finding is about.
	Report *report.Report
	// File names the report's file, for String. Checkers leave it empty;
	// callers that know the file set it.
	File string
}

// Fix is a suggested correction: the value Cell would need.
type Fix struct {
	Cell  report.Key
	Value report.Value
}

// Related is a place in another report that a finding is about.
type Related struct {
	Report *report.Report
	File   string // set by callers that know it
	Year   int
	Cells  []report.Key
	Src    report.Source
}

// String formats the finding as FILE:LINE:COL: rule: message, leaving out
// what is not known. A finding in a PDF (Src.Page set) is FILE:PAGE:X,Y:
// rule: message instead, X and Y the top-left corner of the cell or line
// in points from the page's top-left corner, rounded.
func (f Finding) String() string {
	var b strings.Builder
	if f.File != "" {
		b.WriteString(f.File)
		b.WriteString(":")
	}
	switch {
	case f.Src.Page > 0:
		fmt.Fprintf(&b, "%d:%.0f,%.0f:", f.Src.Page, f.Src.Box.X0, f.Src.Box.Y0)
	case !f.Src.IsZero():
		fmt.Fprintf(&b, "%d:%d:", f.Src.Line, f.Src.Col)
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	b.WriteString(f.Rule)
	b.WriteString(": ")
	b.WriteString(f.Message)
	return b.String()
}

// A Pass is what a rule's Run gets: the report to check, and the means to
// report findings. It is good for that Run only: a Checker reuses it for
// the next rule, so a rule must not keep it.
type Pass struct {
	Rule   *Rule
	Report *report.Report
	// Prev is, for an Across rule, the same agency's report of the year
	// before Report's; nil otherwise.
	Prev *report.Report
	// BlankAsZero is set when the caller asked for blank cells to count as
	// 0 (Checker.BlankAsZero).
	BlankAsZero bool
	// Template is the template the report is checked against, when the
	// caller gave one (Checker.Template); nil for the report's own. Rules
	// read it with Spec.
	Template *report.Template

	add func(Finding)

	// The table and row of the last cell looked up by cell: the rules
	// read a table row by row or column by column, so the next row is
	// nearly always the one found last or the one after it.
	hintReport *report.Report
	hintTable  *report.Table
	hintKey    report.SectionKey
	hintRow    int
	hintUnique bool // no two rows of hintTable have the same key

	// The row spec of the last cell columnSpec was asked for.
	specTable report.SectionKey
	specRow   string
	specOf    *report.RowSpec
}

// cell returns the cell at k, as p.Report.Cell does, starting its search
// where the last one ended.
func (p *Pass) cell(k report.Key) *report.Cell {
	return p.row(k.Table, k.Row).Cell(k.Column)
}

// row returns the first row with the key in the table, as p.Report's
// Table and Row find it, starting its search where the last one ended.
func (p *Pass) row(table report.SectionKey, key string) *report.Row {
	if p.hintTable == nil || p.hintKey != table || p.hintReport != p.Report {
		p.hintReport, p.hintTable, p.hintKey, p.hintRow = p.Report, p.Report.Table(table), table, 0
		p.hintUnique = p.hintTable != nil && uniqueRows(p.hintTable)
	}
	t := p.hintTable
	if t == nil {
		return nil
	}
	if !p.hintUnique {
		return t.Row(key) // the first row with the key
	}
	n := len(t.Rows)
	for i := 0; i < n; i++ {
		j := p.hintRow + i
		if j >= n {
			j -= n
		}
		if t.Rows[j].Key == key {
			p.hintRow = j
			return &t.Rows[j]
		}
	}
	return nil
}

// uniqueRows reports whether no two rows of t have the same key.
func uniqueRows(t *report.Table) bool {
	for i := range t.Rows {
		for j := i + 1; j < len(t.Rows); j++ {
			if t.Rows[i].Key == t.Rows[j].Key {
				return false
			}
		}
	}
	return true
}

// Add adds a finding. Rule, Report and a Default severity are filled in;
// a zero Src is filled in from the first cell or the section. Like Number,
// it panics on a cell (in Cells or Fixes) that the report does not have
// and no template has: a finding about a misspelt key.
func (p *Pass) Add(f Finding) {
	f.Rule = p.Rule.ID
	if f.Report == nil {
		f.Report = p.Report
	}
	for _, k := range f.Cells {
		p.known(f.Report, k)
	}
	for _, fix := range f.Fixes {
		p.known(f.Report, fix.Cell)
	}
	if f.Src.IsZero() {
		switch {
		case len(f.Cells) > 0:
			f.Src = Where(f.Report, f.Cells[0])
		case f.Section != "":
			if s := f.Report.Section(f.Section); s != nil {
				f.Src = s.Src
			}
		}
	}
	p.add(f)
}

// Reportf adds a finding about cells with a formatted message.
func (p *Pass) Reportf(cells []report.Key, format string, args ...any) {
	p.Add(Finding{Cells: cells, Message: fmt.Sprintf(format, args...)})
}

// Unchecked adds a Notice saying the rule could not be checked on cells
// because the cells in bad are blank, text or missing.
func (p *Pass) Unchecked(cells, bad []report.Key, what string) {
	var names []string
	for _, k := range bad {
		p.known(p.Report, k)
		names = append(names, p.Name(k)+describe(p.Report.Cell(k)))
	}
	p.Add(Finding{
		Cells:     cells,
		Severity:  Notice,
		Unchecked: true,
		Src:       Where(p.Report, bad[0]),
		Message:   fmt.Sprintf("无法核对%s：%s，不是数字", what, strings.Join(names, "、")),
	})
}

// describe says what a cell that is not a number holds.
func describe(c *report.Cell) string {
	switch {
	case c == nil:
		return "缺失"
	case c.Kind == report.Blank:
		return "为空"
	case c.Kind == report.Text:
		return "为“" + c.Text + "”"
	}
	return "为" + c.Value.String()
}

// Number returns the number in the cell at k, and false when the cell is
// missing, holds text or is blank (a blank counts as 0 when BlankAsZero
// is set).
//
// A key that no template has (a misspelt key) is a bug in the rule, not
// a missing cell: Number panics with an error wrapping
// report.ErrUnknownKey that names the key and the nearest valid one, and
// the Checker returns it from Check as the rule's *RuleError. The key is
// checked against the template the report is checked against (Spec) and
// both standard templates, when the report has no cell at k. Use the
// report.Key variables (report.KeyRequestsTotalNaturalPerson), which cannot
// be misspelt, and validatetest.CheckKeys in the rule's test, which runs
// the rule where every cell is present.
func (p *Pass) Number(k report.Key) (report.Dec, bool) {
	return p.number(p.Cell(k))
}

// Cell returns the cell at k, or nil when the report does not have it. Like
// Number, it panics on a key that no template has.
func (p *Pass) Cell(k report.Key) *report.Cell {
	c := p.cell(k)
	if c == nil {
		p.checkKey(k)
	}
	return c
}

// known panics when neither r nor a template has a cell at k.
func (p *Pass) known(r *report.Report, k report.Key) {
	if r == p.Report && p.cell(k) == nil || r != p.Report && r.Cell(k) == nil {
		p.checkKey(k)
	}
}

// checkKey panics when neither the template the report is checked against
// nor a standard template has a cell at k.
func (p *Pass) checkKey(k report.Key) {
	if k.Check() == nil {
		return
	}
	t := p.Template
	if t == nil && p.Report != nil {
		t = spec(p.Report)
	}
	if t.Has(k) {
		return
	}
	if p.Template == nil {
		t = nil // name the nearest key of both versions
	}
	panic(unknownKey{t.CheckKey(k)})
}

// unknownKey is the panic of a rule that reads a cell no template has:
// the Checker returns the error as the rule's, without "panic:".
type unknownKey struct{ err error }

func (u unknownKey) Error() string { return u.err.Error() }
func (u unknownKey) Unwrap() error { return u.err }

// number returns the number in c as Number does.
func (p *Pass) number(c *report.Cell) (report.Dec, bool) {
	switch {
	case c == nil:
		return report.Dec{}, false
	case c.Kind == report.Number:
		return c.Num, true
	case c.Kind == report.Blank && p.BlankAsZero:
		return report.Dec{}, true
	}
	return report.Dec{}, false
}

// Name returns how the report's people call the cell at k: its table, row
// and column by their official labels, as in 表三“（七）总计”自然人列.
func (p *Pass) Name(k report.Key) string {
	if p.Template != nil {
		return Name(p.Template, k)
	}
	return Name(p.Report.Spec(), k)
}

// Spec returns the template the report is checked against: Template, or
// the report's own, or when its tables do not tell, the one of its year,
// or 2021.
func (p *Pass) Spec() *report.Template {
	if p.Template != nil {
		return p.Template
	}
	return spec(p.Report)
}

// Name returns the official name of the cell at k in template t (or, for
// a row t does not have, in the other version; both are tried when t is
// nil): 表三“（三）不予公开/1.属于国家秘密”自然人列,
// 表四“行政复议”总计列, 表二“规章”本年制发件数列.
func Name(t *report.Template, k report.Key) string {
	tab, row := rowSpec(t, k.Table, k.Row)
	if row == nil {
		return k.String()
	}
	col := k.Column
	if c := row.Column(k.Column); c != nil {
		col = c.Label
	}
	return fmt.Sprintf("%s“%s”%s列", tab.Name, rowLabel(k.Table, row), col)
}

// rowSpec returns the spec of a row and its table: in t, or for a row t
// does not have, in the other version (both are tried when t is nil).
func rowSpec(t *report.Template, table report.SectionKey, row string) (*report.TableSpec, *report.RowSpec) {
	if r := t.Table(table).Row(row); r != nil {
		return t.Table(table), r
	}
	for _, t := range report.Templates() {
		if r := t.Table(table).Row(row); r != nil {
			return t.Table(table), r
		}
	}
	return nil, nil
}

// rowLabel returns a row's official label with the merged labels before
// it, joined by "/": （三）不予公开/1.属于国家秘密.
func rowLabel(table report.SectionKey, row *report.RowSpec) string {
	path := row.Path
	if table == report.Requests && len(path) > 0 {
		path = path[1:] // 三、本年度办理结果 heads every outcome row; it says nothing
	}
	return strings.Join(append(slices.Clone(path), row.Label), "/")
}

// Where returns the position of the cell at k in r's source: the cell's, or
// when the cell is missing its row's, its table's or its section's.
func Where(r *report.Report, k report.Key) report.Source {
	if c := r.Cell(k); c != nil && !c.Src.IsZero() {
		return c.Src
	}
	if row := r.Table(k.Table).Row(k.Row); row != nil && !row.Src.IsZero() {
		return row.Src
	}
	if t := r.Table(k.Table); t != nil && !t.Src.IsZero() {
		return t.Src
	}
	if s := r.Section(k.Table); s != nil {
		return s.Src
	}
	return report.Source{}
}

// A Checker runs rules on reports. The zero Checker runs the Standard
// rules with their default severities.
type Checker struct {
	// Rules are the rules to run; nil means Standard().
	Rules []*Rule
	// Severity overrides the severity of the findings of the rules it
	// names by ID (findings that say a rule could not be checked stay
	// Notices).
	Severity map[string]Severity
	// BlankAsZero counts blank cells as 0 instead of reporting that the
	// rules that need them could not be checked. Text cells are never
	// numbers.
	BlankAsZero bool
	// Template is the template to check every report against; nil for
	// each report's own (its version's, else its year's). Give a changed
	// copy of a standard template (report.Template.Clone) to check reports
	// of a template of one's own: the rules read its rows, columns and
	// identities.
	Template *report.Template
}

// RuleError reports a rule that failed as code: its Run returned an error
// or panicked. The report's other rules still ran.
type RuleError struct {
	Rule  string
	Err   error
	Stack string // the stack of a panic
}

// Error returns "rule ID: error".
func (e *RuleError) Error() string { return "validate: rule " + e.Rule + ": " + e.Err.Error() }

// Unwrap returns the rule's error.
func (e *RuleError) Unwrap() error { return e.Err }

// ErrRules is wrapped by the error a Checker returns for a rule set it
// cannot run.
var ErrRules = errors.New("validate: invalid rule set")

// isRuleID reports whether id is lower-case words (a-z, 0-9) joined by
// single hyphens: ^[a-z0-9]+(-[a-z0-9]+)*$.
func isRuleID(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// CheckRules checks a rule set before use: every rule has a well-formed,
// unique ID, a one-line title, a valid severity, a Run function, and
// declares (Rule.Keys) only cells that a standard template has.
func CheckRules(rules []*Rule) error { return checkRules(rules, nil) }

// checkRules is CheckRules, where the keys a rule declares may also be
// cells of tmpl.
func checkRules(rules []*Rule, tmpl *report.Template) error {
	var errs []error
	var seen map[string]bool // for many rules; a few are compared pairwise, without a map per Check
	if len(rules) > 64 {
		seen = map[string]bool{}
	}
	used := func(i int) bool { // whether a rule before rules[i] has its ID
		if seen != nil {
			u := seen[rules[i].ID]
			seen[rules[i].ID] = true
			return u
		}
		for _, o := range rules[:i] {
			if o != nil && o.ID == rules[i].ID {
				return true
			}
		}
		return false
	}
	for i, r := range rules {
		switch {
		case r == nil:
			errs = append(errs, fmt.Errorf("%w: rule %d is nil", ErrRules, i))
			continue
		case !isRuleID(r.ID):
			errs = append(errs, fmt.Errorf("%w: rule %d: ID %q is not lower-case words joined by hyphens", ErrRules, i, r.ID))
		case used(i):
			errs = append(errs, fmt.Errorf("%w: rule ID %q is used twice", ErrRules, r.ID))
		}
		if r.Title == "" || strings.Contains(r.Title, "\n") {
			errs = append(errs, fmt.Errorf("%w: rule %q: the title must be one line", ErrRules, r.ID))
		}
		if r.Run == nil {
			errs = append(errs, fmt.Errorf("%w: rule %q has no Run function", ErrRules, r.ID))
		}
		if r.Severity < Default || r.Severity > Error {
			errs = append(errs, fmt.Errorf("%w: rule %q: invalid severity %d", ErrRules, r.ID, r.Severity))
		}
		for _, k := range r.Keys {
			if tmpl.Has(k) {
				continue
			}
			if err := k.Check(); err != nil {
				errs = append(errs, fmt.Errorf("%w: rule %q declares %w", ErrRules, r.ID, err))
			}
		}
	}
	return errors.Join(errs...)
}

func (c *Checker) rules() []*Rule {
	if c == nil || c.Rules == nil {
		return Standard()
	}
	return c.Rules
}

func (c *Checker) check() error {
	if c == nil {
		return CheckRules(c.rules())
	}
	if err := checkRules(c.rules(), c.Template); err != nil {
		return err
	}
	for id, s := range c.Severity {
		if !slices.ContainsFunc(c.rules(), func(r *Rule) bool { return r.ID == id }) {
			return fmt.Errorf("%w: severity set for unknown rule %q", ErrRules, id)
		}
		if s < Notice || s > Error {
			return fmt.Errorf("%w: invalid severity %d for rule %q", ErrRules, s, id)
		}
	}
	return nil
}

// Check runs the checker's rules (those that are not Across) on r and
// returns the findings in source order. The error is non-nil when the rule
// set is invalid (wrapping ErrRules; nothing runs) or when rules failed as
// code (a *RuleError each, joined; the findings of every rule that ran are
// returned).
func (c *Checker) Check(r *report.Report) ([]Finding, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	if r == nil {
		r = &report.Report{}
	}
	rn := c.runner()
	var errs []error
	for _, rule := range c.rules() {
		if rule.Across {
			continue
		}
		if err := rn.run(rule, r, nil); err != nil {
			errs = append(errs, err)
		}
	}
	Sort(rn.out)
	return rn.out, errors.Join(errs...)
}

// run runs one rule, turning a panic into a *RuleError.
// A runner runs rules one after another with one Pass, reset for each.
type runner struct {
	c    *Checker
	pass Pass
	add  func(Finding) // adds to out with the severity of pass.Rule
	out  []Finding
}

func (c *Checker) runner() *runner {
	rn := &runner{c: c}
	rn.add = func(f Finding) {
		rule := rn.pass.Rule
		if f.Severity == Default {
			f.Severity = rule.Severity
			if f.Severity == Default {
				f.Severity = Error
			}
			if c != nil {
				if s, ok := c.Severity[rule.ID]; ok {
					f.Severity = s
				}
			}
		}
		rn.out = append(rn.out, f)
	}
	return rn
}

func (rn *runner) run(rule *Rule, r, prev *report.Report) (err error) {
	rn.pass = Pass{Rule: rule, Report: r, Prev: prev, add: rn.add}
	if rn.c != nil {
		rn.pass.BlankAsZero, rn.pass.Template = rn.c.BlankAsZero, rn.c.Template
	}
	pass := &rn.pass
	defer func() {
		if v := recover(); v != nil {
			e := fmt.Errorf("panic: %v", v)
			if u, ok := v.(unknownKey); ok {
				e = u.err // wraps report.ErrUnknownKey
			}
			err = &RuleError{Rule: rule.ID, Err: e, Stack: string(debug.Stack())}
		}
	}()
	if e := rule.Run(pass); e != nil {
		return &RuleError{Rule: rule.ID, Err: e}
	}
	return nil
}

// ErrSeries is wrapped by the error Series returns for reports it cannot
// put in a series.
var ErrSeries = errors.New("validate: reports do not make a series")

// Series runs the checker's Across rules (rules 11 and 12 of the spec) on
// reports of the same agency in consecutive years: reports are grouped by
// agency and each report is compared with the agency's report of the year
// before, when there is one. Findings are about the later report and name
// the earlier one in Related. A report without agency or year, or two
// reports of one agency for the same year, make an error wrapping
// ErrSeries; the other reports are still compared.
func (c *Checker) Series(reports ...*report.Report) ([]Finding, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	var errs []error
	byAgency := map[string][]*report.Report{}
	for i, r := range reports {
		if r == nil || r.Agency == "" || r.Year == 0 {
			errs = append(errs, fmt.Errorf("%w: report %d has no agency or no year", ErrSeries, i))
			continue
		}
		a := report.Fold(r.Agency)
		byAgency[a] = append(byAgency[a], r)
	}
	rn := c.runner()
	for _, a := range slices.Sorted(maps.Keys(byAgency)) {
		rs := byAgency[a]
		slices.SortStableFunc(rs, func(x, y *report.Report) int { return cmp.Compare(x.Year, y.Year) })
		for i := 1; i < len(rs); i++ {
			prev, cur := rs[i-1], rs[i]
			if prev.Year == cur.Year {
				errs = append(errs, fmt.Errorf("%w: two reports of %s for %d", ErrSeries, cur.Agency, cur.Year))
				continue
			}
			if prev.Year != cur.Year-1 {
				continue
			}
			for _, rule := range c.rules() {
				if !rule.Across {
					continue
				}
				if err := rn.run(rule, cur, prev); err != nil {
					errs = append(errs, err)
				}
			}
		}
	}
	Sort(rn.out)
	return rn.out, errors.Join(errs...)
}

// Sort sorts findings in source order: by report (in the order they
// first appear), then by line and column, with findings that have no
// position first, then by rule ID and cells.
func Sort(fs []Finding) {
	order := map[*report.Report]int{}
	for _, f := range fs {
		if _, ok := order[f.Report]; !ok {
			order[f.Report] = len(order)
		}
	}
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(order[a.Report], order[b.Report]),
			cmp.Compare(a.Src.Line, b.Src.Line),
			cmp.Compare(a.Src.Col, b.Src.Col),
			cmp.Compare(a.Rule, b.Rule),
			slices.CompareFunc(a.Cells, b.Cells, func(x, y report.Key) int { return cmp.Compare(x.String(), y.String()) }),
		)
	})
}

// Select returns the rules of rules named by spec, a comma-separated list
// of rule IDs: "a,b" keeps only a and b, "-a,-b" keeps all but a and b.
// Mixing the two forms, or naming an unknown rule, is an error.
func Select(rules []*Rule, spec string) ([]*Rule, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return rules, nil
	}
	var keep, drop []string
	for _, id := range strings.Split(spec, ",") {
		id = strings.TrimSpace(id)
		list := &keep
		if strings.HasPrefix(id, "-") {
			id, list = id[1:], &drop
		}
		if !slices.ContainsFunc(rules, func(r *Rule) bool { return r.ID == id }) {
			return nil, fmt.Errorf("validate: no rule %q", id)
		}
		*list = append(*list, id)
	}
	if len(keep) > 0 && len(drop) > 0 {
		return nil, fmt.Errorf("validate: %q both selects and disables rules", spec)
	}
	var out []*Rule
	for _, r := range rules {
		if len(keep) > 0 && slices.Contains(keep, r.ID) || len(drop) > 0 && !slices.Contains(drop, r.ID) {
			out = append(out, r)
		}
	}
	return out, nil
}
