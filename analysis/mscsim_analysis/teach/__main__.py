"""`python3 -m mscsim_analysis.teach [--port N] [--host H]`: the teaching app (scripts/teach)."""

from __future__ import annotations

# The app reads a run's growing .partial as an HDF5 SWMR reader (docs/output-format.md,
# "Reading a run while it goes"): no file-locking workaround is needed.
import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from .controls import catalogue_defaults, load_scenarios
from .runs import RunManager
from .server import TeachServer

REPO = Path(__file__).resolve().parents[3]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/teach", description=(
        "A local web page for teaching the MSC Yin-Yang balance: sliders and switches become "
        "--set overrides of the teaching scenarios, run by the real mscsim binary."))
    parser.add_argument("--port", type=int, default=8765, help="port (0: any free port; default 8765)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--binary", default=os.environ.get("MSCSIM_BINARY", str(REPO / "build" / "mscsim")),
                        help="the mscsim executable (default: $MSCSIM_BINARY, else build/mscsim)")
    parser.add_argument("--source-dir", default=os.environ.get("MSCSIM_SOURCE_DIR", str(REPO)),
                        help="the repository holding scenarios/teaching (default: this checkout)")
    args = parser.parse_args(argv)

    binary = Path(args.binary)
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        print(f"scripts/teach: no mscsim binary at {binary}; build it (scripts/build) or set MSCSIM_BINARY",
              file=sys.stderr)
        return 2
    scenarios = load_scenarios(Path(args.source_dir), catalogue_defaults(binary))
    manager = RunManager(binary)
    try:
        server = TeachServer((args.host, args.port), scenarios, manager)
    except OSError as e:
        manager.close()
        print(f"scripts/teach: cannot listen on {args.host}:{args.port}: {e}", file=sys.stderr)
        return 2

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"mscsim teaching app: http://{shown}:{port}/  (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        manager.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
