"""A local web app for teaching the MSC Yin–Yang balance (docs/teaching.md).

The page's controls become `--set` overrides of a teaching scenario; every run is the real
`mscsim run` binary, never a stand-in model. Start it with `scripts/teach`.
"""
