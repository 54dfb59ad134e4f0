"""A web page as its reader sees it: title, lead, plain text with headings kept as lines,
and sections found by their heading text.

For sites whose markup is unknown or changes (SOURCES.md: "extract by meaning, not by CSS
class"). A content class is tried first; when none matches, the content is found from the
page's ``h1`` and its headings instead, and :attr:`Page.found_by` says so, so the spider can
report the changed layout as a warning instead of going silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: elements that end a line of text
BLOCKS = {
    "p", "div", "section", "article", "main", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr",
    "td", "th", "blockquote", "figure", "figcaption", "details", "summary", "header", "aside",
    "address", "pre",
}
#: never content: navigation, chrome, scripts, forms
SKIP = {"script", "style", "noscript", "template", "nav", "footer", "form", "button", "svg", "iframe",
        "select", "input", "head", "title", "meta", "link"}
#: a pseudo-heading paragraph ("<p><strong>Vem kan söka?</strong></p>") is at most this long
PSEUDO_HEADING_MAX = 80
#: headings of contact sections: names and phone numbers say nothing about a call
CONTACT_HEADINGS = r"^kontakt"
#: level given to pseudo-headings: below every real heading
PSEUDO_LEVEL = 7


def clean(text: str) -> str:
    """Whitespace collapsed (non-breaking spaces too), trimmed."""
    return " ".join((text or "").replace("\u00a0", " ").split())


@dataclass(frozen=True)
class Line:
    """One block of the page: a heading (``level`` 1–7), a paragraph or a list item."""

    kind: str  # "heading" | "para" | "item"
    text: str
    level: int = 0


@dataclass
class Page:
    title: str | None
    lead: str | None
    lines: list[Line] = field(default_factory=list)
    #: "css" when a content class matched, "headings" when found from the h1 and headings
    found_by: str = "css"

    @property
    def headings(self) -> list[str]:
        return [ln.text for ln in self.lines if ln.kind == "heading" and ln.level > 1]

    def section(self, pattern: str | re.Pattern) -> str | None:
        """The text under the first heading matching ``pattern`` (a regex, case-insensitive,
        searched in the heading text), up to the next heading of the same or a higher level;
        None when no heading matches."""
        rx = re.compile(pattern, re.IGNORECASE) if isinstance(pattern, str) else pattern
        for i, line in enumerate(self.lines):
            if line.kind == "heading" and line.level > 1 and rx.search(line.text):
                body = []
                for nxt in self.lines[i + 1:]:
                    if nxt.kind == "heading" and nxt.level <= line.level:
                        break
                    body.append(nxt)
                return _join(body)
        return None

    def text(self, exclude: str | re.Pattern | None = None) -> str:
        """The whole page as plain text: headings as lines, list items as " • " lines.
        Sections whose heading matches ``exclude`` (e.g. contacts) are left out."""
        rx = re.compile(exclude, re.IGNORECASE) if isinstance(exclude, str) else exclude
        kept: list[Line] = []
        skipping_level: int | None = None
        for line in self.lines:
            if line.kind == "heading":
                if skipping_level is not None and line.level <= skipping_level:
                    skipping_level = None
                if skipping_level is None and rx is not None and line.level > 1 and rx.search(line.text):
                    skipping_level = line.level
            if skipping_level is None:
                kept.append(line)
        return _join(kept)


    def call_text(self) -> str:
        """The text a call record keeps: the whole page without its contact sections."""
        return self.text(exclude=CONTACT_HEADINGS)


def _join(lines: Iterable[Line]) -> str:
    out: list[str] = []
    previous: Line | None = None
    for line in lines:
        text = f" • {line.text}" if line.kind == "item" else line.text
        if out:
            # list items stay together; everything else is a paragraph of its own
            out.append("\n" if line.kind == "item" and previous and previous.kind == "item" else "\n\n")
        out.append(text)
        previous = line
    return "".join(out).strip()


class _Walker:
    """Turns an element into Lines: blocks end lines, inline text runs on."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self._buf: list[str] = []
        self._kind = "para"

    def flush(self) -> None:
        text = clean("".join(self._buf))
        self._buf = []
        if text:
            self.lines.append(Line(self._kind, text))
        self._kind = "para"

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self._buf.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in SKIP:
                continue
            name = child.name
            if name == "br":
                self._buf.append(" ")
            elif name in HEADINGS:
                self.flush()
                text = clean(child.get_text(" "))
                if text:
                    self.lines.append(Line("heading", text, HEADINGS[name]))
            elif name == "li":
                self.flush()
                self._kind = "item"
                self.walk(child)
                self.flush()
            elif name in BLOCKS:
                self.flush()
                if name == "p" and _is_pseudo_heading(child):
                    self.lines.append(Line("heading", clean(child.get_text(" ")), PSEUDO_LEVEL))
                    continue
                self.walk(child)
                self.flush()
            else:
                self.walk(child)


def _is_pseudo_heading(p: Tag) -> bool:
    """A paragraph that is nothing but bold text ending in "?" or short: a heading in disguise."""
    strong = p.find(["strong", "b"])
    if strong is None:
        return False
    whole, bold = clean(p.get_text(" ")), clean(strong.get_text(" "))
    return bool(bold) and whole == bold and len(bold) <= PSEUDO_HEADING_MAX


