"""axe-core (4.14.1, MPL-2.0, vendored from the npm registry in tests/e2e/vendor/) in the page."""

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def serious_violations(page) -> list[str]:
    """The serious and critical WCAG 2.x A/AA violations of the page, one line each."""
    # Evaluated, not added as a <script>: the site's Content-Security-Policy refuses inline ones.
    page.evaluate(AXE.read_text() + "\n;undefined")
    results = page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            resultTypes: ["violations"],
        })"""
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]
