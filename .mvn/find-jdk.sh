# Sourced by ./mvnw and the project scripts: makes JAVA_HOME point at a JDK 21 or newer.
# Keeps a suitable JAVA_HOME; otherwise tries `java` on the PATH, then the JDKs under the usual roots.

missions_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

missions_jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  major=$(missions_java_major "$1")
  [ -n "$major" ] && [ "$major" -ge 21 ]
}

missions_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && missions_jdk_ok "$JAVA_HOME"; then return 0; fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if missions_jdk_ok "$candidate"; then JAVA_HOME=$candidate; export JAVA_HOME; return 0; fi
  fi
  # mvnw runs with `set -f`; the search below needs globbing.
  case $- in *f*) set +f; missions_restore_noglob=1 ;; esac
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if missions_jdk_ok "$candidate"; then JAVA_HOME=$candidate; export JAVA_HOME; break; fi
  done
  [ -z "${missions_restore_noglob-}" ] || set -f
  if [ -n "${JAVA_HOME-}" ] && missions_jdk_ok "$JAVA_HOME"; then return 0; fi
  echo "missions needs a JDK 21 or newer and found none (JAVA_HOME=${JAVA_HOME-unset}; looked at the PATH and under /usr/lib/jvm, /usr/java, /opt). Install one, e.g. Temurin 21, and set JAVA_HOME." >&2
  return 1
}

missions_find_jdk || exit 1
