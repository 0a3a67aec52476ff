package report

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownKey is wrapped by the errors for a cell key that the template
// does not have (a misspelt key): from ParseKey, Key.Check, Report.Get and
// the Template methods. The error is a *KeyError, which names the key and,
// as a hint, the nearest key the template has.
var ErrUnknownKey = errors.New("unknown cell key")

// KeyError reports a cell key that the template does not have. It wraps
// ErrUnknownKey.
type KeyError struct {
	Key      string  // the key as given, in its dotted form
	Template Version // the template it was checked against; "" for the standard templates
	Nearest  string  // the nearest key the template has, as a hint
}

// Error returns `report: unknown cell key "KEY" in the TEMPLATE (nearest
// valid key: NEAREST)`.
func (e *KeyError) Error() string {
	where := "the standard templates"
	if e.Template != VersionUnknown {
		where = "the " + string(e.Template) + " template"
	}
	return fmt.Sprintf("report: %v %q in %s (nearest valid key: %s)", ErrUnknownKey, e.Key, where, e.Nearest)
}

// Unwrap returns ErrUnknownKey.
func (e *KeyError) Unwrap() error { return ErrUnknownKey }

// Keys returns the keys of every cell of the template, table by table,
// row by row, in template order.
func (t *Template) Keys() []Key {
	if t == nil {
		return nil
	}
	var keys []Key
	for _, s := range t.Sections {
		if s.Table == nil {
			continue
		}
		for _, row := range s.Table.Rows {
			for _, col := range row.Columns {
				keys = append(keys, Key{Table: s.Table.Key, Row: row.Key, Column: col.Key})
			}
		}
	}
	return keys
}

// Has reports whether the template has a cell at k.
func (t *Template) Has(k Key) bool { return t.Table(k.Table).Row(k.Row).Column(k.Column) != nil }

// CheckKey returns nil when the template has a cell at k, and otherwise a
// *KeyError (wrapping ErrUnknownKey) that names the nearest key it has. A nil
// Template stands for the standard templates: the key must be a cell of
// either version (KeyRequestsTotalNaturalPerson and the other Key
// variables are).
func (t *Template) CheckKey(k Key) error {
	ts := []*Template{t}
	if t == nil {
		ts = Templates()
	}
	for _, t := range ts {
		if t.Has(k) {
			return nil
		}
	}
	e := &KeyError{Key: k.String(), Nearest: nearestKey(ts, k)}
	if t != nil {
		e.Template = t.Version
	}
	return e
}

// ParseKey parses a dotted cell path such as
// requests.denied.state_secret.natural_person, as the package's ParseKey
// does, and checks it against the template (a nil Template: either
// standard version).
func (t *Template) ParseKey(path string) (Key, error) {
	k, err := splitKey(path)
	if err != nil {
		return Key{}, err
	}
	if err := t.CheckKey(k); err != nil {
		return Key{}, err
	}
	return k, nil
}

// Check returns nil when k is a cell of either standard template, and
// otherwise an error wrapping ErrUnknownKey that names the nearest key. A
// key built as a struct literal can be misspelt; the Key variables
// (KeyRequestsTotalNaturalPerson, ...) cannot.
func (k Key) Check() error { return (*Template)(nil).CheckKey(k) }

// nearestKey returns the key of the templates nearest to k: the least
// edit distance of table, row and column summed, so that a misspelt row
// keeps its column (the first in template order on a tie).
func nearestKey(ts []*Template, k Key) string {
	table, row, col := []rune(string(k.Table)), []rune(k.Row), []rune(k.Column)
	best, bestD := "", -1
	for _, t := range ts {
		for _, c := range t.Keys() {
			d := Distance(table, []rune(string(c.Table))) + Distance(row, []rune(c.Row)) + Distance(col, []rune(c.Column))
			if bestD < 0 || d < bestD {
				best, bestD = c.String(), d
			}
		}
	}
	return best
}

// ParseKey parses a dotted cell path such as
// requests.denied.state_secret.natural_person. The first element is the
// table, the last the column, and what stands between is the row. A path
// that is not a cell of either standard template is an error wrapping
// ErrUnknownKey, with the nearest valid key as a hint; for a template of
// one's own, use Template.ParseKey.
func ParseKey(path string) (Key, error) { return (*Template)(nil).ParseKey(path) }

// splitKey splits a dotted cell path into its table, row and column.
func splitKey(path string) (Key, error) {
	first := strings.IndexByte(path, '.')
	last := strings.LastIndexByte(path, '.')
	if first < 0 || first == last || first == 0 || last == len(path)-1 {
		return Key{}, fmt.Errorf("report: %q is not a cell path (table.row.column)", path)
	}
	k := Key{Table: SectionKey(path[:first]), Row: path[first+1 : last], Column: path[last+1:]}
	switch k.Table {
	case Active, Requests, Appeals:
	default:
		return Key{}, fmt.Errorf("report: %q: no table %q (want active, requests or appeals)", path, k.Table)
	}
	return k, nil
}

// Get returns the cell at a dotted path such as
// requests.total.natural_person. It is Lookup with the error Lookup drops:
// a malformed path is an error, and so is a path the report has no cell at
// and neither standard template has (a misspelt key: the error wraps
// ErrUnknownKey and names the nearest valid key). A cell of the template
// that the report does not have is (nil, nil). A cell the report has is
// returned even when its key is none of the standard templates' (a report
// of a template of one's own).
func (r *Report) Get(path string) (*Cell, error) {
	k, err := splitKey(path)
	if err != nil {
		return nil, err
	}
	if c := r.Cell(k); c != nil {
		return c, nil
	}
	if err := k.Check(); err != nil {
		return nil, err
	}
	return nil, nil
}
