"""The HTTP side: one page (its CSS and JS inlined, so it works offline) and a JSON API.

    GET  /                 the page
    GET  /api/config       controls (with the keys they set) and the teaching scenarios
    POST /api/runs         {"scenario": name, "values": {control: value}, "batch": n} -> run
    GET  /api/runs/<id>    state, progress, live frame, and when done the result
"""

from __future__ import annotations

import json
import os
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .controls import CONTROLS, IFNG_SOURCES, TNFA_SOURCES
from .results import CATEGORIES
from .runs import RunManager

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY_BYTES = 64 * 1024


def scenario_header(text: str) -> str:
    """The scenario file's opening comment block, without the '# '."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].removeprefix(" "))
    return "\n".join(lines).strip()


def student_should_see(text: str) -> list[str]:
    """The bullet points under 'What a student should see' in a teaching scenario."""
    out, inside = [], False
    for line in scenario_header(text).splitlines():
        if line.startswith("What a student should see"):
            inside = True
            continue
        if inside:
            stripped = line.strip()
            if stripped.startswith("- "):
                out.append(stripped[2:])
            elif stripped and out and line.startswith("    "):
                out[-1] += " " + stripped
            else:
                break
    # Drop pointers to the plot_run figure's panels, which this page does not have.
    return [re.sub(r" \((?:bottom|top)-(?:left|right) map\)", "", s) for s in out]


def page() -> bytes:
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    html = html.replace("/*TEACH_CSS*/", (STATIC / "teach.css").read_text(encoding="utf-8"))
    html = html.replace("/*TEACH_JS*/", (STATIC / "teach.js").read_text(encoding="utf-8"))
    return html.encode("utf-8")


class TeachServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, scenarios: dict, manager: RunManager):
        super().__init__(address, TeachHandler)
        self.scenarios = scenarios
        self.manager = manager
        self.config = self._config()

    def _config(self) -> dict:
        scenarios = {}
        for name, sc in self.scenarios.items():
            scenarios[name] = {
                "title": sc.title, "values": sc.control_values(),
                "cd8_count": int(sc.value("cd8_t.initial_count") or 0),
                "ifng_per_th1": float(sc.value(IFNG_SOURCES[0])),
                "tnfa_per_th1": float(sc.value(TNFA_SOURCES[0])),
                "lattice": list(sc.value("tissue.size_voxels")),
                "should_see": student_should_see(sc.text),
            }
        return {"controls": [c.as_json() for c in CONTROLS], "scenarios": scenarios,
                "order": list(self.scenarios), "categories": list(CATEGORIES),
                "cpus": os.cpu_count() or 1}


class TeachHandler(BaseHTTPRequestHandler):
    server: TeachServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # the terminal shows only the address line
        pass

    def _send(self, status: int, body: bytes, content_type: str):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, value):
        self._send(status, json.dumps(value, allow_nan=False).encode("utf-8"),
                   "application/json; charset=utf-8")

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, page(), "text/html; charset=utf-8")
        elif path == "/api/config":
            self._json(HTTPStatus.OK, self.server.config)
        elif path.startswith("/api/runs/"):
            run = self.server.manager.get(path.removeprefix("/api/runs/"))
            if run is None:
                self._json(HTTPStatus.NOT_FOUND, {"error": "no such run"})
            else:
                self._json(HTTPStatus.OK, run.as_json())
        elif path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
        else:
            self._json(HTTPStatus.NOT_FOUND, {"error": f"no page {path}"})

    def do_POST(self):
        if self.path.split("?", 1)[0] != "/api/runs":
            self._json(HTTPStatus.NOT_FOUND, {"error": "POST only to /api/runs"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "request too large"})
            return
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            name = body.get("scenario", "balanced")
            if name not in self.server.scenarios:
                raise ValueError(f"unknown scenario {name!r}; one of {', '.join(self.server.scenarios)}")
            values = body.get("values", {})
            if not isinstance(values, dict):
                raise ValueError("values must be an object")
            batch = max(1, int(body.get("batch", 1)))
            threads = max(1, (os.cpu_count() or 1) // batch)
            run = self.server.manager.start(self.server.scenarios[name], values, threads)
        except (ValueError, TypeError, json.JSONDecodeError) as e:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(e)})
            return
        except RuntimeError as e:
            self._json(HTTPStatus.SERVICE_UNAVAILABLE, {"error": str(e)})
            return
        self._json(HTTPStatus.ACCEPTED, run.as_json(with_result=False))
