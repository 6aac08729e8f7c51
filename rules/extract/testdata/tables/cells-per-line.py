# Writes X.cells.txt from X.html: the text of each paragraph and each table
# cell on its own line, as some HTML-to-text converters do.
import html.parser, sys

class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.out, self.cur, self.skip = [], [], 0
    def flush(self):
        t = " ".join("".join(self.cur).split())
        if t:
            self.out.append(t)
        self.cur = []
    def handle_starttag(self, tag, a):
        if tag in ("style", "head"):
            self.skip += 1
        if tag in ("p", "td", "th", "tr", "br", "table"):
            self.flush()
    def handle_endtag(self, tag):
        if tag in ("style", "head"):
            self.skip -= 1
        if tag in ("p", "td", "th", "tr", "table"):
            self.flush()
    def handle_data(self, d):
        if not self.skip:
            self.cur.append(d)

for name in sys.argv[1:]:
    p = P()
    p.feed(open(name + ".html", encoding="utf-8").read())
    p.flush()
    open(name + ".cells.txt", "w", encoding="utf-8").write("\n".join(p.out) + "\n")
