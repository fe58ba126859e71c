package scout

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file reads the YAML that Scout test files are written in: block and
// flow collections, plain, quoted and block scalars, comments. It is ours
// rather than a YAML library because the library's size and start-up time
// (its package init compiles regular expressions) weighed on the browser
// core. What test files do not need (anchors, aliases, tags, directives,
// complex keys, several documents) is refused with a message naming the
// line, never guessed at.

// maxYAMLDepth bounds how deeply collections nest, so that hostile input
// cannot exhaust the stack.
const maxYAMLDepth = 100

// yamlKind is the kind of a yamlNode.
type yamlKind int

const (
	yamlScalar yamlKind = iota
	yamlSequence
	yamlMapping
)

// yamlNode is a node of a YAML document.
type yamlNode struct {
	kind yamlKind
	line int
	// value is a scalar's text, escapes and folding applied.
	value string
	// plain says a scalar was written without quotes or block indicator,
	// so that null, ~ and nothing at all mean null and digits a number.
	plain bool
	// items are a sequence's items.
	items []*yamlNode
	// keys and values are a mapping's pairs, in order; keys are scalars.
	keys, values []*yamlNode
}

// isNull says n is YAML's null: nothing, ~ or null, unquoted.
func (n *yamlNode) isNull() bool {
	if n.kind != yamlScalar || !n.plain {
		return false
	}
	switch n.value {
	case "", "~", "null", "Null", "NULL":
		return true
	}
	return false
}

// get returns the value of the mapping n for key, or nil.
func (n *yamlNode) get(key string) *yamlNode {
	for i, k := range n.keys {
		if k.value == key {
			return n.values[i]
		}
	}
	return nil
}

// yamlError is an error at a line of the YAML text.
func yamlError(line int, format string, args ...any) error {
	return fmt.Errorf("yaml: line %d: %s", line, fmt.Sprintf(format, args...))
}

// yamlParser reads one document from src.
type yamlParser struct {
	src       string
	pos       int
	line      int
	lineStart int
	depth     int
}

// parseYAML parses text, one YAML document, into a tree; an empty
// document is a null scalar.
func parseYAML(text []byte) (*yamlNode, error) {
	p := &yamlParser{src: strings.TrimPrefix(string(text), "\uFEFF"), line: 1}
	if err := checkYAMLText(p.src); err != nil {
		return nil, err
	}
	if err := p.skipBlank(); err != nil {
		return nil, err
	}
	if p.atMarker("%") {
		return nil, yamlError(p.line, "directives are not supported")
	}
	if p.atMarker("---") {
		p.pos += 3
		p.skipInline()
		if !p.atLineEnd() {
			return nil, yamlError(p.line, "content after --- is not supported: start it on the next line")
		}
		if err := p.skipBlank(); err != nil {
			return nil, err
		}
	}
	root := &yamlNode{kind: yamlScalar, plain: true, line: p.line}
	if !p.eof() && !p.atDocumentEnd() {
		var err error
		if root, err = p.blockNode(-1); err != nil {
			return nil, err
		}
		if err := p.skipBlank(); err != nil {
			return nil, err
		}
	}
	if p.atDocumentEnd() {
		if p.atMarker("---") {
			return nil, yamlError(p.line, "more than one document is not supported")
		}
		p.pos += 3
		if err := p.skipBlank(); err != nil {
			return nil, err
		}
		if !p.eof() {
			return nil, yamlError(p.line, "more than one document is not supported")
		}
	}
	if !p.eof() {
		return nil, yamlError(p.line, "unexpected %s: check the indentation", p.describe())
	}
	return root, nil
}

// checkYAMLText refuses text that is not UTF-8 or holds characters YAML
// does not allow, such as control characters other than tab and line
// breaks.
func checkYAMLText(text string) error {
	line := 1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return yamlError(line, "the text is not UTF-8")
		case r == '\n':
			line++
		case r == '\t' || r == '\r' || r == 0x85:
		case r < 0x20 || r >= 0x7f && r < 0xa0 || r == 0xfffe || r == 0xffff:
			return yamlError(line, "character %U is not allowed: YAML allows no control characters but tab and line breaks", r)
		}
		i += size
	}
	return nil
}