def lines_of(node: Tag) -> list[Line]:
    walker = _Walker()
    walker.walk(node)
    walker.flush()
    return walker.lines


#: classes of text meant for screen readers only ("Du är på Region Örebro läns webbplats.")
HIDDEN_CLASSES = {"visually-hidden", "sr-only", "screen-reader-text"}
CHROME_ROLES = {"navigation", "contentinfo", "banner", "search"}


def _drop_chrome(soup: BeautifulSoup) -> None:
    # one pass over the tree (CSS selectors here cost more than the parse itself)
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue  # inside something already dropped
        if (tag.name in SKIP or tag.get("role") in CHROME_ROLES
                or HIDDEN_CLASSES.intersection(tag.get("class") or ())):
            tag.decompose()
        elif tag.name == "header" and tag.find("h1") is None:
            # a site header holds the logo and menu; an entry header holds the h1: keep that one
            tag.decompose()


def _content_from_h1(h1: Tag) -> Tag:
    """The smallest ancestor of the h1 that holds more than the heading itself."""
    node = h1.parent
    while node is not None and node.name not in ("body", "html", "[document]"):
        if len(node.find_all(["p", "li"])) >= 1 and clean(node.get_text(" ")) != clean(h1.get_text(" ")):
            return node
        node = node.parent
    return node if isinstance(node, Tag) else h1


def read_page(html: str | bytes, *, content_css: Iterable[str] = (), lead_css: Iterable[str] = (),
              main_css: Iterable[str] = ("main", "article", '[role="main"]')) -> Page:
    """Read a page. ``content_css``: selectors of the content block, tried in order (the
    first choice); ``lead_css``: of the lead paragraph. Falls back to the h1 and what follows
    it (``found_by="headings"``) when no content selector matches."""
    soup = BeautifulSoup(html, "lxml")
    _drop_chrome(soup)
    scope: Tag = soup.body or soup
    for css in main_css:
        found = soup.select_one(css)
        if found is not None and found.find("h1") is not None:
            scope = found
            break
    h1 = scope.find("h1") or soup.find("h1")
    title = clean(h1.get_text(" ")) if h1 else None
    if not title and soup.title is not None:
        # "Innovationscheck - Region Örebro län": the page title before the site name
        title = clean(re.split(r"\s+[-|–]\s+", soup.title.get_text())[0]) or None

    lead_node = next((n for css in lead_css if (n := scope.select_one(css)) is not None), None)
    content = next((n for css in content_css if (n := scope.select_one(css)) is not None), None)

    if content is not None:
        lines = lines_of(content)
        found_by = "css"
        if lead_node is not None:
            lead_lines = lines_of(lead_node)
            lead = _join(lead_lines) or None
            lines = lead_lines + lines
        else:
            lead = _first_para(lines)
    else:
        found_by = "headings"
        container = _content_from_h1(h1) if h1 is not None else scope
        lines = [ln for ln in lines_of(container) if not (ln.kind == "heading" and ln.level == 1)]
        lead = _join(lines_of(lead_node)) if lead_node is not None else _first_para(lines)
    # page chrome left in the content block is never content (a footer date read as a deadline
    # stored a Region Örebro län call as closed: real/url_checks.txt)
    lines = [ln for ln in lines if not is_chrome(ln.text)]
    if title:
        lines = [Line("heading", title, 1)] + [ln for ln in lines if not (ln.level == 1 and ln.text == title)]
    return Page(title=title or None, lead=lead or None, lines=lines, found_by=found_by)


#: whole lines that are page chrome on the funders' real pages (SOURCES.md, "What real material
#: shows"): the "updated/published" stamp and feedback question every regionorebrolan.se page
#: ends with, Vinnova's no-javascript notice, screen-reader and cookie texts
CHROME_LINES = re.compile(
    r"^(?:sidan\s+)?(?:blev\s+)?(?:senast\s+)?(?:uppdaterad|ändrad|publicerad|granskad|updated|last updated|published|"
    r"posted)\w*\b:?(?:\s*(?:den\s+|on\s+)?[\w.,: -]{0,40})?$|"
    r"^hade du nytta av (?:innehållet|informationen)|^var (?:informationen|sidan) (?:till )?(?:hjälp|användbar)|"
    r"^(?:tack för din (?:feedback|återkoppling))|^was this page (?:helpful|useful)|"
    r"^du har inte javascript påslaget|^your browser doesn.t support javascript|^du är på .{0,60}webbplats\.?$|"
    r"^(?:vi|webbplatsen|sidan|this (?:web)?site|we) (?:använder|uses?) (?:kakor|cookies)|"
    r"^(?:godkänn|acceptera|accept)(?: alla)? (?:kakor|cookies)",
    re.IGNORECASE,
)


def is_chrome(text: str) -> bool:
    """Whether a line of page text is chrome (a footer stamp, a feedback question, a notice)."""
    return len(text) <= 240 and bool(CHROME_LINES.search(clean(text)))


def _first_para(lines: list[Line]) -> str | None:
    for line in lines:
        if line.kind == "para":
            return line.text
        if line.kind == "heading" and line.level > 1:
            return None  # a page that opens with a section has no lead
    return None
