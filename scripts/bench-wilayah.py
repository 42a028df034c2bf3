"""Drill-down latency of the regional pages on a running monev server.

    monev demo --provinsi --out /tmp/prov
    MONEV_PASSWORD=... monev user add bench --role evaluator --db /tmp/prov/monev.db
    monev serve --db /tmp/prov/monev.db --addr 127.0.0.1:8099 &
    python3 scripts/bench-wilayah.py http://127.0.0.1:8099 bench PASSWORD [requests]

Signs in as a person would (the sign-in form and its CSRF cookie), asks for
the top level once (cold: the server reads every programme's rows and rolls
them up), then walks random drill-down paths, the top → a kabupaten/kota →
a kecamatan (whose page lists its units), as HTML pages and as JSON, and
prints the latency percentiles of the warm requests. Standard library only.
"""
import http.cookiejar
import json
import random
import re
import sys
import time
import urllib.parse
import urllib.request

base, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 300
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

form = opener.open(base + "/masuk").read().decode()
token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
body = urllib.parse.urlencode({"username": user, "password": password, "csrf": token, "ke": "/"}).encode()
opener.open(base + "/masuk", body).read()


def get(path):
    t = time.perf_counter()
    with opener.open(base + path) as r:
        data = r.read()
        assert r.status == 200, (path, r.status)
    return time.perf_counter() - t, data


periode = sys.argv[5] if len(sys.argv) > 5 else "2025-T3"
cold, top = get(f"/api/v1/wilayah?periode={periode}")
top = json.loads(top)["simpul"]
provinces = [a["kode"] for a in top["anak"] if a["tingkat"]]
kotas = {}
for p in provinces:
    _, d = get(f"/api/v1/wilayah/{p}?periode={periode}")
    kotas[p] = [a["kode"] for a in json.loads(d)["simpul"]["anak"] if a["tingkat"]]
pages, api = [], []
rng = random.Random(7)
for i in range(n):
    p = rng.choice(provinces)
    k = rng.choice(kotas[p])
    for path in [f"/wilayah?periode={periode}", f"/wilayah/{p}?periode={periode}", f"/wilayah/{k}?periode={periode}"]:
        pages.append(get(path)[0])
    _, d = get(f"/api/v1/wilayah/{k}?periode={periode}")
    kec = rng.choice([a["kode"] for a in json.loads(d)["simpul"]["anak"] if a["tingkat"]])
    pages.append(get(f"/wilayah/{kec}?periode={periode}")[0])
    api.append(get(f"/api/v1/wilayah/{kec}?periode={periode}")[0])


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] * 1000


print(f"cold first request (read and roll up every programme): {cold * 1000:.0f} ms")
for name, xs in [("pages", pages), ("api", api)]:
    print(f"{name}: {len(xs)} requests, p50 {pct(xs, 0.5):.1f} ms, p99 {pct(xs, 0.99):.1f} ms, max {max(xs) * 1000:.1f} ms")
