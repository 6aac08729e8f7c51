package extract

import "strings"

// A plan's opening part, "I. MỤC ĐÍCH, YÊU CẦU", states what the plan is for
// and how it must be carried out ("Các cơ quan, đơn vị phối hợp chặt chẽ …"):
// no unit is tasked there, the tasks come in the parts after it (the corpus
// labels it so: 220, 523, 671). purposeHeading tells such a heading.
var purposeHeadings = []string{
	"mục đích, yêu cầu", "mục đích và yêu cầu", "mục đích - yêu cầu", "mục đích – yêu cầu", "mục đích yêu cầu",
	"mục đích, ý nghĩa, yêu cầu", "mục đích, ý nghĩa", "mục đích",
}

func purposeHeading(text string) bool {
	if len(text) > 64 {
		return false // (a heading of a few words; no lowering of every item)
	}
	t := strings.ToLower(strings.TrimRight(strings.TrimSpace(text), ":. "))
	for _, h := range purposeHeadings {
		if t == h {
			return true
		}
	}
	return false
}

// requirementHeading: "2. Yêu cầu", the second half of a purpose part split in two.
func requirementHeading(text string) bool {
	return len(text) <= 24 && strings.ToLower(strings.TrimRight(strings.TrimSpace(text), ":. ")) == "yêu cầu"
}

// purposeSkip follows the items of a purpose part: skip reports whether an item
// is inside one (its heading included). The part ends at the next item numbered
// at its heading's level or above, or, for a part at the top level, at a title
// line ("TỔ CHỨC THỰC HIỆN").
type purposeSkip struct {
	on     bool
	level  int
	seenAt int // the level of the last purpose heading, for "2. Yêu cầu" after "1. Mục đích"
}

func (p *purposeSkip) skip(it Item) bool {
	text := strings.TrimSpace(it.Text)
	if p.on {
		if !(it.Marker != "" && it.Level <= p.level || p.level == 0 && it.Marker == "" && isTitle(text)) {
			return true
		}
		p.on = false
	}
	if it.Marker == "" && !isTitle(text) || it.Level > 2 {
		return false
	}
	if purposeHeading(text) || p.seenAt == it.Level && it.Marker != "" && requirementHeading(text) {
		p.on, p.level, p.seenAt = true, it.Level, it.Level
		return true
	}
	if it.Marker != "" && it.Level <= p.seenAt {
		p.seenAt = -1
	}
	return false
}