func (p *yamlParser) eof() bool { return p.pos >= len(p.src) }

// peek returns the byte at pos+i, or 0 past the end.
func (p *yamlParser) peek(i int) byte {
	if p.pos+i < len(p.src) {
		return p.src[p.pos+i]
	}
	return 0
}

func (p *yamlParser) col() int { return p.pos - p.lineStart }

// isBreakOrEnd says c ends a line (0 stands for the end of the text).
func isBreakOrEnd(c byte) bool { return c == '\n' || c == '\r' || c == 0 }

// isBlankOrEnd says c is white space, a line end or the end of the text.
func isBlankOrEnd(c byte) bool { return c == ' ' || c == '\t' || isBreakOrEnd(c) }

// atLineEnd says only a line break or the end of the text follows.
func (p *yamlParser) atLineEnd() bool { return isBreakOrEnd(p.peek(0)) }

// atMarker says a document marker or directive, m, starts the line here.
func (p *yamlParser) atMarker(m string) bool {
	if p.col() != 0 || !strings.HasPrefix(p.src[p.pos:], m) {
		return false
	}
	return m == "%" || isBlankOrEnd(p.peek(len(m)))
}

// atDocumentEnd says a document ends here, with ... or another ---.
func (p *yamlParser) atDocumentEnd() bool { return p.atMarker("...") || p.atMarker("---") }

// newline consumes the line break at pos.
func (p *yamlParser) newline() {
	if p.peek(0) == '\r' && p.peek(1) == '\n' {
		p.pos++
	}
	p.pos++
	p.line++
	p.lineStart = p.pos
}

// skipInline skips spaces, tabs and a comment up to the line's end; a
// comment starts a line or follows white space, or, as YAML libraries
// allow, a closing quote or bracket.
func (p *yamlParser) skipInline() {
	for p.peek(0) == ' ' || p.peek(0) == '\t' {
		p.pos++
	}
	if p.peek(0) == '#' && (p.col() == 0 || strings.IndexByte(" \t\"']}", p.src[p.pos-1]) >= 0) {
		for !p.atLineEnd() {
			p.pos++
		}
	}
}

// skipBlank skips white space, comments and blank lines up to the next
// content, refusing tabs in indentation.
func (p *yamlParser) skipBlank() error {
	for {
		if p.col() == 0 {
			for p.peek(0) == ' ' {
				p.pos++
			}
			if p.peek(0) == '\t' {
				rest := p.pos
				for p.peek(0) == ' ' || p.peek(0) == '\t' {
					p.pos++
				}
				if !p.atLineEnd() && p.peek(0) != '#' {
					p.pos = rest
					return yamlError(p.line, "a tab indents the line: YAML indents with spaces only")
				}
			}
		}
		p.skipInline()
		if p.eof() || !p.atLineEnd() {
			return nil
		}
		p.newline()
	}
}

