"""Decodes monev's QR fixture with ZXing (zxing-cpp), a reader independent
of the `qrcode` crate that drew it, and checks it carries the form's URL:

    pip install zxing-cpp pillow
    python3 reference/qr_decode.py

The Rust test `qr::tests::the_png_a_zxing_reader_decoded_is_still_what_we_draw`
keeps the generator producing exactly this image.
"""
import os
import sys

import zxingcpp
from PIL import Image

path = os.path.join(os.path.dirname(__file__), "..", "crates", "report", "tests", "fixtures", "qr-7KQ2M9XA.png")
found = zxingcpp.read_barcodes(Image.open(path))
texts = [b.text for b in found if b.format == zxingcpp.BarcodeFormat.QRCode]
want = "https://monev.example/f/7KQ2M9XA"
if texts != [want]:
    sys.exit(f"decoded {texts!r}, expected [{want!r}]")
print(f"ok: {path} decodes to {want}")
