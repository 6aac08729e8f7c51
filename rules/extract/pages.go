package extract

import (
	"strings"

	"cddh-sync/internal/lazyre"
)

// A PDF's text (pdftotext) holds a form feed where a page ends. A sentence that
// runs over the page break must read on: the blank lines around the break and
// the page's number ("2", "- 2 -", "Trang 2", "2/5") printed at the top or the
// foot of a page are taken out, so that the next page's first line continues
// the item it belongs to ("… khắc phục tồn tại,\n\f hạn chế; báo cáo … trước
// ngày 17/01/2027"). The form feed itself stays, at the head of the next
// page's first line (layout tables read it there).

// rePageNumber is a line that only numbers its page.
var rePageNumber = lazyre.New(`^(?:[-–—]\s*)?(?:(?i:trang)\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–—])?$`)

func pageFurniture(line string) bool {
	t := strings.TrimSpace(strings.ReplaceAll(line, "\f", ""))
	return t != "" && len(t) <= 16 && rePageNumber.MatchString(t)
}

// joinPages takes the page furniture around every form feed out of text.
func joinPages(text string) string {
	if strings.IndexByte(text, '\f') < 0 {
		return text
	}
	pages := strings.Split(text, "\f")
	for i := 0; i+1 < len(pages); i++ {
		// the foot of page i: trailing blank lines, then a page number
		a := strings.TrimRight(pages[i], " \t\n")
		if k := strings.LastIndexByte(a, '\n'); k >= 0 && pageFurniture(a[k+1:]) {
			a = strings.TrimRight(a[:k], " \t\n")
		}
		if a != "" {
			a += "\n"
		}
		pages[i] = a
		// the head of page i+1: leading blank lines, a page number, blank lines
		pages[i+1] = dropBlankLines(pages[i+1])
		if nl := strings.IndexByte(pages[i+1], '\n'); nl >= 0 && pageFurniture(pages[i+1][:nl]) {
			pages[i+1] = dropBlankLines(pages[i+1][nl+1:])
		} else if nl < 0 && pageFurniture(pages[i+1]) {
			pages[i+1] = ""
		}
	}
	return strings.Join(pages, "\f")
}

// dropBlankLines takes the blank lines off the head of s, keeping the
// indentation of its first line with text.
func dropBlankLines(s string) string {
	for {
		nl := strings.IndexByte(s, '\n')
		if nl < 0 || strings.TrimSpace(s[:nl]) != "" {
			return s
		}
		s = s[nl+1:]
	}
}
