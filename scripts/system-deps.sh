#!/usr/bin/env bash
# Installs the Debian packages the project needs (browser for tests and chart images, CJK fonts, and for the
# deck-fit test LibreOffice Impress to render the deck to PDF and poppler-utils to read its words back).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk)  # no -q: pipefail + SIGPIPE
command -v soffice >/dev/null || need+=(libreoffice-impress)
command -v pdftotext >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
