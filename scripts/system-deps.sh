#!/bin/sh
# Install the Debian packages briefing uses, when this machine can (root with apt-get).
# Otherwise say what is missing and carry on: none of them is needed to build.
# poppler-utils (pdftotext, pdfinfo) is how `briefing verify` reads a PDF back.
set -u
# -- the accessibility checkers the tests run: veraPDF on Java (with the JAXB runtime it
#    loads its profiles with), axe-core in Chromium, npm to install axe-core; LibreOffice
#    Calc saves the example's workbook as Excel would (scripts/example_data.py) --
PACKAGES="libharfbuzz-subset0 libcairo2 fonts-crosextra-carlito poppler-utils libreoffice-impress
libreoffice-calc
default-jre-headless libjaxb-java chromium"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# -- npm by its command: a machine may have Node.js from elsewhere, with npm bundled --
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "installing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $missing >/dev/null \
    || echo "warning: could not install$missing; continuing without them"
else
  echo "note: optional Debian packages not installed:$missing"
  echo "      (sudo apt-get install$missing) for exact deck metrics and the viewer tests"
fi
exit 0
