#!/bin/sh
# Install the Debian packages briefing uses, when this machine can (root with apt-get).
# Otherwise say what is missing and carry on: none of them is needed to build.
set -u
PACKAGES="libharfbuzz-subset0 fonts-crosextra-carlito poppler-utils libreoffice-impress chromium"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "installing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $missing >/dev/null \
    || echo "warning: could not install$missing; continuing without them"
else
  echo "note: optional Debian packages not installed:$missing"
  echo "      (sudo apt-get install$missing) for exact deck metrics, the viewer tests and the phone-width test"
fi
exit 0
