#!/usr/bin/env python3
"""briefcast benchmarks: run by `cmake --build BUILD --target bench`.

Prints, measured in this one run:
  1. the whole pipeline on local articles vs espeak-ng alone on the same
     final text, one speech job pinned to one CPU and two speech jobs on two
     cores (goal: <= 1.15x and <= 0.65x), and the floor: espeak-ng plus the
     stages every episode needs (loudness, resampling, writing);
  2. extraction pages/s and MB/s vs Mozilla Readability (jsdom) and
     readability-lxml on the same development pages;
  3. fetch wall time at 200 ms latency, 50 and 200 articles, concurrent vs
     one by one (tests/server/server.py on 127.0.0.1);
  4. peak resident memory vs episode length.

Environment: BC_BENCH_PAGES (pages for 2, default 100:
Readability.js with jsdom takes about a second a page), BC_BENCH_SKIP (comma
separated section numbers to skip), BC_SHARED (default SOURCE/../shared).
The comparison extractors are installed on first use: npm packages into
BUILD/bench/node, Debian's python3-readability with apt-get (as root).
"""
import argparse
import glob
import gzip
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import wave


def log(*a):
    print(*a, flush=True)


def parse_kv(line):
    return {k: v for k, v in (w.split("=", 1) for w in line.split() if "=" in w)}


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd[:2]), r.returncode, r.stderr[-600:]))
    return r.stdout


# ---------------------------------------------------------------- articles

FIRST = ["Amara", "Tom", "Lena", "Rahul", "Sofia", "Kwame", "Mei", "Jonas", "Ines", "Pavel"]
LAST = ["Lindqvist", "Okafor", "Moreau", "Sharma", "Rossi", "Mensah", "Chen", "Berg", "Silva",
        "Novak"]
ROLE = ["a spokeswoman for the ministry", "the city's transport director", "an economist at the "
        "central bank", "a union leader", "a professor of hydrology", "the mayor"]
TOPIC = [("harbor bridge", "repair"), ("rail strike", "talks"), ("glacier melt", "study"),
         ("water prices", "reform"), ("school meals", "program"), ("wind farm", "plan")]


def article_text(k, paragraphs=9):
    """A plausible news article in the text format: title, lead, quotes."""
    r = random.Random(k)
    topic, thing = TOPIC[k % len(TOPIC)]
    who = [(r.choice(FIRST) + " " + r.choice(LAST), r.choice(ROLE)) for _ in range(3)]
    out = ["%s %s draws criticism as costs rise by %d percent" % (topic.capitalize(), thing,
                                                                  r.randint(5, 60)), ""]
    out.append("The %s %s announced on Tuesday will cost $%d.%d million over %d years, officials "
               "said, and work is expected to start in the spring." %
               (topic, thing, r.randint(2, 90), r.randint(1, 9), r.randint(2, 8)))
    out.append("")
    for p in range(paragraphs):
        name, role = who[p % 3]
        if p % 3 == 1:
            out.append('"We have waited for this %s for a long time, and the people who depend on '
                       'it deserve an answer before the winter," said %s, %s.' % (thing, name, role))
        elif p % 3 == 2:
            out.append('%s said the figures were "far from final" and that a second review '
                       'would follow in %d weeks.' % (name.split()[1], r.randint(2, 12)))
        else:
            out.append("Residents raised concerns at a meeting on %s evening, where %d people "
                       "asked about noise, traffic and the schedule of the %s." %
                       (r.choice(["Monday", "Wednesday", "Thursday"]), r.randint(40, 400), thing))
        out.append("")
    return "\n".join(out)


def make_articles(folder, n, start=0):
    paths = []
    for k in range(start, start + n):
        p = os.path.join(folder, "article-%03d.txt" % k)
        with open(p, "w") as f:
            f.write(article_text(k))
        paths.append(p)
    return paths


# ---------------------------------------------------------------- sections

