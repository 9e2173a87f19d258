#!/usr/bin/env bash
# The browser tests and `npm run screenshots` drive Debian's Chromium through playwright-core
# (`npx playwright install` cannot download a browser here). Installs it, with a small CJK font so
# Chinese text renders in screenshots, where it is missing and we may; otherwise says what to do.
set -euo pipefail
chromium_bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
has_cjk_font() { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; }
if [ -x "$chromium_bin" ] && has_cjk_font; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Chromium and a CJK font for the browser tests (apt-get)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei fontconfig >/dev/null
  exit 0
fi
if [ -x "$chromium_bin" ]; then
  echo "No CJK font found: Chinese text will render as boxes in screenshots (Debian: sudo apt-get install -y fonts-wqy-microhei)." >&2
  exit 0
fi
echo "The browser tests need Chromium: install it (Debian/Ubuntu: sudo apt-get install -y chromium fonts-wqy-microhei; macOS: brew install --cask chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary, and run again." >&2
exit 1
