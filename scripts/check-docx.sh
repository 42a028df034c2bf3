#!/usr/bin/env bash
# Converts each DOCX given with LibreOffice (headless) and renders every page of
# the PDF with pdftoppm; fails on any warning LibreOffice prints, or on a page
# that does not render. Used by .ci/run on the demo's reports.
set -euo pipefail
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for docx in "$@"; do
  name=$(basename "$docx" .docx)
  soffice --headless --norestore "-env:UserInstallation=file://$out/profile" \
    --convert-to pdf --outdir "$out" "$docx" >"$out/$name.log" 2>&1
  # Besides the line naming the conversion, only the notice of a machine
  # without Java (javaldx) is expected; anything else is a warning.
  if grep -v -e '^convert ' -e 'javaldx' "$out/$name.log" | grep -q .; then
    echo "LibreOffice warned while converting $docx:"
    cat "$out/$name.log"
    exit 1
  fi
  pdf="$out/$name.pdf"
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  pdftoppm -r 30 -png "$pdf" "$out/$name-page"
  rendered=$(find "$out" -name "$name-page*.png" | wc -l)
  if [ "${pages:-0}" -lt 1 ] || [ "$rendered" -ne "$pages" ]; then
    echo "$docx: pdftoppm rendered $rendered of ${pages:-0} pages"
    exit 1
  fi
  echo "$docx: LibreOffice → PDF without warnings, $pages pages, every page rendered"
done
