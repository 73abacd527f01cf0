#!/usr/bin/env python3
"""Make a scaled copy of a Service Manual snapshot for benchmarks.

generate-site.py SOURCE OUTPUT PAGES

Copies the site's _config.yml, _layouts and _includes once, then copies service-manual/ again and
again under distinct folders (sm0/, sm1/, ...) until there are at least PAGES pages, rewriting the
site-absolute links of each copy to stay inside it, so that every copy has the same real broken
links as the original.
"""
import os
import re
import shutil
import sys

source, output, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])
LINK = re.compile(r"/service-manual(?=[/)\"'#?\s]|$)", re.M)


def is_page(path):
    if not path.endswith((".md", ".markdown", ".html")):
        return False
    with open(path, "rb") as f:
        return f.read(4) in (b"---\n", b"---\r")


if os.path.exists(output):
    shutil.rmtree(output)
os.makedirs(output)
for name in ("_config.yml", "_layouts", "_includes"):
    src = os.path.join(source, name)
    if os.path.isdir(src):
        shutil.copytree(src, os.path.join(output, name))
    elif os.path.exists(src):
        shutil.copy(src, os.path.join(output, name))

content = os.path.join(source, "service-manual")
files = []
for folder, _, names in os.walk(content):
    for name in sorted(names):
        files.append(os.path.relpath(os.path.join(folder, name), content))
per_copy = sum(1 for f in files if is_page(os.path.join(content, f)))

pages = 0
copy = 0
while pages < wanted:
    prefix = f"sm{copy}"
    for relative in files:
        src = os.path.join(content, relative)
        dst = os.path.join(output, prefix, relative)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if relative.endswith((".md", ".markdown", ".html")):
            with open(src, "rb") as f:
                data = f.read()
            data = LINK.sub("/" + prefix, data.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")
            with open(dst, "wb") as f:
                f.write(data)
        else:
            os.link(src, dst) if os.stat(src).st_dev == os.stat(os.path.dirname(dst)).st_dev else shutil.copy(src, dst)
    pages += per_copy
    copy += 1
print(f"{output}: {pages} pages in {copy} copies of {per_copy}")
