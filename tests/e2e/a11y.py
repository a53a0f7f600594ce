"""axe-core (npm, tests/a11y/package-lock.json) run in the page by Playwright: the WCAG 2.1 A/AA
rules that GB/T 37668-2019 takes over."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


def ensure_axe() -> Path:
    """The Makefile's a11y-deps target (npm ci) when the locked axe-core is not installed yet."""
    if not AXE.exists():
        subprocess.run(["make", "--no-print-directory", "-s", "a11y-deps"], cwd=ROOT, check=True)
    return AXE


def blocking_violations(page) -> list[dict]:
    """axe's serious and critical violations of the page as it stands (rule, help, targets)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})", TAGS)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [", ".join(map(str, n["target"])) for n in v["nodes"]][:5],
             "nodes": len(v["nodes"])}
            for v in result["violations"] if v["impact"] in BLOCKING]


def table(rows) -> str:
    """rows: (role, page, [violations]) → one line per page with its serious/critical count."""
    width = max((len(p) for _, p, _ in rows), default=10)
    lines = [f"{'角色':<8}{'页面':<{width}}  严重/关键", "-" * (width + 20)]
    lines += [f"{role:<10}{path:<{width}}  {len(found)}"
              + (f"  {', '.join(v['id'] for v in found)}" if found else "")
              for role, path, found in rows]
    return "\n".join(lines)


def details(rows) -> str:
    return "\n".join(f"{role} {path}: {v['impact']} {v['id']} ({v['help']}) ×{v['nodes']} "
                     f"{v['targets']}" for role, path, found in rows for v in found)
