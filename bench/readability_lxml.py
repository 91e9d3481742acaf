"""readability-lxml (Debian's python3-readability) over the same pages as
bench_extract: all files read first, then Document(...).summary() timed.
Prints like bench_extract."""
import sys
import time
import logging
from readability import Document

logging.disable(logging.CRITICAL)
files = sys.argv[1:]
pages = [open(f, "rb").read() for f in files]
ok = 0
t0 = time.perf_counter()
for raw in pages:
    try:
        doc = Document(raw, url="https://example.com/article.html")
        if doc.summary():
            ok += 1
    except Exception:
        pass
t = time.perf_counter() - t0
print("pages=%d bytes=%d seconds=%.3f ok=%d" % (len(files), sum(map(len, pages)), t, ok))
