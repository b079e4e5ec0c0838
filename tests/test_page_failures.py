"""One page never stops a command: a page that cannot be read, segmented or made is named in one
line with its reason, the rest of the site is done, and the exit status is 1 (issue 29)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import l10n, translate_all
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.cli import main

GOOD = (
    "<html><body><article><h1>Roads</h1><p>The council mends the roads. It starts in May.</p></article></body></html>"
)
TOO_DEEP = "<html><body>" + "<div>" * 600 + "<p>Deep text. It is here.</p>" + "</div>" * 600 + "</body></html>"
NAMESPACED = (
    '<html><body><article><h1>Tips</h1><p>Read the <a0:li class="tip">first tip</a0:li> today. It helps.</p>'
    "<ul><a0:li>One step.</a0:li><a0:li>Another step.</a0:li></ul></article></body></html>"
)


def test_namespaced_tags_are_built(project: Path) -> None:
    (project / "source" / "tips.html").write_text(NAMESPACED)
    l10n("init", "zh")
    po = (project / "locales" / "zh" / "LC_MESSAGES" / "tips.po").read_text()
    assert 'msgid "Read the <li1>first tip</li1> today."' in po  # a token name a tool can read
    translate_all(project / "locales" / "zh" / "LC_MESSAGES" / "tips.po", lambda msgid: f"译{msgid}")
    l10n("build", "zh", "--min-complete", "0")
    page = (project / "dist" / "zh" / "tips.html").read_text()
    assert "译Read the " in page
    assert '<a0:li class="tip">' in page and "</a0:li>" in page


@pytest.mark.parametrize("command", [["extract"], ["init", "zh"]])
def test_a_page_that_cannot_be_read_is_named_and_the_rest_is_done(project: Path, command: list[str]) -> None:
    (project / "source" / "good.html").write_text(GOOD)
    (project / "source" / "deep.html").write_text(TOO_DEEP)
    result = l10n(*command, code=1)
    assert "l10n: error: source/deep.html: elements are nested more than 512 deep" in result.output
    assert (project / "locales" / "templates" / "good.pot").exists()
    assert not (project / "locales" / "templates" / "deep.pot").exists()


def test_update_and_build_go_on_past_a_bad_page(project: Path) -> None:
    (project / "source" / "good.html").write_text(GOOD)
    (project / "source" / "later.html").write_text(GOOD.replace("roads", "paths"))
    l10n("init", "zh")
    (project / "source" / "later.html").write_text(TOO_DEEP)
    (project / "source" / "good.html").write_text(GOOD.replace("May", "June"))
    result = l10n("update", code=1)
    assert result.output.count("l10n: error:") == 1 and "source/later.html:" in result.output
    assert "It starts in June." in (project / "locales" / "zh" / "LC_MESSAGES" / "good.po").read_text()
    assert "paths" in (project / "locales" / "zh" / "LC_MESSAGES" / "later.po").read_text()  # left as it was
    result = l10n("build", "zh", "--min-complete", "0", code=1)
    assert "l10n: error: source/later.html: elements are nested" in result.output
    assert (project / "dist" / "zh" / "good.html").exists() and (project / "dist" / "en" / "good.html").exists()
    assert (project / "dist" / "zh" / "index.html").exists()
    again = l10n("build", "zh", "--min-complete", "0", code=1)  # not a build to replay: tried again
    assert "source/later.html" in again.output
    review = l10n("review", "zh", code=1)  # its catalog is reviewed without the page's units
    assert "l10n: error: source/later.html: elements are nested" in review.output
    assert (project / "review" / "zh" / "later.html").exists()
    (project / "source" / "later.html").write_text(GOOD)
    l10n("update")
    l10n("build", "zh", "--min-complete", "0")
    assert (project / "dist" / "zh" / "later.html").exists()


# HTML shapes a fuzzer tries: odd tag and attribute names, namespaces, deep nesting, stray end tags.
_TAGS = st.sampled_from(
    ["p", "div", "a", "span", "b", "li", "td", "table", "h1", "h2", "nav", "article", "main", "title", "meta", "br"]
    + ["img", "time", "code", "pre", "script", "style", "template", "svg", "math", "select", "option", "textarea"]
    + ["a0:li", "o:p", "svg:rect", "x-y", "foo.bar", "a_b", "ünï", "h1:x", "1a", "x:", ":x", "font", "button"]
)
_ATTRS = st.sampled_from(
    ["href", "alt", "title", "class", "id", "lang", "dir", "role", "itemprop", "content", "name", "value", "src"]
    + ["xmlns:foo", "a:b", "x'y", "@click", ":href", "[attr]", "on:click", "xml:lang", "ü", "aria-label", "srcset"]
)
_TEXT = st.sampled_from(
    ["", "Hello world. ", "The council met on 3 March. It agreed.", "&amp; &nbsp; &#0; &bogus;", "<", "a < b"]
    + ["\u200b", "{{x}}", "%s", "中文。", "]]>", "<!-- c -->", "<![CDATA[x]]>", "<?php echo 1 ?>", "</p>", "</x:y>"]
)


@st.composite
def _element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(_TAGS)
    attrs = "".join(f' {draw(_ATTRS)}="{draw(_TEXT)}"' for _ in range(draw(st.integers(0, 3))))
    inner = [draw(_TEXT)]
    for _ in range(draw(st.integers(0, 3 if depth < 4 else 0))):
        inner += [draw(_element(depth + 1)), draw(_TEXT)]
    end = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}></{draw(_TAGS)}>"]))
    return f"<{tag}{attrs}>{''.join(inner)}{end}"


@st.composite
def _page(draw: st.DrawFn) -> str:
    blocks = "".join(f"<p>Some words. {draw(_element())} More words.</p>" for _ in range(draw(st.integers(1, 3))))
    deep = draw(st.sampled_from([0, 0, 0, 200, 700]))
    blocks += "<div>" * deep + "Deep text. Here." + "</div>" * deep
    wrapper = draw(st.sampled_from(["article", "div", "a0:article", "main"]))
    return f"<!DOCTYPE html><html><head><title>A title. Here</title></head><body><{wrapper}>{blocks}</{wrapper}></body></html>"


_COMMANDS = [
    ["init", "zh"],
    ["update"],
    ["init", "qps"],
    ["translate", "qps", "--provider", "pseudo"],
    ["export", "zh", "--out", "exported"],
    ["build", "zh", "--min-complete", "0", "--include-fuzzy"],
    ["segment", "--scope", "source/odd.html"],
    ["review", "zh"],
]


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(_page())
def test_no_command_gives_a_traceback_on_any_page_shape(html: str) -> None:
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            Path("pyproject.toml").write_text('[tool.l10n]\nlanguages = ["zh"]\n')
            Path("source").mkdir()
            Path("source/odd.html").write_text(html)
            Path("source/good.html").write_text(GOOD)
            for command in _COMMANDS:
                result = CliRunner().invoke(main, command, prog_name="l10n")
                assert result.exit_code in (0, 1, 2), (command, result.output)
                assert result.exception is None or isinstance(result.exception, SystemExit), (command, html)
                assert "Traceback" not in result.output, (command, html)
            assert Path("dist/zh/good.html").exists(), html  # the rest of the site is published
        finally:
            os.chdir(here)
