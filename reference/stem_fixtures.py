"""Reference roots for monev's stemmer from PySastrawi, a port of the same
algorithm (Nazief–Adriani with ECS) independent of the Rust crate:

    pip install PySastrawi==1.2.1
    python3 reference/stem_fixtures.py > crates/koding/tests/fixtures/stems.json

Words: every word of the demo's interview passages (crates/demo/src/interviews.rs)
and the examples the Sastrawi documentation publishes.
"""
import json
import os
import re

import Sastrawi
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

here = os.path.dirname(__file__)
src = open(os.path.join(here, "..", "crates", "demo", "src", "interviews.rs"), encoding="utf-8").read()
texts = re.findall(r'"([^"]{12,})"', src)
words = set()
for t in texts:
    for w in re.findall(r"[A-Za-z][A-Za-z-]+", t):
        words.add(w.lower())
published = ["menahan", "berbalas-balasan", "perekonomian", "pertumbuhan", "membanggakan", "membangunkan",
             "bersembunyi", "menerangi", "pertanian", "kesepersepuluhnya", "mempermainkan", "ditemukan",
             "pelayanan", "mengikuti", "ditugaskan", "kesehatan", "penyelesaian", "keterlambatan"]
words.update(published)
stemmer = StemmerFactory().create_stemmer()
print(json.dumps({"generator": "PySastrawi 1.2.1", "stems": {w: stemmer.stem(w) for w in sorted(words)}},
                 indent=1, ensure_ascii=False))