// describe names what is at pos, for messages.
func (p *yamlParser) describe() string {
	if p.eof() {
		return "end of text"
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return strconv.QuoteRune(r)
}

// enter counts one more level of nesting, refusing too many.
func (p *yamlParser) enter() error {
	p.depth++
	if p.depth > maxYAMLDepth {
		return yamlError(p.line, "nesting deeper than %d levels", maxYAMLDepth)
	}
	return nil
}

// unsupported refuses the YAML features test files do not need, if one
// starts at pos.
func (p *yamlParser) unsupported() error {
	switch p.peek(0) {
	case '&', '*':
		return yamlError(p.line, "anchors and aliases are not supported")
	case '!':
		return yamlError(p.line, "tags are not supported")
	case '?':
		if isBlankOrEnd(p.peek(1)) {
			return yamlError(p.line, "complex keys (?) are not supported")
		}
	case '@', '`':
		return yamlError(p.line, "a plain value cannot start with %q: quote it", p.peek(0))
	}
	return nil
}

// blockNode parses the node at pos, which starts at its own indentation:
// the document's, a sequence item's or a value on the lines below its key.
// parent is the indentation of the collection that holds it.
func (p *yamlParser) blockNode(parent int) (*yamlNode, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	if err := p.unsupported(); err != nil {
		return nil, err
	}
	indent, line := p.col(), p.line
	switch c := p.peek(0); {
	case c == '-' && isBlankOrEnd(p.peek(1)):
		return p.blockSequence(indent)
	case c == '|' || c == '>':
		return p.blockScalar(parent)
	case c == '[' || c == '{':
		n, err := p.flowNode()
		if err != nil {
			return nil, err
		}
		p.skipInline()
		if p.peek(0) == ':' {
			return nil, yamlError(line, "complex keys (collections as keys) are not supported")
		}
		return n, p.endOfValue()
	}
	// A scalar, or the first key of a mapping.
	start, startLine, startLineStart := p.pos, p.line, p.lineStart
	key, err := p.scalar(parent, true)
	if err != nil {
		return nil, err
	}
	if p.peek(0) == ':' && isBlankOrEnd(p.peek(1)) {
		if p.line != line {
			return nil, yamlError(line, "a key must be on one line")
		}
		p.pos, p.line, p.lineStart = start, startLine, startLineStart
		return p.blockMapping(indent)
	}
	return key, p.endOfValue()
}

// endOfValue checks that only a comment follows a value on its line.
func (p *yamlParser) endOfValue() error {
	p.skipInline()
	if !p.atLineEnd() {
		if p.peek(0) == ':' {
			return yamlError(p.line, "unexpected ':': a value cannot hold a key (quote it, or put the mapping on its own lines)")
		}
		return yamlError(p.line, "unexpected %s after a value", p.describe())
	}
	return nil
}

// blockSequence parses the "- item" lines at indent.
func (p *yamlParser) blockSequence(indent int) (*yamlNode, error) {
	n := &yamlNode{kind: yamlSequence, line: p.line}
	for {
		line := p.line
		p.pos++ // the dash
		item, err := p.blockValue(indent, line)
		if err != nil {
			return nil, err
		}
		n.items = append(n.items, item)
		if err := p.skipBlank(); err != nil {
			return nil, err
		}
		if p.eof() || p.atDocumentEnd() || p.col() < indent {
			return n, nil
		}
		if p.col() > indent {
			return nil, yamlError(p.line, "unexpected %s: check the indentation", p.describe())
		}
		if p.peek(0) != '-' || !isBlankOrEnd(p.peek(1)) {
			return n, nil
		}
	}
}

// blockValue parses the value after a sequence's dash or a mapping's
// colon, of the collection at indent: on the same line, below it
// indented further, or nothing (null).
func (p *yamlParser) blockValue(indent, line int) (*yamlNode, error) {
	p.skipInline()
	if !p.atLineEnd() {
		return p.blockNode(indent)
	}
	if err := p.skipBlank(); err != nil {
		return nil, err
	}
	if !p.eof() && !p.atDocumentEnd() && p.col() > indent {
		return p.blockNode(indent)
	}
	return &yamlNode{kind: yamlScalar, plain: true, line: line}, nil
}

// blockMapping parses the "key: value" lines at indent.
func (p *yamlParser) blockMapping(indent int) (*yamlNode, error) {
	n := &yamlNode{kind: yamlMapping, line: p.line}
	seen := map[string]int{}
	for {
		if err := p.unsupported(); err != nil {
			return nil, err
		}
		line := p.line
		var key *yamlNode
		var err error
		switch p.peek(0) {
		case '[', '{':
			return nil, yamlError(line, "complex keys (collections as keys) are not supported")
		case '-':
			if isBlankOrEnd(p.peek(1)) {
				return nil, yamlError(line, "unexpected sequence item: a mapping is here")
			}
		case '|', '>':
			return nil, yamlError(line, "a key cannot be a block scalar")
		}
		if key, err = p.scalar(indent, false); err != nil {
			return nil, err
		}
		p.skipInline()
		if p.peek(0) != ':' || !isBlankOrEnd(p.peek(1)) || p.line != line {
			return nil, yamlError(line, "want a key followed by ':', got %s", p.describe())
		}
		p.pos++
		if key.plain && key.value == "<<" {
			return nil, yamlError(line, "merge keys (<<) are not supported")
		}
		if first, ok := seen[key.value]; ok {
			return nil, yamlError(line, "key %q is already defined at line %d", key.value, first)
		}
		seen[key.value] = line
		value, err := p.mappingValue(indent, line)
		if err != nil {
			return nil, err
		}
		n.keys = append(n.keys, key)
		n.values = append(n.values, value)
		if err := p.skipBlank(); err != nil {
			return nil, err
		}
		if p.eof() || p.atDocumentEnd() || p.col() < indent {
			return n, nil
		}
		if p.col() > indent {
			return nil, yamlError(p.line, "unexpected %s: check the indentation", p.describe())
		}
	}
}

// mappingValue parses the value after the colon of a key at indent: as
// blockValue, except that a sequence below it may sit at the key's own
// indentation.
func (p *yamlParser) mappingValue(indent, line int) (*yamlNode, error) {
	p.skipInline()
	if !p.atLineEnd() {
		if p.peek(0) == '-' && isBlankOrEnd(p.peek(1)) {
			return nil, yamlError(p.line, "a sequence cannot start on its key's line: start it on the next line")
		}
		return p.inlineNode(indent)
	}
	if err := p.skipBlank(); err != nil {
		return nil, err
	}
	if !p.eof() && !p.atDocumentEnd() && (p.col() > indent || p.col() == indent && p.peek(0) == '-' && isBlankOrEnd(p.peek(1))) {
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		if p.col() == indent {
			return p.blockSequence(indent)
		}
		return p.blockNode(indent)
	}
	return &yamlNode{kind: yamlScalar, plain: true, line: line}, nil
}

// inlineNode parses a value on its key's line: a scalar or a flow
// collection, never a block collection.
func (p *yamlParser) inlineNode(indent int) (*yamlNode, error) {
	if err := p.unsupported(); err != nil {
		return nil, err
	}
	var n *yamlNode
	var err error
	switch p.peek(0) {
	case '|', '>':
		return p.blockScalar(indent)
	case '[', '{':
		if err := p.enter(); err != nil {
			return nil, err
		}
		n, err = p.flowNode()
		p.depth--
	default:
		n, err = p.scalar(indent, true)
	}
	if err != nil {
		return nil, err
	}
	return n, p.endOfValue()
}

// scalar parses a quoted or plain scalar in block context; multiLine
// allows a plain scalar to continue on lines indented past indent.
func (p *yamlParser) scalar(indent int, multiLine bool) (*yamlNode, error) {
	switch p.peek(0) {
	case '\'', '"':
		return p.quoted()
	}
	return p.plain(indent, false, multiLine)
}

// plainStart says a plain scalar may start at pos.
func (p *yamlParser) plainStart(flow bool) bool {
	c := p.peek(0)
	switch c {
	case '-', '?', ':':
		next := p.peek(1)
		return !isBlankOrEnd(next) && !(flow && strings.IndexByte(",[]{}", next) >= 0)
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	}
	return !isBlankOrEnd(c)
}

// plainLine scans the rest of a plain scalar on the current line.
func (p *yamlParser) plainLine(flow bool) string {
	start, end := p.pos, p.pos
	for !p.atLineEnd() {
		c := p.peek(0)
		if c == ':' && (isBlankOrEnd(p.peek(1)) || flow && strings.IndexByte(",[]{}", p.peek(1)) >= 0) {
			break
		}
		if flow && strings.IndexByte(",[]{}", c) >= 0 {
			break
		}
		if c == '#' && p.pos > start && (p.src[p.pos-1] == ' ' || p.src[p.pos-1] == '\t') {
			break
		}
		p.pos++
		if c != ' ' && c != '\t' {
			end = p.pos
		}
	}
	p.pos = end
	return p.src[start:end]
}

// plain parses a plain scalar. In block context it may continue on lines
// indented past indent, folded as YAML folds them: one line break becomes
// a space, blank lines become line breaks.
func (p *yamlParser) plain(indent int, flow, multiLine bool) (*yamlNode, error) {
	n := &yamlNode{kind: yamlScalar, plain: true, line: p.line}
	if !p.plainStart(flow) {
		if err := p.unsupported(); err != nil {
			return nil, err
		}
		return nil, yamlError(p.line, "want a value, got %s", p.describe())
	}
	var b strings.Builder
	b.WriteString(p.plainLine(flow))
	for multiLine {
		// Look ahead for a continuation line, going back if there is none.
		pos, line, lineStart := p.pos, p.line, p.lineStart
		for p.peek(0) == ' ' || p.peek(0) == '\t' {
			p.pos++
		}
		if !p.atLineEnd() {
			break
		}
		breaks := 0
		for !p.eof() && p.atLineEnd() {
			p.newline()
			breaks++
			for p.peek(0) == ' ' {
				p.pos++
			}
			for p.col() > indent && (p.peek(0) == ' ' || p.peek(0) == '\t') {
				p.pos++
			}
		}
		if p.eof() || p.col() <= indent || p.peek(0) == '#' || p.atDocumentEnd() {
			p.pos, p.line, p.lineStart = pos, line, lineStart
			break
		}
		if breaks == 1 {
			b.WriteByte(' ')
		} else {
			b.WriteString(strings.Repeat("\n", breaks-1))
		}
		text := p.plainLine(flow)
		if text == "" || p.peek(0) == ':' {
			return nil, yamlError(p.line, "unexpected %s in a value continued from line %d: check the indentation, or quote the value", p.describe(), n.line)
		}
		b.WriteString(text)
	}
	n.value = b.String()
	return n, nil
}

// quoted parses a single- or double-quoted scalar, which may span lines.
func (p *yamlParser) quoted() (*yamlNode, error) {
	n := &yamlNode{kind: yamlScalar, line: p.line}
	quote := p.peek(0)
	p.pos++
	var b strings.Builder
	// src[blankFrom:blankTo] is the white space read since the last other
	// character: folding drops it before a line break, so it is held back
	// until something else follows on the line.
	blankFrom, blankTo := 0, 0
	write := func(s string) {
		b.WriteString(p.src[blankFrom:blankTo])
		blankFrom, blankTo = 0, 0
		b.WriteString(s)
	}
	for {
		if p.eof() {
			return nil, yamlError(n.line, "a quoted value is not closed")
		}
		c := p.peek(0)
		switch {
		case c == quote && quote == '\'' && p.peek(1) == '\'':
			write("'")
			p.pos += 2
		case c == quote:
			p.pos++
			write("")
			n.value = b.String()
			return n, nil
		case c == '\\' && quote == '"' && (p.peek(1) == '\n' || p.peek(1) == '\r'):
			// An escaped line break joins the lines without a space.
			write("")
			p.pos++
			p.newline()
			for p.peek(0) == ' ' || p.peek(0) == '\t' {
				p.pos++
			}
		case c == '\\' && quote == '"':
			s, err := p.escape()
			if err != nil {
				return nil, err
			}
			write(s)
		case c == '\n' || c == '\r':
			blankFrom, blankTo = 0, 0
			breaks := 0
			for !p.eof() && p.atLineEnd() {
				p.newline()
				breaks++
				for p.peek(0) == ' ' || p.peek(0) == '\t' {
					p.pos++
				}
			}
			if p.atDocumentEnd() {
				return nil, yamlError(p.line, "a document marker inside a quoted value")
			}
			if breaks == 1 {
				write(" ")
			} else {
				write(strings.Repeat("\n", breaks-1))
			}
		case c == ' ' || c == '\t':
			if blankFrom == blankTo {
				blankFrom = p.pos
			}
			p.pos++
			blankTo = p.pos
		default:
			write(string(c))
			p.pos++
		}
	}
}

// yamlEscapes are the one-letter escapes of double-quoted scalars.
var yamlEscapes = map[byte]string{
	'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n",
	'v': "\v", 'f': "\f", 'r': "\r", 'e': "\x1b", ' ': " ", '"': "\"", '\'': "'",
	'/': "/", '\\': "\\", 'N': "\u0085", '_': "\u00a0", 'L': "\u2028",
	'P': "\u2029",
}

// escape parses the escape at pos, a backslash and what follows.
func (p *yamlParser) escape() (string, error) {
	c := p.peek(1)
	if s, ok := yamlEscapes[c]; ok {
		p.pos += 2
		return s, nil
	}
	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
	if digits == 0 || p.pos+2+digits > len(p.src) {
		return "", yamlError(p.line, "unknown escape %q in a double-quoted value", p.src[p.pos:min(p.pos+2, len(p.src))])
	}
	hex := p.src[p.pos+2 : p.pos+2+digits]
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil || strings.ContainsAny(hex, "+-_") || v > utf8.MaxRune || v >= 0xd800 && v <= 0xdfff {
		return "", yamlError(p.line, "bad escape %q in a double-quoted value", p.src[p.pos:p.pos+2+digits])
	}
	p.pos += 2 + digits
	return string(rune(v)), nil
}

// blockScalar parses a literal (|) or folded (>) block scalar of a node
// in the collection at indent.
func (p *yamlParser) blockScalar(indent int) (*yamlNode, error) {
	n := &yamlNode{kind: yamlScalar, line: p.line}
	folded := p.peek(0) == '>'
	p.pos++
	chomp, explicit := byte(0), 0
	for i := 0; i < 2; i++ {
		switch c := p.peek(0); {
		case (c == '+' || c == '-') && chomp == 0:
			chomp = c
			p.pos++
		case c >= '1' && c <= '9' && explicit == 0:
			explicit = int(c - '0')
			p.pos++
		}
	}
	p.skipInline()
	if !p.atLineEnd() {
		return nil, yamlError(p.line, "unexpected %s after a block scalar's indicator", p.describe())
	}
	// Lines: each content line's text past the indentation, "" for an
	// empty line.
	var lines []string
	contentIndent := -1
	if explicit > 0 {
		contentIndent = max(indent, 0) + explicit
	}
	for !p.eof() {
		p.newline()
		lineStart := p.pos
		for p.peek(0) == ' ' {
			p.pos++
		}
		spaces := p.pos - lineStart
		if p.atLineEnd() && (contentIndent < 0 || spaces <= contentIndent) {
			lines = append(lines, "")
			if p.eof() {
				break
			}
			continue
		}
		if contentIndent < 0 {
			if spaces <= indent {
				p.pos = lineStart
				break
			}
			contentIndent = spaces
		}
		if spaces < contentIndent {
			p.pos = lineStart
			break
		}
		p.pos = lineStart + contentIndent
		start := p.pos
		for !p.atLineEnd() {
			p.pos++
		}
		lines = append(lines, p.src[start:p.pos])
	}
	// Back to the end of the last line read, for the caller to go on from.
	if p.pos == p.lineStart && p.pos > 0 {
		p.pos--
		if p.pos > 0 && p.src[p.pos] == '\n' && p.src[p.pos-1] == '\r' {
			p.pos--
		}
		p.line--
		p.lineStart = strings.LastIndexAny(p.src[:p.pos], "\r\n") + 1
	}
	n.value = foldBlock(lines, folded, chomp)
	return n, nil
}

// foldBlock joins a block scalar's lines: as they are (literal) or folded,
// and chomps its final line breaks as chomp (+, - or 0 for clip) says.
func foldBlock(lines []string, folded bool, chomp byte) string {
	last := len(lines)
	for last > 0 && lines[last-1] == "" {
		last--
	}
	trailing := len(lines) - last
	var b strings.Builder
	empty := 0
	prev := -1
	for i, line := range lines[:last] {
		if line == "" {
			empty++
			continue
		}
		if prev >= 0 {
			normal := func(s string) bool { return s[0] != ' ' && s[0] != '\t' }
			if folded && normal(lines[prev]) && normal(line) {
				if empty == 0 {
					b.WriteByte(' ')
				} else {
					b.WriteString(strings.Repeat("\n", empty))
				}
			} else {
				b.WriteString(strings.Repeat("\n", empty+1))
			}
		} else {
			b.WriteString(strings.Repeat("\n", empty))
		}
		b.WriteString(line)
		empty = 0
		prev = i
	}
	switch {
	case chomp == '-':
	case chomp == '+':
		if last > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strings.Repeat("\n", trailing))
	case last > 0:
		b.WriteByte('\n')
	}
	return b.String()
}

