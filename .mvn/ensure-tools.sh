# Sourced by ./mvnw (and so by ./demo and .ci/run): installs the host tools the droids and their tests need,
# where this machine lets us, and otherwise says exactly what to install.
#   bubblewrap: the sandbox repository code runs in (docs/security.md)
#   chromium, chromium-driver: the headless browser the e2e browser tests drive Mission Control with (/ui)

missions_ensure_package() { # command debian-package [fedora-package]
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "missions: installing $2 (Debian package) ..." >&2
    if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1; }; then
      return 0
    fi
  fi
  echo "missions: '$1' is missing and could not be installed here. Install the package '$2'" \
    "(Debian/Ubuntu: sudo apt-get install -y $2; Fedora: sudo dnf install -y ${3:-$2})." >&2
  return 1
}

missions_ensure_package bwrap bubblewrap || echo "missions: without it the droids refuse to start and their tests fail." >&2
missions_ensure_package chromium chromium \
  || echo "missions: only the e2e browser tests (BrowserIT, MissionControlIT) need it; without it they fail." >&2
missions_ensure_package chromedriver chromium-driver chromedriver \
  || echo "missions: only the e2e browser tests (BrowserIT, MissionControlIT) need it; without it they fail." >&2
