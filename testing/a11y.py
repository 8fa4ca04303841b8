"""axe-core in the browser tests: inject the vendored script into a page and read its serious violations."""

from pathlib import Path

AXE_SCRIPT = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"

_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary)}));
}"""


def new_axe_page(browser, live_server, width=1280, height=900):
    """A page whose context bypasses the site's Content-Security-Policy, so the test can inject axe.min.js.

    The caller closes `page.context` when done."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, base_url=live_server.url, locale="id-ID", bypass_csp=True
    )
    context.set_default_timeout(15000)
    return context.new_page()


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(_RUN)


def describe(violations: list[dict]) -> str:
    return "\n".join(f"[{v['impact']}] {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in violations)