def bench_pipeline(a, tmp):
    arts = sorted(glob.glob(os.path.join(a.source, "examples", "*.html")) +
                  glob.glob(os.path.join(a.source, "examples", "*.txt")))
    arts += make_articles(tmp, 9)
    prog = os.path.join(a.build, "bench", "bench_pipeline")
    res = {}
    # One core: the process and its workers pinned to one CPU, one speech
    # job.  Both cores: two speech jobs, unpinned.  Each run measures
    # espeak-ng alone right after, in the same conditions.
    for j, pin in ((1, ["--pin"]), (2, [])):
        out = run([prog] + pin + ["--jobs", str(j), "--repeat", "3", "--out", tmp] + arts)
        for line in out.splitlines():
            kv = parse_kv(line)
            if line.startswith("pipeline"):
                res["jobs%d" % j] = float(kv["seconds"])
                res["cpu%d" % j] = float(kv["cpu"])
                res["audio"] = float(kv["audio"])
            elif line.startswith("espeak"):
                res["espeak%d" % j] = float(kv["seconds"])
            elif line.startswith("stages"):
                res["stages%d" % j] = sum(float(kv[k]) for k in ("meter", "resample", "write"))
                res["stage_kv"] = kv
    log("1. Whole pipeline vs espeak-ng alone (%d articles, %.0f s of audio, best of 3)" %
        (len(arts), res["audio"]))
    for j, goal, label in ((1, 1.15, "one core (pinned), 1 speech job "),
                           (2, 0.65, "two cores, 2 speech jobs         ")):
        t, e = res["jobs%d" % j], res["espeak%d" % j]
        log("   %s pipeline %6.2f s  espeak-ng alone %6.2f s  ratio %.2fx  (goal <= %.2fx: %s)" %
            (label, t, e, t / e, goal, "met" if t / e <= goal else "NOT met"))
    kv, e = res["stage_kv"], res["espeak1"]
    floor1 = (e + res["stages1"]) / e
    log("   Least any briefing costs: espeak-ng plus the stages every episode needs, each")
    log("   timed alone on the same speech (one core): libebur128 loudness %.3f s, libsoxr" %
        float(kv["meter"]))
    log("   to 44.1 kHz %.3f s, libsndfile WAV %.3f s: %.2fx on one core, %.2fx on two at best" %
        (float(kv["resample"]), float(kv["write"]), floor1, floor1 / 2))
    return res


def ensure_readability_js(a):
    node_dir = os.path.abspath(os.path.join(a.build, "bench", "node"))
    mods = os.path.join(node_dir, "node_modules")
    if not os.path.isdir(os.path.join(mods, "@mozilla", "readability")) or \
            not os.path.isdir(os.path.join(mods, "jsdom")):
        os.makedirs(node_dir, exist_ok=True)
        log("   (installing @mozilla/readability and jsdom with npm into %s)" % node_dir)
        run(["npm", "install", "--no-audit", "--no-fund", "--prefix", node_dir,
             "@mozilla/readability", "jsdom"])
    return mods


def ensure_readability_lxml():
    py = "/usr/bin/python3"
    if subprocess.run([py, "-c", "import readability"], capture_output=True).returncode == 0:
        return py
    if os.geteuid() != 0:
        raise RuntimeError("python3-readability is missing (apt-get install python3-readability)")
    log("   (installing python3-readability with apt-get)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                       "python3-readability"], capture_output=True, env=env).returncode:
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, env=env)
        run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "python3-readability"],
            env=env)
    return py


def bench_extract(a, tmp):
    src = os.path.join(a.shared, "data", "extract-dev")
    pages = sorted(glob.glob(os.path.join(src, "*.html.gz")))[:int(os.environ.get("BC_BENCH_PAGES",
                                                                                  "100"))]
    if not pages:
        log("2. Extraction: skipped, no pages in %s" % src)
        return {}
    folder = os.path.join(tmp, "pages")
    os.makedirs(folder, exist_ok=True)
    files = []
    for p in pages:
        dst = os.path.join(folder, os.path.basename(p)[:-3])
        with gzip.open(p, "rb") as f, open(dst, "wb") as g:
            shutil.copyfileobj(f, g)
        files.append(dst)
    rows = []
    kv = parse_kv(run([os.path.join(a.build, "bench", "bench_extract")] + files))
    rows.append(("briefcast", kv))
    try:
        mods = ensure_readability_js(a)
        kv = parse_kv(run(["node", os.path.join(a.source, "bench", "readability_js.mjs")] + files,
                          env=dict(os.environ, BC_NODE_MODULES=mods)))
        rows.append(("Readability.js + jsdom", kv))
    except Exception as e:  # report, go on with the others
        log("   Readability.js: not measured: %s" % e)
    try:
        py = ensure_readability_lxml()
        kv = parse_kv(run([py, os.path.join(a.source, "bench", "readability_lxml.py")] + files))
        rows.append(("readability-lxml", kv))
    except Exception as e:
        log("   readability-lxml: not measured: %s" % e)
    mb = int(rows[0][1]["bytes"]) / 1e6
    log("2. Extraction on %d development pages (%.1f MB), one core" % (len(files), mb))
    ours = float(rows[0][1]["seconds"])
    res = {}
    for name, kv in rows:
        t = float(kv["seconds"])
        res[name] = t
        log("   %-24s %7.2f s  %7.1f pages/s  %6.2f MB/s  (%s ok)  briefcast is %.1fx faster" %
            (name, t, len(files) / t, mb / t, kv.get("ok", "?"), t / ours) if name != "briefcast"
            else "   %-24s %7.2f s  %7.1f pages/s  %6.2f MB/s  (%s ok)" %
            (name, t, len(files) / t, mb / t, kv.get("ok", "?")))
    return res


