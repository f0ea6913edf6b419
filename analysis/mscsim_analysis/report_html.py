"""One self-contained HTML page: every picture embedded as a base64 data URI, so the page can
be mailed or archived alone."""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass, field
from pathlib import Path

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1280px; margin: 1.5em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.8em; border-bottom: 1px solid #ccc; }
figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #eee; }
figcaption { font-size: 0.9em; color: #333; max-width: 1200px; }
.grid { display: flex; flex-wrap: wrap; gap: 1em; } .grid figure { flex: 0 1 560px; }
table.meta { border-collapse: collapse; font-size: 0.9em; } table.meta td { padding: 2px 10px; border-bottom: 1px solid #eee; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.8em; }
"""

MIME = {".png": "image/png", ".gif": "image/gif"}


@dataclass
class Picture:
    """One image of a report: the file, its section, a caption, and the pixel size it must have."""

    path: Path
    section: str
    caption: str
    size: tuple | None = None
    grid: bool = False


@dataclass
class Page:
    title: str
    intro: str = ""
    meta: dict = field(default_factory=dict)
    pictures: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    appendix: str = ""
    appendix_title: str = ""
    refresh_s: int = 0  # > 0: the browser reloads the page this often (a report of a running run)


def data_uri(path: Path) -> str:
    encoded = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return f"data:{MIME.get(Path(path).suffix, 'application/octet-stream')};base64,{encoded}"


def render(page: Page) -> str:
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">'
             + (f'<meta http-equiv="refresh" content="{int(page.refresh_s)}">' if page.refresh_s > 0 else ""),
             f"<title>{html.escape(page.title)}</title><style>{STYLE}</style></head><body>",
             f"<h1>{html.escape(page.title)}</h1>"]
    if page.intro:
        parts.append(f"<p>{html.escape(page.intro)}</p>")
    if page.meta:
        rows = "".join(f"<tr><td>{html.escape(str(k))}</td><td>{html.escape(str(v))}</td></tr>"
                       for k, v in page.meta.items())
        parts.append(f'<table class="meta">{rows}</table>')
    for note in page.notes:
        parts.append(f"<p><em>{html.escape(note)}</em></p>")
    sections = list(dict.fromkeys(p.section for p in page.pictures))
    for section in sections:
        parts.append(f"<h2>{html.escape(section)}</h2>")
        members = [p for p in page.pictures if p.section == section]
        grid = any(p.grid for p in members)
        if grid:
            parts.append('<div class="grid">')
        for picture in members:
            alt = html.escape(picture.caption.split(".")[0])
            parts.append(f'<figure><img src="{data_uri(picture.path)}" alt="{alt}">'
                         f"<figcaption>{html.escape(picture.caption)}</figcaption></figure>")
        if grid:
            parts.append("</div>")
    if page.appendix:
        parts.append(f"<h2>{html.escape(page.appendix_title)}</h2><details><summary>show</summary>"
                     f"<pre>{html.escape(page.appendix)}</pre></details>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write(page: Page, directory: Path) -> Path:
    path = Path(directory) / "index.html"
    # Written beside and renamed over, so a browser reloading a followed report never
    # reads half a page.
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(render(page), encoding="utf-8")
    partial.replace(path)
    return path
