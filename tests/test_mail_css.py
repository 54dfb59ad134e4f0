"""CSS inlining by css-inline, per message (issue 14: premailer, last released 2021, is
gone): every element of a rendered digest carries exactly the declarations that
``templates/digest.css`` gives it (checked against a small cascade computed here, so new
markup is checked too), a ``bgcolor`` where there is a background colour (Outlook), no
``<style>`` left, and scraped text cannot become an attribute."""

from __future__ import annotations

import re
from datetime import date

from bs4 import BeautifulSoup

from digest.render import TEMPLATES, Recipient, build_context, inline_styles, render
from digest.select import Item, Selection
from hubb.settings import get_settings
from tests.test_digest_render import call, context, match


def rules() -> list[tuple[tuple[int, int], int, str, dict[str, str]]]:
    """(specificity, order, selector, declarations) of digest.css, which uses only
    ``tag``, ``.class`` and ``.class tag`` selectors."""
    css = re.sub(r"/\*.*?\*/", "", (TEMPLATES / "digest.css").read_text(encoding="utf-8"), flags=re.DOTALL)
    out = []
    for order, (selectors, body) in enumerate(re.findall(r"([^{}]+)\{([^}]*)\}", css)):
        decls = {k.strip(): " ".join(v.split()) for k, v in
                     (d.split(":", 1) for d in body.split(";") if d.strip())}
        for selector in selectors.split(","):
            selector = selector.strip()
            assert re.fullmatch(r"[a-z]+|\.[a-z-]+|\.[a-z-]+ [a-z]+", selector), selector
            specificity = (selector.count("."), len(re.findall(r"(?:^| )[a-z]", selector)))
            out.append((specificity, order, selector, decls))
    return sorted(out, key=lambda r: (r[0], r[1]))


def matches(el, selector: str) -> bool:
    classes = el.get("class") or []
    if selector.startswith("."):
        cls, _, tag = selector[1:].partition(" ")
        if not tag:
            return cls in classes
        return el.name == tag and any(cls in (p.get("class") or []) for p in el.parents if p.name)
    return el.name == selector


def declarations(style: str | None) -> dict[str, str]:
    return {k.strip(): " ".join(v.split()) for k, v in
                (d.split(":", 1) for d in (style or "").split(";") if d.strip())}


def check_inlined(html: str) -> int:
    """Asserts every element's style is the cascade's; returns how many were styled."""
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("style") is None and soup.find("link") is None
    cascade = rules()
    styled = 0
    for el in soup.find_all(True):
        expected: dict[str, str] = {}
        for _spec, _order, selector, decls in cascade:
            if matches(el, selector):
                expected.update(decls)
        assert declarations(el.get("style")) == expected, (el.name, el.get("class"), el.get("style"))
        assert el.get("bgcolor") == expected.get("background-color"), (el.name, el.get("class"))
        styled += bool(expected)
    return styled


def test_every_element_carries_the_stylesheets_declarations():
    for language in ("sv", "en"):
        _, html = render(context(language))
        assert check_inlined(html) > 60
    soup = BeautifulSoup(render(context())[1], "html.parser")
    # the cascade as a reader sees it: a descendant rule, two rules on one link, the body
    footer_link = soup.select_one("td.footer p a:not(.unsubscribe)")
    assert declarations(footer_link["style"]) == {"color": "#0b4f6c"}
    unsubscribe = soup.select_one("a.unsubscribe")
    assert declarations(unsubscribe["style"]) == {"color": "#0b4f6c", "display": "inline-block",
                                                  "padding": "12px 0"}
    assert declarations(soup.body["style"])["font-family"] == "Arial, Helvetica, sans-serif"
    assert soup.body["bgcolor"] == "#eef1f4"
    assert soup.select_one("table.page")["bgcolor"] == "#ffffff"


def test_markup_the_templates_do_not_have_yet_is_styled_by_its_class():
    html = inline_styles('<html><body><table class="card"><tr><td class="footer">'
                         '<p>x <a href="https://example.se/">y</a></p></td></tr></table></body></html>')
    assert check_inlined(html) == 5  # body, table.card, td.footer, .footer p, .footer a


def test_scraped_text_never_becomes_an_attribute():
    evil = 'x" style="background-color: red" onclick="alert(1)'
    c = call(1, title=evil, funder='<td style="background-color: red">')
    ctx = build_context(Selection(new=[Item("new", c, match(c))]),
                        Recipient("Anna", "anna@example.se", "sv", "Exempel AB", "exempel"),
                        date(2026, 11, 30), settings=get_settings(), unsubscribe_url="https://x.example/u")
    _, html = render(ctx)
    soup = BeautifulSoup(html, "html.parser")
    assert "red" not in "".join(el.get("bgcolor", "") + el.get("style", "") for el in soup.find_all(True))
    assert all("onclick" not in el.attrs for el in soup.find_all(True))
    assert soup.select_one("p.card-title a").get_text() == evil
    check_inlined(html)
