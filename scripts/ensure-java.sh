#!/usr/bin/env bash
# DynamoDB Local (the real engine the tests and `npm start` use) needs Java 17 or newer.
# Installs it with apt-get where it is missing and we may; otherwise says what to do.
set -euo pipefail
java_major() { java -version 2>&1 | sed -nE 's/.*version "([0-9]+)(\.([0-9]+))?.*/\1 \3/p' | awk '{ print ($1 == 1) ? $2 : $1 }'; }
if command -v java >/dev/null 2>&1 && [ "$(java_major)" -ge 17 ] 2>/dev/null; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Java 17 for DynamoDB Local (apt-get)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
  exit 0
fi
echo "DynamoDB Local needs Java 17+: install it (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; macOS: brew install openjdk@17) and run again." >&2
exit 1
