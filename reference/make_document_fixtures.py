"""Documents for monev's text extraction tests:

    python3 reference/make_document_fixtures.py

Writes crates/dokumen/tests/fixtures/:
  laporan.pdf       a one-page PDF with a text layer (Helvetica, WinAnsi),
                    written by hand so the bytes are plain to read
  pindaian.pdf      a scanned page: an image and no text layer (Pillow)
  notulen.docx      a minimal Word document: two paragraphs, a tab, an
                    escaped ampersand
  sk.txt            plain UTF-8 text
"""
import io
import os
import zipfile

from PIL import Image, ImageDraw

out = os.path.join(os.path.dirname(__file__), "..", "crates", "dokumen", "tests", "fixtures")
os.makedirs(out, exist_ok=True)

# A text PDF: one page, two lines.
lines = ["Laporan Pelaksanaan Pelatihan ASN", "Realisasi anggaran 97,9 persen dari pagu."]
content = "BT /F1 14 Tf 72 720 Td (" + lines[0] + ") Tj 0 -24 Td /F1 11 Tf (" + lines[1] + ") Tj ET"
objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
]
pdf = io.BytesIO()
pdf.write(b"%PDF-1.4\n")
offsets = []
for i, body in enumerate(objects, 1):
    offsets.append(pdf.tell())
    pdf.write(f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1"))
xref = pdf.tell()
pdf.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
for o in offsets:
    pdf.write(f"{o:010d} 00000 n \n".encode())
pdf.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
open(os.path.join(out, "laporan.pdf"), "wb").write(pdf.getvalue())

# A scanned page: an image of text, no text layer.
img = Image.new("L", (620, 877), 255)
d = ImageDraw.Draw(img)
for k in range(12):
    d.rectangle([60, 80 + k * 40, 560 - (k % 3) * 60, 92 + k * 40], fill=40)
img.save(os.path.join(out, "pindaian.pdf"), "PDF", resolution=75.0)

# A minimal DOCX.
document = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    '<w:p><w:r><w:t>Notulen rapat evaluasi</w:t></w:r></w:p>'
    '<w:p><w:r><w:t xml:space="preserve">Peserta: camat </w:t></w:r><w:r><w:t>&amp; lurah</w:t></w:r>'
    '<w:r><w:tab/><w:t>hadir 12 orang.</w:t></w:r></w:p>'
    '</w:body></w:document>'
)
types = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
with zipfile.ZipFile(os.path.join(out, "notulen.docx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", types)
    z.writestr("word/document.xml", document)

open(os.path.join(out, "sk.txt"), "w", encoding="utf-8").write(
    "Surat Keputusan Camat Ampenan\nNomor 12 Tahun 2025 tentang Tim Evaluasi\n")
print("ok")
