#!/usr/bin/env bash
# Checks report files the way a reader's tools open them: each DOCX is
# converted to PDF with LibreOffice (headless), failing on any warning it
# prints; each PDF (converted, or written by monev) has every page rendered
# by pdftoppm. Used by .ci/run on the demo's reports.
set -euo pipefail
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
render() { # PDF, label
  local pdf=$1 label=$2 pages rendered
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  pdftoppm -r 30 -png "$pdf" "$out/$label-page" 2>/dev/null
  rendered=$(find "$out" -name "$label-page*.png" | wc -l)
  if [ "${pages:-0}" -lt 1 ] || [ "$rendered" -ne "$pages" ]; then
    echo "$label: pdftoppm rendered $rendered of ${pages:-0} pages"
    exit 1
  fi
  echo "$pages"
}
for file in "$@"; do
  name=$(basename "$file")
  label=${name//./-}
  case "$file" in
    *.docx)
      soffice --headless --norestore "-env:UserInstallation=file://$out/profile" \
        --convert-to pdf --outdir "$out" "$file" >"$out/$label.log" 2>&1
      # Besides the line naming the conversion, only the notice of a machine
      # without Java (javaldx) is expected; anything else is a warning.
      if grep -v -e '^convert ' -e 'javaldx' "$out/$label.log" | grep -q .; then
        echo "LibreOffice warned while converting $file:"
        cat "$out/$label.log"
        exit 1
      fi
      pages=$(render "$out/${name%.docx}.pdf" "$label")
      echo "$file: LibreOffice → PDF without warnings, $pages pages, every page rendered"
      ;;
    *.pdf)
      pages=$(render "$file" "$label")
      echo "$file: $pages pages, every page rendered"
      ;;
    *) echo "$file: not a DOCX or PDF"; exit 1 ;;
  esac
done
