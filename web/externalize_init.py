"""Trunk post-build hook: move the inline start-up script into init.js.

The page's Content-Security-Policy allows scripts from the site only (no inline
script), so the module script Trunk writes into index.html is saved as init.js and
replaced by a reference to it.
"""
import os
import pathlib
import re
import sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", "dist"))
index = staging / "index.html"
html = index.read_text(encoding="utf-8")
pattern = re.compile(r'<script type="module"[^>]*>(.*?)</script>', re.S)
inline = [m for m in pattern.finditer(html) if "src=" not in m.group(0).split(">")[0]]
if not inline:
    sys.exit(0)
match = inline[0]
(staging / "init.js").write_text(match.group(1).strip() + "\n", encoding="utf-8")
html = html[: match.start()] + '<script type="module" src="./init.js"></script>' + html[match.end():]
index.write_text(html, encoding="utf-8")