// flowNode parses a flow sequence or mapping, or a scalar inside one.
func (p *yamlParser) flowNode() (*yamlNode, error) {
	if err := p.unsupported(); err != nil {
		return nil, err
	}
	switch p.peek(0) {
	case '[', '{':
	case '\'', '"':
		return p.quoted()
	default:
		return p.plain(0, true, false)
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	mapping := p.peek(0) == '{'
	n := &yamlNode{kind: yamlSequence, line: p.line}
	closing := byte(']')
	var seen map[string]int
	if mapping {
		n.kind, closing, seen = yamlMapping, '}', map[string]int{}
	}
	open := p.line
	p.pos++
	for {
		if err := p.skipFlowBlank(open, closing); err != nil {
			return nil, err
		}
		if p.peek(0) == closing {
			p.pos++
			return n, nil
		}
		line := p.line
		item, err := p.flowNode()
		if err != nil {
			return nil, err
		}
		if err := p.skipFlowBlank(open, closing); err != nil {
			return nil, err
		}
		if !mapping {
			if p.peek(0) == ':' {
				// [a: b] holds a mapping of one pair.
				if item, err = p.flowPair(item, line, open, closing); err != nil {
					return nil, err
				}
			}
			n.items = append(n.items, item)
		} else {
			pair, err := p.flowPair(item, line, open, closing)
			if err != nil {
				return nil, err
			}
			if first, ok := seen[item.value]; ok {
				return nil, yamlError(line, "key %q is already defined at line %d", item.value, first)
			}
			seen[item.value] = line
			n.keys = append(n.keys, item)
			n.values = append(n.values, pair.values[0])
		}
		switch p.peek(0) {
		case ',':
			p.pos++
		case closing:
		default:
			return nil, yamlError(p.line, "want ',' or '%c', got %s", closing, p.describe())
		}
	}
}

// flowPair parses the rest of a pair in the flow collection opened at
// line open, from the colon (if any) after key, read at line: a mapping of
// that one pair, whose value is null without a colon or a value.
func (p *yamlParser) flowPair(key *yamlNode, line, open int, closing byte) (*yamlNode, error) {
	if key.kind != yamlScalar {
		return nil, yamlError(line, "complex keys (collections as keys) are not supported")
	}
	if key.plain && key.value == "<<" {
		return nil, yamlError(line, "merge keys (<<) are not supported")
	}
	value := &yamlNode{kind: yamlScalar, plain: true, line: p.line}
	if p.peek(0) == ':' {
		p.pos++
		if err := p.skipFlowBlank(open, closing); err != nil {
			return nil, err
		}
		if p.peek(0) != ',' && p.peek(0) != closing {
			var err error
			if value, err = p.flowNode(); err != nil {
				return nil, err
			}
			if err := p.skipFlowBlank(open, closing); err != nil {
				return nil, err
			}
		}
	}
	return &yamlNode{kind: yamlMapping, line: line, keys: []*yamlNode{key}, values: []*yamlNode{value}}, nil
}

// skipFlowBlank skips white space, comments and line breaks inside a flow
// collection opened at line open and closed by closing.
func (p *yamlParser) skipFlowBlank(open int, closing byte) error {
	for {
		p.skipInline()
		if p.eof() {
			return yamlError(open, "no '%c' closes the flow collection opened here", closing)
		}
		if !p.atLineEnd() {
			if p.atDocumentEnd() {
				return yamlError(open, "no '%c' closes the flow collection opened here", closing)
			}
			return nil
		}
		p.newline()
	}
}