def start_server(a, tmp):
    server = os.path.join(a.source, "tests", "server", "server.py")
    port_file = os.path.join(tmp, "port")
    p = subprocess.Popen([sys.executable, server, "--port-file", port_file, "--lifetime", "600"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if os.path.exists(port_file) and open(port_file).read().strip():
            return p, "http://127.0.0.1:%s" % open(port_file).read().strip()
        time.sleep(0.1)
    p.kill()
    raise RuntimeError("the test server did not start")


def bench_fetch(a, tmp):
    if not os.path.exists(os.path.join(a.source, "tests", "server", "server.py")):
        log("3. Fetch: skipped, no tests/server/server.py")
        return {}
    proc, base = start_server(a, tmp)
    res = {}
    try:
        log("3. Fetch at 200 ms latency per request (127.0.0.1)")
        for n in (50, 200):
            for jobs in (1, 0):
                kv = parse_kv(run([os.path.join(a.build, "bench", "bench_fetch"), base, str(n),
                                   "200", str(jobs)]))
                res[(n, jobs)] = float(kv["seconds"])
                if kv["failed"] != "0":
                    log("   (%s of %d failed)" % (kv["failed"], n))
            seq, con = res[(n, 1)], res[(n, 0)]
            log("   %3d articles: one by one %6.2f s, concurrent (%s at once) %6.2f s: %.1fx faster"
                % (n, seq, kv["jobs"], con, seq / con))
    finally:
        proc.kill()
        proc.wait()
    return res


def bench_memory(a, tmp):
    tool = os.path.join(a.build, "briefcast")
    folder = os.path.join(tmp, "mem")
    os.makedirs(folder, exist_ok=True)
    arts = make_articles(folder, 32, start=100)
    log("4. Peak resident memory vs episode length (briefcast brief ... -o x.wav)")
    res = []
    for n in (1, 4, 16, 32):
        out = os.path.join(folder, "ep-%d.wav" % n)
        t0 = time.time()
        p = subprocess.Popen([tool, "brief", "-q", "--date", "2026-11-27", "-o", out] + arts[:n],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.time() - t0
        if status:
            log("   %d articles: failed: %s" % (n, p.stderr.read().decode()[-300:]))
            continue
        with wave.open(out) as w:
            seconds = w.getnframes() / w.getframerate()
        # ru_maxrss of a reaped child: the largest of it and the processes it
        # waited for (here the speech workers), in kB.
        res.append((n, seconds, ru.ru_maxrss / 1024.0, wall))
        log("   %2d stor%s  %6.1f min of audio  peak RSS %6.1f MB  (%.1f s)" %
            (n, "y  " if n == 1 else "ies", seconds / 60, ru.ru_maxrss / 1024.0, wall))
    if len(res) >= 2:
        (n0, s0, m0, _), (n1, s1, m1, _) = res[0], res[-1]
        log("   growth: %.2f MB per minute of audio (%.1f -> %.1f MB for %.1f -> %.1f min)" %
            ((m1 - m0) / ((s1 - s0) / 60), m0, m1, s0 / 60, s1 / 60))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--source", required=True)
    a = ap.parse_args()
    a.shared = os.environ.get("BC_SHARED", os.path.join(a.source, "..", "shared"))
    skip = set(os.environ.get("BC_BENCH_SKIP", "").split(","))
    log("briefcast benchmarks, %s, %d cores" % (time.strftime("%Y-%m-%d %H:%M"), os.cpu_count()))
    failed = 0
    with tempfile.TemporaryDirectory(prefix="briefcast-bench-") as tmp:
        for num, fn in (("1", bench_pipeline), ("2", bench_extract), ("3", bench_fetch),
                        ("4", bench_memory)):
            if num in skip:
                continue
            try:
                fn(a, tmp)
            except Exception as e:
                failed += 1
                log("%s. failed: %s" % (num, e))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
